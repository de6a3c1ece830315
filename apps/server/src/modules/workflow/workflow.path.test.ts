import { describe, expect, it } from 'vitest';
import { advance, initialState, processDefinitionSchema, type Action, type EngineState, type ProcessDefinition, type ProcessDefinitionInput } from '@onehall/engine';
import { applicationPath } from './workflow.path.ts';

const AT = '2026-11-25T02:00:00.000Z';
const define = (input: ProcessDefinitionInput) => processDefinitionSchema.parse(input) as ProcessDefinition;

/** Starts an application and applies actions, keeping what the path reads: the state, the tasks and the timeline. */
function run(definition: ProcessDefinition, plan: Record<string, string[]>, data: Record<string, unknown>, steps: ((state: EngineState) => Action)[] = []) {
  const tasks = new Map<string, { node_id: string; assignee_person_id: string; status: 'pending' | 'suspended' | 'approved' | 'rejected' | 'returned' | 'cancelled'; kind: string; created_at: Date; completed_at: Date | null }>();
  const timeline: { action: 'submit'; node_id: string | null; at: Date }[] = [];
  let state = initialState();
  const actions: Action[] = [{ type: 'start', at: AT, actor: 'me', data, applicant: { personId: 'me', kind: 'student', departmentId: 'd', classId: null, roles: [], headPersonId: null }, plan }];
  for (let i = 0; i < actions.length + steps.length; i++) {
    const action = i === 0 ? actions[0]! : steps[i - 1]!(state);
    const result = advance(definition, state, action);
    if (!result.ok) throw new Error(`${action.type}: ${result.error.code}`);
    state = result.state;
    for (const effect of result.effects) {
      if (effect.type === 'openTask') tasks.set(effect.key, { node_id: effect.nodeId, assignee_person_id: effect.assignee, status: 'pending', kind: effect.kind, created_at: new Date(AT), completed_at: null });
      if (effect.type === 'closeTask') Object.assign(tasks.get(effect.key)!, { status: effect.status, completed_at: new Date(AT) });
      if (effect.type === 'log') timeline.push({ action: effect.action as 'submit', node_id: effect.nodeId, at: new Date(AT) });
    }
  }
  const path = applicationPath(definition, state, [...tasks.values()], timeline);
  return path.map((step) => `${step.name}:${step.state}:${step.people.join(',') || (step.undetermined ? '待定' : '')}`);
}

const keyOf = (state: EngineState, person: string) => Object.values(state.tasks).find((task) => task.assignee === person)!.key;
const approve = (person: string) => (state: EngineState): Action => ({ type: 'approve', at: AT, actor: person, taskKey: keyOf(state, person) });

describe('applicationPath: the way an application goes, as its detail page shows it', () => {
  const leave = define({
    nodes: [
      { id: 'counsellor', type: 'approver', name: '辅导员审批', assignee: { kind: 'people', personIds: ['00000000-0000-4000-8000-000000000001'] } },
      { id: 'length', type: 'condition', name: '天数', branches: [{ id: 'long', name: '超过 3 天', when: { field: 'days', op: 'gt', value: 3 }, nodes: [{ id: 'dean', type: 'approver', name: '学院审批', assignee: { kind: 'departmentHead' } }] }, { id: 'short', name: '3 天以内', nodes: [] }] },
      { id: 'copy', type: 'cc', name: '抄送学工处', assignee: { kind: 'role', role: 'affairs' } },
      { id: 'final', type: 'approver', name: '终审', assignee: { kind: 'previousApproverChooses' } },
    ],
  });
  const plan = { counsellor: ['c'], dean: ['d'], copy: ['x'] };

  it('follows the branch the data takes, with the people of each step and 待定 where they are chosen later', () => {
    expect(run(leave, plan, { days: 5 })).toEqual(['提交申请:done:me', '辅导员审批:current:c', '学院审批:coming:d', '抄送学工处:coming:x', '终审:coming:待定']);
    expect(run(leave, plan, { days: 1 })).toEqual(['提交申请:done:me', '辅导员审批:current:c', '抄送学工处:coming:x', '终审:coming:待定']);
  });

  it('marks decided steps done with who decided, and copies made as done', () => {
    const chooseFinal = (state: EngineState): Action => ({ type: 'approve', at: AT, actor: 'c', taskKey: keyOf(state, 'c'), chosen: { final: ['f'] } });
    expect(run(leave, plan, { days: 1 }, [chooseFinal])).toEqual(['提交申请:done:me', '辅导员审批:done:c', '抄送学工处:done:x', '终审:current:f']);
  });

  it('puts the applicant at the front while sent back, and skips what a rejection never reached', () => {
    const sendBack = (state: EngineState): Action => ({ type: 'sendBack', at: AT, actor: 'c', taskKey: keyOf(state, 'c'), opinion: '补充', target: 'applicant' });
    expect(run(leave, plan, { days: 5 }, [sendBack])[0]).toBe('申请人修改:current:me');
    const reject = (state: EngineState): Action => ({ type: 'reject', at: AT, actor: 'c', taskKey: keyOf(state, 'c'), opinion: '不行' });
    expect(run(leave, plan, { days: 5 }, [reject])).toEqual(['提交申请:done:me', '辅导员审批:rejected:c', '学院审批:skipped:', '抄送学工处:skipped:', '终审:skipped:']);
  });

  it('keeps parallel branches apart: one done, the other current', () => {
    const both = define({
      nodes: [
        {
          id: 'split', type: 'parallel', name: '并行', branches: [
            { id: 'a', name: '甲线', nodes: [{ id: 'one', type: 'approver', name: '甲审批', assignee: { kind: 'people', personIds: ['00000000-0000-4000-8000-000000000001'] } }] },
            { id: 'b', name: '乙线', nodes: [{ id: 'two', type: 'approver', name: '乙审批', assignee: { kind: 'people', personIds: ['00000000-0000-4000-8000-000000000002'] } }] },
          ],
        },
        { id: 'last', type: 'approver', name: '汇总', assignee: { kind: 'people', personIds: ['00000000-0000-4000-8000-000000000003'] } },
      ],
    });
    expect(run(both, { one: ['p1'], two: ['p2'], last: ['p3'] }, {}, [approve('p1')])).toEqual(['提交申请:done:me', '甲审批:done:p1', '乙审批:current:p2', '汇总:coming:p3']);
  });
});
