import type { Action } from '../actions.ts';
import { refuse, type Transition } from '../transition.ts';
import { requireRunning } from './helpers.ts';

const URGE_INTERVAL_MS = 3_600_000;

/** Talking about an application without deciding: urging, commenting, copying. */

export function urgeStep(t: Transition, action: Extract<Action, { type: 'urge' }>): void {
  const s = t.state;
  if (action.actor !== s.applicant.personId) refuse('NOT_APPLICANT');
  requireRunning(t);
  const now = Date.parse(action.at);
  const open = Object.values(s.tasks).filter((task) => task.status === 'open');
  const due = open.filter((task) => !s.urgedAt[task.key] || now - Date.parse(s.urgedAt[task.key]!) >= URGE_INTERVAL_MS);
  if (due.length === 0) {
    // The detail says when the first of them may be urged again.
    const next = Math.min(...open.map((task) => Date.parse(s.urgedAt[task.key]!) + URGE_INTERVAL_MS));
    refuse('URGE_TOO_SOON', { detail: Number.isFinite(next) ? new Date(next).toISOString() : undefined });
  }
  for (const task of due) s.urgedAt[task.key] = action.at;
  t.log('urge', action.actor, null, undefined, { people: due.map((task) => task.assignee) });
  t.effects.push({ type: 'notify', people: [...new Set(due.map((task) => task.assignee))], event: 'urged' });
  return;
}

export function commentStep(t: Transition, action: Extract<Action, { type: 'comment' }>): void {
  if (!action.opinion.trim()) refuse('OPINION_REQUIRED');
  t.log('comment', action.actor, null, action.opinion);
  return;
}

export function ccStep(t: Transition, action: Extract<Action, { type: 'cc' }>): void {
  const people = [...new Set(action.people)].filter((p) => p !== action.actor);
  if (people.length === 0) refuse('SIGNER_INVALID');
  t.effects.push({ type: 'cc', people });
  t.effects.push({ type: 'notify', people, event: 'cc' });
  t.log('cc', action.actor, null, action.opinion, { people });
  return;
}
