import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { advance, initialState } from './advance.ts';
import type { Action } from './actions.ts';
import type { ProcessNodeInput } from './definition.ts';
import type { EngineState } from './state.ts';
import { AT, define } from './testing.ts';
import { validateDefinition } from './validate.ts';

/**
 * Property tests: random valid definitions (nested conditions and parallel
 * blocks, every approval mode) driven by random action sequences. Whatever
 * happens, the state keeps its invariants and replaying the accepted actions
 * gives the same state.
 */
const PEOPLE = ['P1', 'P2', 'P3', 'P4', 'P5'];

let counter = 0;
const id = (prefix: string) => `${prefix}${counter++}`;

function arbNode(depth: number): fc.Arbitrary<ProcessNodeInput> {
  const approver = fc.record({ mode: fc.constantFrom('any', 'all', 'sequential', 'ratio'), resume: fc.constantFrom('sender', 'rerun'), withdrawable: fc.boolean() }).map(
    (o): ProcessNodeInput => ({
      id: id('n'),
      type: 'approver',
      name: '审批',
      assignee: { kind: 'role', role: 'r' },
      mode: o.mode as 'any',
      ...(o.mode === 'ratio' ? { ratio: 0.5 } : {}),
      withdrawable: o.withdrawable,
      sendBack: { targets: ['applicant', 'previous', 'any'], resume: o.resume as 'sender' },
    }),
  );
  const cc = fc.constant(null).map((): ProcessNodeInput => ({ id: id('cc'), type: 'cc', name: '抄送', assignee: { kind: 'role', role: 'c' } }));
  if (depth >= 2) return fc.oneof({ weight: 4, arbitrary: approver }, { weight: 1, arbitrary: cc });
  const seq = fc.array(arbNode(depth + 1), { minLength: 1, maxLength: 3 });
  const condition = fc.tuple(seq, fc.array(arbNode(depth + 1), { maxLength: 2 }), fc.integer({ min: 0, max: 9 })).map(
    ([a, b, v]): ProcessNodeInput => ({ id: id('c'), type: 'condition', name: '条件', branches: [{ id: id('b'), name: '大', when: { field: 'n', op: 'gt', value: v }, nodes: a }, { id: id('b'), name: '默认', nodes: b }] }),
  );
  const parallel = fc.array(seq, { minLength: 2, maxLength: 3 }).map((branches): ProcessNodeInput => ({ id: id('p'), type: 'parallel', name: '并行', branches: branches.map((nodes) => ({ id: id('b'), name: '分支', nodes })) }));
  return fc.oneof({ weight: 5, arbitrary: approver }, { weight: 1, arbitrary: cc }, { weight: 1, arbitrary: condition }, { weight: 1, arbitrary: parallel });
}

const arbScenario = fc
  .record({
    nodes: fc.array(arbNode(0), { minLength: 1, maxLength: 4 }),
    n: fc.integer({ min: 0, max: 9 }),
    planSeed: fc.array(fc.subarray(PEOPLE, { minLength: 1, maxLength: 3 }), { minLength: 60, maxLength: 60 }),
    steps: fc.array(fc.record({ kind: fc.integer({ min: 0, max: 99 }), pick: fc.nat(), person: fc.constantFrom(...PEOPLE), minutes: fc.integer({ min: 0, max: 120 }) }), { maxLength: 40 }),
  })
  .filter(({ nodes }) => validateDefinition({ nodes }).problems.length === 0);

function planFor(nodes: ProcessNodeInput[], seed: string[][]) {
  const plan: Record<string, string[]> = {};
  let i = 0;
  const walk = (list: ProcessNodeInput[]) => {
    for (const node of list) {
      if (node.type === 'condition' || node.type === 'parallel') node.branches.forEach((b) => walk(b.nodes));
      else plan[node.id] = seed[i++ % seed.length]!;
    }
  };
  walk(nodes);
  return plan;
}

function checkInvariants(state: EngineState, definitionApprovers: Set<string>) {
  const tasks = Object.values(state.tasks);
  if (state.status !== 'running') {
    // An ended (or returned) application has nothing pending.
    expect(tasks).toEqual([]);
    expect(state.runs).toEqual({});
    expect(state.joins).toEqual({});
    return;
  }
  // Every live task belongs to an active node; every active node is an approver node with someone to act.
  for (const task of tasks) expect(state.runs[task.nodeId], `task ${task.key} at ${task.nodeId}`).toBeDefined();
  for (const run of Object.values(state.runs)) {
    expect(definitionApprovers.has(run.nodeId)).toBe(true);
    expect(tasks.some((task) => task.nodeId === run.nodeId && task.status === 'open') || tasks.some((task) => task.nodeId === run.nodeId), `node ${run.nodeId} waits for nobody`).toBe(true);
  }
  // A running application always waits for someone: it can never get stuck.
  expect(tasks.some((task) => task.status === 'open')).toBe(true);
  // No node is decided twice in one run.
  expect(new Set(state.trail).size).toBe(state.trail.length);
  // One person has at most one open task per node.
  const open = tasks.filter((task) => task.status === 'open').map((task) => `${task.nodeId}:${task.assignee}`);
  expect(new Set(open).size).toBe(open.length);
}

function chooseAction(state: EngineState, step: { kind: number; pick: number; person: string; minutes: number }, at: string, plan: Record<string, string[]>, data: Record<string, unknown>): Action {
  const live = Object.values(state.tasks);
  const task = live[step.pick % Math.max(1, live.length)];
  const key = task?.key ?? 'none';
  const actor = task?.assignee ?? step.person;
  const k = step.kind;
  if (state.status === 'returned') return k < 80 ? { type: 'resubmit', at, actor: 'applicant', data, plan } : { type: 'withdraw', at, actor: 'applicant' };
  if (k < 45) return { type: 'approve', at, actor, taskKey: key, opinion: '同意' };
  if (k < 50) return { type: 'reject', at, actor, taskKey: key, opinion: '不同意' };
  if (k < 56) return { type: 'sendBack', at, actor, taskKey: key, opinion: '退回', target: 'previous' };
  if (k < 59) return { type: 'sendBack', at, actor, taskKey: key, opinion: '退回', target: 'applicant' };
  if (k < 62) return { type: 'sendBack', at, actor, taskKey: key, opinion: '退回', target: { nodeId: state.trail[step.pick % Math.max(1, state.trail.length)] ?? 'x' } };
  if (k < 67) return { type: 'transfer', at, actor, taskKey: key, to: step.person };
  if (k < 72) return { type: 'delegate', at, actor, taskKey: key, to: step.person };
  if (k < 80) return { type: 'addSigner', at, actor, taskKey: key, people: [step.person], position: (['before', 'after', 'parallel'] as const)[step.pick % 3]! };
  if (k < 85) return { type: 'removeSigner', at, actor, taskKey: key, person: step.person };
  if (k < 88) return { type: 'withdraw', at, actor: 'applicant' };
  if (k < 91) return { type: 'urge', at, actor: 'applicant' };
  if (k < 93) return { type: 'reassign', at, actor: 'admin', taskKey: key, to: step.person };
  if (k < 95) return { type: 'jump', at, actor: 'admin', nodeId: Object.keys(plan)[step.pick % Object.keys(plan).length]! };
  if (k < 97) return { type: 'timer', at, kind: 'timeout', nodeId: task?.nodeId ?? 'x', entry: state.runs[task?.nodeId ?? '']?.entry ?? 0 };
  return { type: 'comment', at, actor, opinion: '备注' };
}

describe('engine invariants', () => {
  it('hold for random definitions and random action sequences, and replay reproduces the state', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbScenario, ({ nodes, n, planSeed, steps }) => {
        const definition = define({ nodes });
        const approvers = new Set<string>();
        const walk = (list: ProcessNodeInput[]) => list.forEach((node) => (node.type === 'approver' ? approvers.add(node.id) : 'branches' in node ? node.branches.forEach((b) => walk(b.nodes)) : undefined));
        walk(nodes);
        const plan = planFor(nodes, planSeed);
        const data = { n };
        const start: Action = { type: 'start', at: AT, actor: 'applicant', data, applicant: { personId: 'applicant', kind: 'student', departmentId: 'd', classId: null, roles: [] }, plan };
        const started = advance(definition, initialState(), start);
        expect(started.ok).toBe(true);
        if (!started.ok) return;
        let state = started.state;
        const accepted: Action[] = [start];
        const openKeys = new Set<string>();
        const track = (effects: { type: string; key?: string }[]) => {
          for (const effect of effects) {
            if (effect.type === 'openTask') openKeys.add(effect.key!);
            if (effect.type === 'closeTask') {
              expect(openKeys.has(effect.key!), `closing unknown task ${effect.key}`).toBe(true);
              openKeys.delete(effect.key!);
            }
          }
        };
        track(started.effects);
        checkInvariants(state, approvers);
        let clock = Date.parse(AT);
        for (const step of steps) {
          clock += step.minutes * 60_000;
          const action = chooseAction(state, step, new Date(clock).toISOString(), plan, data);
          const before = JSON.stringify(state);
          const result = advance(definition, state, action);
          expect(JSON.stringify(state)).toBe(before); // the input state is never changed
          if (!result.ok) continue;
          state = result.state;
          accepted.push(action);
          seen.add(`action:${action.type}`);
          seen.add(`status:${state.status}`);
          track(result.effects);
          // The effects opened and closed exactly the tasks the state holds.
          expect([...openKeys].sort()).toEqual(Object.keys(state.tasks).sort());
          checkInvariants(state, approvers);
        }
        // Replaying the accepted actions (the timeline) gives the stored state.
        let replayed = initialState();
        for (const action of accepted) {
          const result = advance(definition, replayed, action);
          expect(result.ok).toBe(true);
          if (result.ok) replayed = result.state;
        }
        expect(replayed).toEqual(state);
      }),
      { numRuns: 400 },
    );
    // The generator must actually reach every action and every outcome, or the property proves little.
    for (const type of ['approve', 'reject', 'sendBack', 'resubmit', 'transfer', 'delegate', 'addSigner', 'removeSigner', 'withdraw', 'urge', 'reassign', 'jump', 'timer', 'comment']) {
      expect(seen.has(`action:${type}`), type).toBe(true);
    }
    for (const status of ['running', 'returned', 'approved', 'rejected', 'withdrawn']) expect(seen.has(`status:${status}`), status).toBe(true);
  });
});
