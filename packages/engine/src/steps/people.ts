import type { Action } from '../actions.ts';
import { refuse, type Transition } from '../transition.ts';
import { requireRunning, ownTask, allow, slotOf, helpersDone, assertNewToNode } from './helpers.ts';

/** Changing who decides: transfer and delegate, adding and removing signers, reassigning. */

export function handOverStep(t: Transition, action: Extract<Action, { type: 'transfer' | 'delegate' }>): void {
  const task = ownTask(t, action.taskKey, action.actor);
  const node = allow(t, task, action.type);
  if (action.to === action.actor) refuse('SIGNER_INVALID', { nodeId: node.id });
  if (action.type === 'transfer') {
    assertNewToNode(t, node.id, [action.to], action.actor);
    t.closeTask(task.key, 'transferred', action.opinion);
    const slot = slotOf(t, node.id, action.actor);
    if (slot && task.kind === 'approve') slot.person = action.to;
    t.openTask(node.id, action.to, task.kind, task.forKey ? { key: task.forKey, person: task.forPerson! } : undefined);
    t.log('transfer', action.actor, node.id, action.opinion, { to: action.to });
    t.effects.push({ type: 'notify', people: [action.to], event: 'taskAssigned' });
    return;
  }
  if (task.kind !== 'approve') refuse('ACTION_NOT_ALLOWED', { nodeId: node.id });
  assertNewToNode(t, node.id, [action.to], action.actor);
  task.status = 'suspended';
  t.effects.push({ type: 'suspendTask', key: task.key });
  t.openTask(node.id, action.to, 'delegate', { key: task.key, person: action.actor });
  t.log('delegate', action.actor, node.id, action.opinion, { to: action.to });
  t.effects.push({ type: 'notify', people: [action.to], event: 'delegated' });
  return;
}

export function addSignerStep(t: Transition, action: Extract<Action, { type: 'addSigner' }>): void {
  const s = t.state;
  const task = ownTask(t, action.taskKey, action.actor);
  const node = allow(t, task, 'addSigner');
  if (task.kind !== 'approve') refuse('ACTION_NOT_ALLOWED', { nodeId: node.id });
  assertNewToNode(t, node.id, action.people, action.actor);
  const run = s.runs[node.id]!;
  t.log('addSigner', action.actor, node.id, action.opinion, { people: action.people, position: action.position });
  if (action.position === 'parallel') {
    for (const person of action.people) {
      const queued = run.mode === 'sequential';
      const at = run.slots.findIndex((slot) => slot.person === action.actor);
      const slot = { person, state: queued ? ('queued' as const) : ('open' as const) };
      if (queued) run.slots.splice(at + 1, 0, slot);
      else run.slots.push(slot);
      if (!queued) t.openTask(node.id, person, 'approve');
    }
    if (run.mode !== 'sequential') t.effects.push({ type: 'notify', people: action.people, event: 'taskAssigned' });
    return;
  }
  if (action.position === 'before') {
    task.status = 'suspended';
    t.effects.push({ type: 'suspendTask', key: task.key });
    for (const person of action.people) t.openTask(node.id, person, 'signerBefore', { key: task.key, person: action.actor });
  } else {
    // After: the actor approves now; their approval counts once the signers approve too.
    s.decisions++;
    t.closeTask(task.key, 'approved', action.opinion);
    t.log('approve', action.actor, node.id, action.opinion);
    const slot = slotOf(t, node.id, action.actor);
    if (slot) slot.state = 'awaitingSigners';
    for (const person of action.people) t.openTask(node.id, person, 'signerAfter', { key: task.key, person: action.actor });
  }
  t.effects.push({ type: 'notify', people: action.people, event: 'taskAssigned' });
  return;
}

export function removeSignerStep(t: Transition, action: Extract<Action, { type: 'removeSigner' }>): void {
  const s = t.state;
  // Waiting on a signer you added is the moment you may want to remove them.
  const task = ownTask(t, action.taskKey, action.actor, true);
  const node = allow(t, task, 'removeSigner');
  const run = s.runs[node.id]!;
  if (action.person === action.actor) refuse('SIGNER_INVALID', { nodeId: node.id });
  // A helper serving the actor (a signer they added) …
  const helper = Object.values(s.tasks).find((x) => x.nodeId === node.id && x.assignee === action.person && x.forPerson === action.actor && x.kind !== 'delegate');
  if (helper) {
    t.closeTask(helper.key, 'cancelled');
    t.log('removeSigner', action.actor, node.id, action.opinion, { person: action.person });
    helpersDone(t, helper.forKey!, helper.kind, node.id, action.actor);
    return;
  }
  // … or an approver of this node who has not decided yet; at least one approver stays.
  const slot = run.slots.find((x) => x.person === action.person && (x.state === 'open' || x.state === 'queued'));
  const remaining = run.slots.filter((x) => x.state !== 'removed' && x !== slot);
  if (!slot || remaining.length === 0) return refuse('SIGNER_INVALID', { nodeId: node.id });
  slot.state = 'removed';
  for (const x of t.tasksOf(node.id)) if (x.assignee === action.person && x.kind === 'approve') t.closeTask(x.key, 'cancelled');
  t.log('removeSigner', action.actor, node.id, action.opinion, { person: action.person });
  t.settle(node.id);
  return;
}

export function reassignStep(t: Transition, action: Extract<Action, { type: 'reassign' }>): void {
  const s = t.state;
  requireRunning(t);
  const task = s.tasks[action.taskKey];
  if (!task) return refuse('TASK_ALREADY_HANDLED');
  assertNewToNode(t, task.nodeId, [action.to], task.assignee);
  t.closeTask(task.key, 'transferred', action.opinion);
  const slot = slotOf(t, task.nodeId, task.assignee);
  if (slot && task.kind === 'approve') slot.person = action.to;
  const reopened = t.openTask(task.nodeId, action.to, task.kind, task.forKey ? { key: task.forKey, person: task.forPerson! } : undefined);
  if (task.status === 'suspended') {
    reopened.status = 'suspended';
    t.effects.push({ type: 'suspendTask', key: reopened.key });
    // Helpers serving the old task now serve the new one.
    for (const helper of Object.values(s.tasks)) {
      if (helper.forKey === task.key) {
        helper.forKey = reopened.key;
        helper.forPerson = action.to;
      }
    }
  }
  t.log('reassign', action.actor, task.nodeId, action.opinion, { from: task.assignee, to: action.to });
  t.effects.push({ type: 'notify', people: [action.to], event: 'taskAssigned' });
  return;
}
