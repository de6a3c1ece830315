import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { advance, initialState, type EngineState, type Effect } from './advance.ts';
import { processDefinitionSchema, validateDefinition, type ProcessDefinition } from './definition.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

const twoSteps: ProcessDefinition = processDefinitionSchema.parse({
  nodes: [
    { id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' } },
    { id: 'it', type: 'approver', name: '信息中心审批', assignee: { kind: 'role', role: 'it_staff' }, mode: 'all' },
  ],
});

function started(plan: Record<string, string[]>): EngineState {
  const result = advance(twoSteps, initialState(), { type: 'start', plan });
  if (!result.ok) throw new Error(result.error.code);
  return result.state;
}

describe('advance', () => {
  it('starts at the first node and opens its tasks', () => {
    const result = advance(twoSteps, initialState(), { type: 'start', plan: { head: [A], it: [B, C] } });
    expect(result.ok && result.state.active).toEqual({ nodeId: 'head', index: 0, pending: [A], approved: [] });
    expect(result.ok && result.effects).toContainEqual({ type: 'openTasks', nodeId: 'head', assignees: [A] });
  });

  it('refuses to start when a node has no approver', () => {
    const result = advance(twoSteps, initialState(), { type: 'start', plan: { head: [A], it: [] } });
    expect(result).toEqual({ ok: false, error: { code: 'ASSIGNEE_NOT_FOUND', nodeId: 'it' } });
  });

  it('moves on after approval and finishes when an all-must-approve node is complete', () => {
    let state = started({ head: [A], it: [B, C] });
    let result = advance(twoSteps, state, { type: 'approve', actor: A, nodeId: 'head' });
    expect(result.ok && result.state.active?.nodeId).toBe('it');
    state = result.ok ? result.state : state;
    result = advance(twoSteps, state, { type: 'approve', actor: B, nodeId: 'it' });
    expect(result.ok && result.state.active).toEqual({ nodeId: 'it', index: 1, pending: [C], approved: [B] });
    state = result.ok ? result.state : state;
    result = advance(twoSteps, state, { type: 'approve', actor: C, nodeId: 'it' });
    expect(result.ok && result.state.status).toBe('approved');
    expect(result.ok && result.effects).toEqual([{ type: 'finished', outcome: 'approved' }]);
  });

  it('closes the other tasks when one person of an any-one node decides', () => {
    const anyOne = processDefinitionSchema.parse({
      nodes: [{ id: 'n', type: 'approver', name: '审批', assignee: { kind: 'role', role: 'x' }, mode: 'any' }],
    });
    const start = advance(anyOne, initialState(), { type: 'start', plan: { n: [A, B] } });
    if (!start.ok) throw new Error('start');
    const result = advance(anyOne, start.state, { type: 'approve', actor: B, nodeId: 'n' });
    expect(result.ok && result.effects).toEqual([
      { type: 'closeTasks', nodeId: 'n', assignees: [A] },
      { type: 'finished', outcome: 'approved' },
    ]);
  });

  it('ends the application on a rejection', () => {
    const state = started({ head: [A], it: [B] });
    const result = advance(twoSteps, state, { type: 'reject', actor: A, nodeId: 'head' });
    expect(result.ok && result.state).toMatchObject({ status: 'rejected', active: null });
  });

  it('refuses actions by someone who is not pending at the node, and after the end', () => {
    const state = started({ head: [A], it: [B] });
    expect(advance(twoSteps, state, { type: 'approve', actor: B, nodeId: 'head' })).toEqual({ ok: false, error: { code: 'NOT_ASSIGNEE', nodeId: 'head' } });
    expect(advance(twoSteps, state, { type: 'approve', actor: A, nodeId: 'it' })).toEqual({ ok: false, error: { code: 'NOT_ASSIGNEE', nodeId: 'it' } });
    const rejected = advance(twoSteps, state, { type: 'reject', actor: A, nodeId: 'head' });
    if (!rejected.ok) throw new Error('reject');
    expect(advance(twoSteps, rejected.state, { type: 'approve', actor: A, nodeId: 'head' })).toEqual({ ok: false, error: { code: 'APPLICATION_ENDED' } });
  });

  it('keeps its invariants over random definitions and random action sequences', () => {
    const people = [A, B, C];
    const arbDefinition = fc
      .array(fc.record({ mode: fc.constantFrom('any', 'all') as fc.Arbitrary<'any' | 'all'>, assignees: fc.subarray(people, { minLength: 1 }) }), { minLength: 1, maxLength: 5 })
      .map((nodes) => ({
        definition: processDefinitionSchema.parse({
          nodes: nodes.map((node, i) => ({ id: `n${i}`, type: 'approver', name: `节点${i}`, assignee: { kind: 'role', role: 'r' }, mode: node.mode })),
        }),
        plan: Object.fromEntries(nodes.map((node, i) => [`n${i}`, node.assignees])),
      }));
    const arbActions = fc.array(fc.record({ type: fc.constantFrom('approve', 'reject') as fc.Arbitrary<'approve' | 'reject'>, actor: fc.constantFrom(...people), node: fc.nat(5) }), { maxLength: 20 });

    fc.assert(
      fc.property(arbDefinition, arbActions, ({ definition, plan }, actions) => {
        const start = advance(definition, initialState(), { type: 'start', plan });
        if (!start.ok) return false;
        let state = start.state;
        const open = new Map<string, Set<string>>(); // nodeId → open task assignees
        const completedNodes = new Set<string>();
        const apply = (effects: Effect[]) => {
          for (const effect of effects) {
            if (effect.type === 'openTasks') {
              // No node is entered twice.
              expect(open.has(effect.nodeId) || completedNodes.has(effect.nodeId)).toBe(false);
              open.set(effect.nodeId, new Set(effect.assignees));
            }
            if (effect.type === 'closeTasks') for (const person of effect.assignees) open.get(effect.nodeId)?.delete(person);
          }
        };
        apply(start.effects);
        for (const step of actions) {
          const nodeId = `n${step.node}`;
          const result = advance(definition, state, { type: step.type, actor: step.actor, nodeId });
          if (!result.ok) continue;
          open.get(nodeId)?.delete(step.actor);
          if (result.state.active?.nodeId !== nodeId) completedNodes.add(nodeId);
          apply(result.effects);
          state = result.state;
          // Every open task belongs to the active node, and it matches the engine's pending list.
          for (const [id, assignees] of open) {
            if (assignees.size === 0) continue;
            expect(id).toBe(state.active?.nodeId);
            expect([...assignees].sort()).toEqual([...(state.active?.pending ?? [])].sort());
          }
          // An ended application has nothing pending.
          if (state.status !== 'running') expect(state.active).toBeNull();
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateDefinition', () => {
  it('reports duplicate node ids and schema errors with their path', () => {
    const node = { id: 'a', type: 'approver', name: 'x', assignee: { kind: 'departmentHead' } };
    expect(validateDefinition({ nodes: [node, node] }).problems).toEqual([{ path: 'nodes.1.id', message: 'duplicate node id a' }]);
    expect(validateDefinition({ nodes: [] }).problems[0]?.path).toBe('nodes');
    expect(validateDefinition({ nodes: [node] }).definition?.nodes[0]?.mode).toBe('any');
  });
});
