import type { EngineTask } from '../state.ts';
import { refuse, type Transition } from '../transition.ts';

/** Checks and small steps shared by the actions. */

export function requireRunning(t: Transition) {
  if (t.state.status !== 'running') refuse('APPLICATION_ENDED');
}

/** The caller's own live task, checked: it exists, is theirs and is open (or suspended, where that is allowed). */
export function ownTask(t: Transition, key: string, actor: string, allowSuspended = false): EngineTask {
  requireRunning(t);
  const task = t.state.tasks[key];
  if (!task) return refuse('TASK_ALREADY_HANDLED');
  if (task.assignee !== actor) return refuse('NOT_ASSIGNEE', { nodeId: task.nodeId });
  if (task.status !== 'open' && !allowSuspended) return refuse('TASK_ALREADY_HANDLED', { detail: 'suspended' });
  return task;
}

export function allow(t: Transition, task: EngineTask, action: 'approve' | 'reject' | 'sendBack' | 'transfer' | 'delegate' | 'addSigner' | 'removeSigner') {
  const node = t.approverNode(task.nodeId);
  // Helpers (delegates, signers) answer or decide; the node's other powers stay with its approvers.
  if (task.kind === 'delegate' && action !== 'approve') refuse('ACTION_NOT_ALLOWED', { nodeId: task.nodeId, detail: action });
  if ((task.kind === 'signerBefore' || task.kind === 'signerAfter') && action !== 'approve' && action !== 'reject' && action !== 'transfer') {
    refuse('ACTION_NOT_ALLOWED', { nodeId: task.nodeId, detail: action });
  }
  if (!node.actions.includes(action)) refuse('ACTION_NOT_ALLOWED', { nodeId: task.nodeId, detail: action });
  return node;
}

export function slotOf(t: Transition, nodeId: string, person: string) {
  return t.state.runs[nodeId]?.slots.find((slot) => slot.person === person && slot.state !== 'removed');
}

/** When the last helper of a task is done: a before-signed task reopens; an after-signed slot counts as approved. */
export function helpersDone(t: Transition, forKey: string, kind: EngineTask['kind'], nodeId: string, owner: string) {
  const remaining = Object.values(t.state.tasks).filter((task) => task.forKey === forKey && task.kind === kind);
  if (remaining.length > 0) return;
  if (kind === 'signerAfter') {
    const slot = slotOf(t, nodeId, owner);
    if (slot) slot.state = 'approved';
    t.settle(nodeId);
    return;
  }
  const owned = t.state.tasks[forKey];
  if (owned && owned.status === 'suspended') {
    owned.status = 'open';
    t.effects.push({ type: 'resumeTask', key: forKey });
    t.effects.push({ type: 'notify', people: [owned.assignee], event: 'taskAssigned' });
  }
}

/** People who may not be added to a node again: anyone already live there. */
export function assertNewToNode(t: Transition, nodeId: string, people: string[], actor: string) {
  const live = new Set([...(t.state.runs[nodeId]?.slots.filter((s) => s.state !== 'removed').map((s) => s.person) ?? []), ...t.tasksOf(nodeId).map((task) => task.assignee)]);
  if (people.length === 0 || new Set(people).size !== people.length || people.some((p) => p === actor || live.has(p))) refuse('SIGNER_INVALID', { nodeId });
}
