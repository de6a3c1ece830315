import type { ProcessDefinition } from './definition.ts';
import type { Action, Effect, EngineError } from './actions.ts';
import type { EngineState, EngineTask } from './state.ts';
import { EngineFailure, Transition } from './transition.ts';
import { approveStep, rejectStep, startStep } from './steps/decide.ts';
import { jumpStep, resubmitStep, sendBackStep, terminateStep, timerStep, withdrawStep } from './steps/route.ts';
import { addSignerStep, handOverStep, reassignStep, removeSignerStep } from './steps/people.ts';
import { ccStep, commentStep, urgeStep } from './steps/talk.ts';

export type AdvanceResult = { ok: true; state: EngineState; effects: Effect[] } | { ok: false; error: EngineError };

/** The state of an application before `start`. */
export function initialState(): EngineState {
  return {
    status: 'running',
    data: {},
    applicant: { personId: '', kind: '', departmentId: null, classId: null, roles: [] },
    plan: {},
    runs: {},
    tasks: {},
    joins: {},
    trail: [],
    approvedBy: [],
    decisions: 0,
    urgedAt: {},
    seq: 0,
  };
}

/** Live tasks of a state, for callers (e.g. to know who holds an application now). */
export function liveTasks(state: EngineState): EngineTask[] {
  return Object.values(state.tasks);
}

/** One action, by its kind; each step lives with its family in steps/. */
function step(t: Transition, action: Action): void {
  switch (action.type) {
    case 'start':
      return startStep(t, action);
    case 'approve':
      return approveStep(t, action);
    case 'reject':
      return rejectStep(t, action);
    case 'sendBack':
      return sendBackStep(t, action);
    case 'resubmit':
      return resubmitStep(t, action);
    case 'transfer':
    case 'delegate':
      return handOverStep(t, action);
    case 'addSigner':
      return addSignerStep(t, action);
    case 'removeSigner':
      return removeSignerStep(t, action);
    case 'withdraw':
      return withdrawStep(t, action);
    case 'urge':
      return urgeStep(t, action);
    case 'comment':
      return commentStep(t, action);
    case 'cc':
      return ccStep(t, action);
    case 'reassign':
      return reassignStep(t, action);
    case 'jump':
      return jumpStep(t, action);
    case 'terminate':
      return terminateStep(t, action);
    case 'timer':
      return timerStep(t, action);
  }
}

/**
 * The engine: a pure, total transition. Given the definition, the current
 * state and an action, it returns the next state and the effects to perform
 * in the same transaction, or an error naming why the action does not apply.
 * Same input, same output; the input state is never changed.
 */
export function advance(definition: ProcessDefinition, state: EngineState, action: Action): AdvanceResult {
  const t = new Transition(definition, state, action.at);
  try {
    step(t, action);
  } catch (error) {
    if (error instanceof EngineFailure) return { ok: false, error: error.error };
    throw error;
  }
  return { ok: true, state: t.state, effects: t.effects };
}
