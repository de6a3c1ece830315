import type { Action } from '../actions.ts';
import { refuse, type Transition } from '../transition.ts';
import { ownTask, allow, slotOf, helpersDone } from './helpers.ts';

/** Starting, approving and rejecting: the decisions that move an application along. */

export function startStep(t: Transition, action: Extract<Action, { type: 'start' }>): void {
  const s = t.state;
  if (s.applicant.personId !== '' || s.seq !== 0) refuse('ALREADY_STARTED');
  s.data = { ...action.data };
  s.applicant = structuredClone(action.applicant);
  s.plan = structuredClone(action.plan);
  t.log('submit', action.actor, null);
  t.enterSequence(t.tree.sequences.get('')!, 0);
  return;
}

export function approveStep(t: Transition, action: Extract<Action, { type: 'approve' }>): void {
  const s = t.state;
  const task = ownTask(t, action.taskKey, action.actor);
  const node = allow(t, task, 'approve');
  if (task.kind === 'approve' && node.opinionRequired.approve && !action.opinion?.trim()) refuse('OPINION_REQUIRED', { nodeId: node.id });
  if (action.fields && Object.keys(action.fields).length > 0) {
    if (task.kind !== 'approve') refuse('FIELD_NOT_WRITABLE', { nodeId: node.id });
    for (const key of Object.keys(action.fields)) if (node.fields[key] !== 'write') refuse('FIELD_NOT_WRITABLE', { nodeId: node.id, detail: key });
    s.data = { ...s.data, ...action.fields };
    t.effects.push({ type: 'dataChanged', fields: action.fields });
  }
  for (const [nodeId, people] of Object.entries(action.chosen ?? {})) {
    const target = t.approverNode(nodeId);
    if (target.assignee.kind !== 'previousApproverChooses' || people.length === 0 || people.length > target.assignee.max) refuse('SIGNER_INVALID', { nodeId });
    s.plan[nodeId] = [...new Set(people)];
  }
  s.decisions++;
  t.closeTask(task.key, 'approved', action.opinion);
  if (task.kind === 'delegate') {
    t.log('answer', action.actor, node.id, action.opinion);
    helpersDone(t, task.forKey!, 'delegate', node.id, task.forPerson!);
    return;
  }
  t.log('approve', action.actor, node.id, action.opinion);
  if (task.kind === 'signerBefore' || task.kind === 'signerAfter') {
    helpersDone(t, task.forKey!, task.kind, node.id, task.forPerson!);
    return;
  }
  const slot = slotOf(t, node.id, action.actor);
  if (slot) slot.state = 'approved';
  t.settle(node.id);
  return;
}

export function rejectStep(t: Transition, action: Extract<Action, { type: 'reject' }>): void {
  const s = t.state;
  const task = ownTask(t, action.taskKey, action.actor);
  const node = allow(t, task, 'reject');
  if (node.opinionRequired.reject && !action.opinion?.trim()) refuse('OPINION_REQUIRED', { nodeId: node.id });
  s.decisions++;
  t.closeTask(task.key, 'rejected', action.opinion);
  t.log('reject', action.actor, node.id, action.opinion);
  const run = s.runs[node.id];
  const slot = slotOf(t, node.id, action.actor);
  // Only a ratio node can absorb a rejection; in every other mode, and from a signer, it ends the application.
  if (run?.mode === 'ratio' && slot && task.kind === 'approve') {
    slot.state = 'rejected';
    t.settle(node.id);
  } else {
    t.finish('rejected');
  }
  return;
}
