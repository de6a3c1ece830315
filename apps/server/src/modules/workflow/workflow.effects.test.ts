import { describe, expect, it } from 'vitest';
import { processDefinitionSchema, type Effect, type ProcessDefinition } from '@onehall/engine';
import { applyChanges, planEffects } from './workflow.effects.ts';
import type { TaskRow } from './workflow.table.ts';

const definition = processDefinitionSchema.parse({ nodes: [{ id: 'a', type: 'approver', name: '部门审核', assignee: { kind: 'people', personIds: ['00000000-0000-4000-8000-000000000001'] } }] }) as ProcessDefinition;
const at = new Date('2026-11-25T02:00:00.000Z');
const target = { id: 'app-1', title: '张三的网站变更申请', service_id: 'svc-1' };

function task(key: string, status: TaskRow['status']): TaskRow {
  return {
    id: `id-${key}`, application_id: 'app-1', node_id: 'a', node_name: '部门审核', assignee_person_id: 'p1', service_id: 'svc-1', status, engine_key: key, kind: 'approve',
    for_key: null, last_urged_at: null, opinion: null, version: 0, created_at: new Date('2026-11-25T01:00:00.000Z'), completed_at: null,
  };
}

describe('planEffects: the engine effects of one action folded into the rows it writes', () => {
  it('writes a task opened and closed within one action once, already closed', () => {
    const effects: Effect[] = [
      { type: 'openTask', key: 'a:1', nodeId: 'a', assignee: 'p1', kind: 'approve' },
      { type: 'closeTask', key: 'a:1', status: 'approved', opinion: '自动通过' },
    ];
    const plan = planEffects(target, definition, effects, null, at);
    expect(plan.opened).toMatchObject([{ engine_key: 'a:1', node_name: '部门审核', status: 'approved', opinion: '自动通过', completed_at: at }]);
    expect(plan.changed).toEqual([]);
  });

  it('folds a suspend then a close of an existing task into one change, and never re-closes a closed one', () => {
    const effects: Effect[] = [
      { type: 'suspendTask', key: 'a:1' },
      { type: 'closeTask', key: 'a:1', status: 'cancelled' },
      { type: 'closeTask', key: 'a:1', status: 'approved', opinion: '晚到的意见' },
    ];
    const plan = planEffects(target, definition, effects, null, at);
    expect(plan.changed).toEqual([{ engine_key: 'a:1', status: 'cancelled', completed: true, opinion: null, only_live: false }]);
  });

  it('turns messages and timers into jobs and keeps timeline entries in order', () => {
    const effects: Effect[] = [
      { type: 'log', action: 'approve', actor: 'p1', nodeId: 'a', opinion: '同意' },
      { type: 'notify', people: ['p2', 'p2', 'p3'], event: 'taskAssigned' },
      { type: 'schedule', kind: 'remind', nodeId: 'a', entry: 1, at: '2026-11-26T02:00:00.000Z' },
      { type: 'cc', people: ['p4'] },
      { type: 'cc', people: ['p4', 'p5'] },
      { type: 'log', action: 'complete', actor: null, nodeId: null },
    ];
    const plan = planEffects(target, definition, effects, 'p1', at);
    expect(plan.timeline.map((entry) => entry.action)).toEqual(['approve', 'complete']);
    expect(plan.jobs.map((job) => [job.kind, job.payload.personId ?? job.payload.kind])).toEqual([['notify.event', 'p2'], ['notify.event', 'p3'], ['workflow.timer', 'remind']]);
    expect(plan.copies).toEqual({ people: ['p4', 'p5'], by: 'p1', serviceId: 'svc-1' });
  });

  it('says how an application ended in the message job of its ending', () => {
    for (const outcome of ['approved', 'rejected', 'withdrawn', 'terminated'] as const) {
      const plan = planEffects(target, definition, [{ type: 'finished', outcome }, { type: 'notify', people: ['p1'], event: 'ended' }], null, at);
      expect(plan.jobs.map((job) => job.payload)).toEqual([expect.objectContaining({ event: 'ended', personId: 'p1', outcome })]);
    }
    const assigned = planEffects(target, definition, [{ type: 'notify', people: ['p2'], event: 'taskAssigned' }], null, at);
    expect(assigned.jobs[0]!.payload).not.toHaveProperty('outcome');
  });
});

describe('applyChanges: the rows as they are after the write, for the answer', () => {
  it('changes only live tasks for a close, appends opened tasks and adds the new timeline entries after the old ones', () => {
    const plan = planEffects(target, definition, [
      { type: 'closeTask', key: 'a:1', status: 'approved', opinion: '同意' },
      { type: 'closeTask', key: 'a:0', status: 'cancelled' },
      { type: 'openTask', key: 'b:1', nodeId: 'a', assignee: 'p2', kind: 'approve' },
      { type: 'log', action: 'approve', actor: 'p1', nodeId: 'a', opinion: '同意' },
    ], 'p1', at);
    const before = [task('a:0', 'rejected'), task('a:1', 'pending')];
    const timeline = [{ id: '17', application_id: 'app-1', action: 'submit' as const, actor_person_id: 'p0', node_id: null, node_name: null, opinion: null, detail: null, at }];
    const after = applyChanges('app-1', before, timeline, plan);
    expect(after.tasks.map((t) => [t.engine_key, t.status, t.opinion])).toEqual([['a:0', 'rejected', null], ['a:1', 'approved', '同意'], ['b:1', 'pending', null]]);
    expect(after.timeline.map((e) => e.action)).toEqual(['submit', 'approve']);
  });
});
