import { changedFields } from '@onehall/forms';
import type { Action } from '../actions.ts';
import { refuse, type Transition } from '../transition.ts';
import { ownTask, allow } from './helpers.ts';

/** Changing the route: sending back, resubmitting, withdrawing, and the administrators' jump and stop; timers. */

export function sendBackStep(t: Transition, action: Extract<Action, { type: 'sendBack' }>): void {
  const s = t.state;
  const task = ownTask(t, action.taskKey, action.actor);
  const node = allow(t, task, 'sendBack');
  if (task.kind !== 'approve') refuse('ACTION_NOT_ALLOWED', { nodeId: node.id });
  if (!action.opinion?.trim()) refuse('OPINION_REQUIRED', { nodeId: node.id });
  const target = action.target;
  if (target === 'applicant') {
    if (!node.sendBack.targets.includes('applicant')) refuse('SEND_BACK_TARGET_INVALID', { nodeId: node.id });
    s.decisions++;
    t.closeTask(task.key, 'returned', action.opinion);
    t.log('sendBack', action.actor, node.id, action.opinion, { target: 'applicant' });
    t.cancelEverything();
    s.status = 'returned';
    s.returned = { senderNodeId: node.id, resume: node.sendBack.resume };
    t.effects.push({ type: 'notify', people: [s.applicant.personId], event: 'returned' });
    return;
  }
  // 'previous' is the most recent decided node that the sender may return to.
  const previous = [...s.trail].reverse().find((id) => t.sendBackScope(node.id, id) !== null);
  const targetId = target === 'previous' ? previous : target.nodeId;
  // Naming the previous step by id is the same as asking for 'previous'.
  const allowed = node.sendBack.targets.includes(targetId !== undefined && targetId === previous ? 'previous' : 'any') || node.sendBack.targets.includes('any');
  const scope = targetId ? t.sendBackScope(node.id, targetId) : null;
  if (!allowed || !targetId || !scope) return refuse('SEND_BACK_TARGET_INVALID', { nodeId: node.id });
  s.decisions++;
  t.closeTask(task.key, 'returned', action.opinion);
  t.log('sendBack', action.actor, node.id, action.opinion, { target: targetId });
  // Everything running inside the sender's element stops: in a parallel
  // block sent back before the block, the sibling branches too.
  t.cancelNodes(t.inside(scope.element));
  s.trail = s.trail.slice(0, s.trail.lastIndexOf(targetId));
  t.enter(t.approverNode(targetId));
  const run = s.runs[targetId];
  if (run && node.sendBack.resume === 'sender') {
    run.resumeAt = node.id;
    run.resumeDepth = scope.depth;
  }
  return;
}

export function resubmitStep(t: Transition, action: Extract<Action, { type: 'resubmit' }>): void {
  const s = t.state;
  if (s.status !== 'returned' || !s.returned) refuse(s.status === 'running' ? 'NOT_RETURNED' : 'APPLICATION_ENDED');
  if (action.actor !== s.applicant.personId) refuse('NOT_APPLICANT');
  const { senderNodeId, resume } = s.returned!;
  // The approvers see what changed, field by field: compared as values, not as JSON text (the
  // stored data comes back from jsonb with its objects' keys in another order).
  const changes = changedFields(s.data, action.data);
  s.status = 'running';
  s.returned = undefined;
  s.data = { ...action.data };
  s.plan = structuredClone(action.plan);
  s.decisions = 0;
  t.log('resubmit', action.actor, null, undefined, { changes });
  if (resume === 'sender') t.enterAt(senderNodeId);
  else {
    s.trail = [];
    t.enterSequence(t.tree.sequences.get('')!, 0);
  }
  return;
}

export function withdrawStep(t: Transition, action: Extract<Action, { type: 'withdraw' }>): void {
  const s = t.state;
  if (action.actor !== s.applicant.personId) refuse('NOT_APPLICANT');
  if (s.status !== 'running' && s.status !== 'returned') refuse('APPLICATION_ENDED');
  const nodesAllow = Object.keys(s.runs).length > 0 && Object.keys(s.runs).every((id) => t.approverNode(id).withdrawable);
  if (s.status === 'running' && s.decisions > 0 && !nodesAllow) refuse('WITHDRAW_NOT_ALLOWED');
  t.log('withdraw', action.actor, null, action.opinion);
  const holders = Object.values(s.tasks).map((task) => task.assignee);
  t.finish('withdrawn');
  if (holders.length > 0) t.effects.push({ type: 'notify', people: [...new Set(holders)], event: 'ended' });
  return;
}

export function jumpStep(t: Transition, action: Extract<Action, { type: 'jump' }>): void {
  const s = t.state;
  if (s.status !== 'running' && s.status !== 'returned') refuse('APPLICATION_ENDED');
  t.approverNode(action.nodeId);
  t.log('jump', action.actor, action.nodeId, action.opinion);
  t.cancelEverything();
  s.status = 'running';
  s.returned = undefined;
  t.enterAt(action.nodeId);
  return;
}

export function terminateStep(t: Transition, action: Extract<Action, { type: 'terminate' }>): void {
  const s = t.state;
  if (s.status !== 'running' && s.status !== 'returned') refuse('APPLICATION_ENDED');
  t.log('terminate', action.actor, null, action.opinion);
  t.finish('terminated');
  return;
}

export function timerStep(t: Transition, action: Extract<Action, { type: 'timer' }>): void {
  const s = t.state;
  const run = s.runs[action.nodeId];
  // A timer of an earlier entry, or of a node already decided, does nothing.
  if (s.status !== 'running' || !run || run.entry !== action.entry) return;
  const node = t.approverNode(action.nodeId);
  const open = t.tasksOf(node.id).filter((task) => task.status === 'open');
  if (action.kind === 'remind' || node.timeLimit?.onTimeout === 'remind') {
    t.effects.push({ type: 'notify', people: open.map((task) => task.assignee), event: 'remind' });
    return;
  }
  t.log('timeout', null, node.id, undefined, { onTimeout: node.timeLimit?.onTimeout });
  if (node.timeLimit?.onTimeout === 'reject') {
    t.finish('rejected');
  } else if (node.timeLimit?.onTimeout === 'approve') {
    for (const slot of run.slots) if (slot.state !== 'removed') slot.state = 'approved';
    t.settle(node.id);
  } else {
    const people = (node.timeLimit?.escalateTo ?? []).filter((p) => !run.slots.some((slot) => slot.person === p && slot.state !== 'removed'));
    for (const person of people) {
      run.slots.push({ person, state: 'open' });
      t.openTask(node.id, person, 'approve');
    }
    if (run.mode === 'all' || run.mode === 'sequential') run.mode = 'any'; // an escalation decides on its own
    t.effects.push({ type: 'notify', people, event: 'taskAssigned' });
  }
  return;
}
