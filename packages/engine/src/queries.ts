import type { ProcessDefinition } from './definition.ts';
import type { EngineState } from './state.ts';
import { Transition } from './transition.ts';

/**
 * Read-only questions about a state, answered with the same rules the
 * transitions use, so the UI offers exactly what the engine will accept.
 */

/** The earlier nodes an approver at `nodeId` may send the application back to, most recent first. */
export function sendBackTargets(definition: ProcessDefinition, state: EngineState, nodeId: string): string[] {
  if (state.status !== 'running') return [];
  const t = new Transition(definition, state, new Date(0).toISOString());
  return [...state.trail].reverse().filter((id) => id !== nodeId && t.sendBackScope(nodeId, id) !== null);
}

/** Whether the applicant may withdraw now: before the first decision, when sent back, or where every waiting node allows it. */
export function canWithdraw(definition: ProcessDefinition, state: EngineState): boolean {
  if (state.status === 'returned') return true;
  if (state.status !== 'running') return false;
  if (state.decisions === 0) return true;
  const t = new Transition(definition, state, new Date(0).toISOString());
  const running = Object.keys(state.runs);
  return running.length > 0 && running.every((id) => t.approverNode(id).withdrawable);
}

/** People an approver may remove at their node: undecided co-approvers, and signers serving them. */
export function removablePeople(state: EngineState, nodeId: string, actor: string): string[] {
  const run = state.runs[nodeId];
  if (!run) return [];
  const live = run.slots.filter((slot) => slot.state !== 'removed');
  const coApprovers = live.length > 1 ? live.filter((slot) => slot.person !== actor && (slot.state === 'open' || slot.state === 'queued')).map((slot) => slot.person) : [];
  const helpers = Object.values(state.tasks).filter((task) => task.nodeId === nodeId && task.forPerson === actor && task.kind !== 'delegate').map((task) => task.assignee);
  return [...new Set([...coApprovers, ...helpers])];
}
