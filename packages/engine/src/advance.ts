import type { ProcessDefinition } from './definition.ts';

/**
 * The engine's whole state for one application. It is stored as JSON beside
 * the application row and is enough, with the definition, to decide any
 * action: the engine never reads the database.
 */
export interface EngineState {
  status: 'running' | 'approved' | 'rejected';
  /** The concrete approvers of each node, resolved by the workflow module at submit. */
  plan: Record<string, string[]>;
  /** The node now waiting for decisions, or null once the application ended. */
  active: ActiveNode | null;
}

export interface ActiveNode {
  nodeId: string;
  /** Position of the node in the definition's top-level sequence. */
  index: number;
  /** Who still has to decide. */
  pending: string[];
  /** Who approved so far at this node. */
  approved: string[];
}

export type Action =
  | { type: 'start'; plan: Record<string, string[]> }
  | { type: 'approve'; actor: string; nodeId: string }
  | { type: 'reject'; actor: string; nodeId: string };

/** What the workflow module must do after a transition, in the same transaction. */
export type Effect =
  | { type: 'openTasks'; nodeId: string; assignees: string[] }
  | { type: 'closeTasks'; nodeId: string; assignees: string[] }
  | { type: 'notifyAssignees'; nodeId: string; assignees: string[] }
  | { type: 'finished'; outcome: 'approved' | 'rejected' };

export type AdvanceResult =
  | { ok: true; state: EngineState; effects: Effect[] }
  | { ok: false; error: EngineError };

export type EngineError =
  | { code: 'ASSIGNEE_NOT_FOUND'; nodeId: string }
  | { code: 'APPLICATION_ENDED' }
  | { code: 'NOT_ASSIGNEE'; nodeId: string }
  | { code: 'ALREADY_STARTED' };

const fail = (error: EngineError): AdvanceResult => ({ ok: false, error });

/** The state before `start`: nothing is active yet. */
export function initialState(): EngineState {
  return { status: 'running', plan: {}, active: null };
}

/** Activates the node at `index`, or finishes the application past the last node. */
function enter(definition: ProcessDefinition, plan: Record<string, string[]>, index: number, effects: Effect[]): EngineState {
  const node = definition.nodes[index];
  if (!node) {
    effects.push({ type: 'finished', outcome: 'approved' });
    return { status: 'approved', plan, active: null };
  }
  const assignees = [...new Set(plan[node.id] ?? [])];
  effects.push({ type: 'openTasks', nodeId: node.id, assignees });
  effects.push({ type: 'notifyAssignees', nodeId: node.id, assignees });
  return { status: 'running', plan, active: { nodeId: node.id, index, pending: assignees, approved: [] } };
}

/**
 * The engine: a pure, total transition. Given the definition, the current
 * state and an action, it returns the next state and the effects to perform,
 * or an error naming why the action does not apply. Same input, same output.
 */
export function advance(definition: ProcessDefinition, state: EngineState, action: Action): AdvanceResult {
  if (action.type === 'start') {
    if (state.active !== null || state.status !== 'running') return fail({ code: 'ALREADY_STARTED' });
    // Refuse the submit up front when any node has nobody to decide it: an
    // application must never wait for a step that no one can act on.
    for (const node of definition.nodes) {
      if ((action.plan[node.id] ?? []).length === 0) return fail({ code: 'ASSIGNEE_NOT_FOUND', nodeId: node.id });
    }
    const effects: Effect[] = [];
    return { ok: true, state: enter(definition, action.plan, 0, effects), effects };
  }

  const active = state.active;
  if (state.status !== 'running' || active === null) return fail({ code: 'APPLICATION_ENDED' });
  if (active.nodeId !== action.nodeId || !active.pending.includes(action.actor)) {
    return fail({ code: 'NOT_ASSIGNEE', nodeId: action.nodeId });
  }
  const node = definition.nodes[active.index];
  if (!node) return fail({ code: 'APPLICATION_ENDED' });
  const others = active.pending.filter((person) => person !== action.actor);
  const effects: Effect[] = [];

  if (action.type === 'reject') {
    // A rejection ends the application; the others' tasks close unanswered.
    if (others.length > 0) effects.push({ type: 'closeTasks', nodeId: node.id, assignees: others });
    effects.push({ type: 'finished', outcome: 'rejected' });
    return { ok: true, state: { status: 'rejected', plan: state.plan, active: null }, effects };
  }

  const approved = [...active.approved, action.actor];
  if (node.mode === 'all' && others.length > 0) {
    return { ok: true, state: { ...state, active: { ...active, pending: others, approved } }, effects };
  }
  // The node is decided: in 'any' mode the others' tasks are no longer needed.
  if (others.length > 0) effects.push({ type: 'closeTasks', nodeId: node.id, assignees: others });
  return { ok: true, state: enter(definition, state.plan, active.index + 1, effects), effects };
}
