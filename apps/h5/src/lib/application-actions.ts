import type { AddSignerBody, ApplicationDetailDto, PersonRefDto, SendBackBody } from '@onehall/contracts';
import type { FormValues } from '@onehall/forms';
import { hallApi } from '../api/hall-api.ts';
import { t } from '../i18n/translate.ts';

/**
 * What a person can do on the detail page, as the server offers it
 * (`myTask.actions` for an approver, `can` for everyone else), and how each
 * action becomes one API call. The UI shows exactly these, nothing guessed.
 */

export type MyTask = NonNullable<ApplicationDetailDto['myTask']>;
type TaskAction = MyTask['actions'][number];
export type SendBackTarget = SendBackBody['target'];
export type SignerPosition = AddSignerBody['position'];

/** One thing the person asked for, with everything its call needs. */
export type ActionRequest =
  | { kind: 'approve'; opinion: string; fields?: FormValues; chosen?: Record<string, string[]> }
  | { kind: 'reject' | 'comment' | 'withdraw'; opinion: string }
  | { kind: 'sendBack'; opinion: string; target: SendBackTarget }
  | { kind: 'transfer' | 'delegate'; opinion: string; to: string }
  | { kind: 'addSigner'; opinion: string; people: string[]; position: SignerPosition }
  | { kind: 'removeSigner'; opinion: string; person: string }
  | { kind: 'cc'; opinion: string; people: string[] };

/** Actions asked for in a dialog. */
export type DialogAction = ActionRequest['kind'];
/** Everything the action bar can offer: the dialogs, plus 催办 (no dialog) and 重新提交 (its own page). */
export type BarAction = DialogAction | 'urge' | 'resubmit';

/** The words of an action (its button), and what a toast says once it is done. */
export function actionText(action: BarAction): string {
  return t(`components.action.${action}`);
}

/** The label of a button: a delegate answers rather than approves. */
export function buttonText(action: BarAction, task: MyTask | null): string {
  return action === 'approve' && task?.kind === 'delegate' ? t('components.action.reply') : actionText(action);
}

export function doneText(action: BarAction): string {
  return t(`components.done.${action}`);
}

/** A way of adding a signer, with what it means. */
export function signerPositionText(position: SignerPosition): { label: string; help: string } {
  return { label: t(`components.signer.${position}`), help: t(`components.signer.${position}Help`) };
}

export interface SendBackOption {
  key: string;
  label: string;
  target: SendBackTarget;
}

/**
 * Where this task may send the application back. The server lists only the
 * previous step when only 'previous' is allowed, and every earlier step when
 * any may be chosen; a step is always named by its id (the engine treats the
 * previous step's id like 'previous').
 */
export function sendBackOptions(task: MyTask): SendBackOption[] {
  const options: SendBackOption[] = [];
  if (task.sendBackToApplicant) options.push({ key: 'applicant', label: t('components.sendBack.applicant'), target: 'applicant' });
  task.sendBackTargets.forEach((step, index) => {
    if (index === 0) {
      const target: SendBackTarget = { nodeId: step.nodeId };
      options.push({ key: `node:${step.nodeId}`, label: t('components.sendBack.previous', { step: step.name }), target });
    } else {
      options.push({ key: `node:${step.nodeId}`, label: t('components.sendBack.step', { step: step.name }), target: { nodeId: step.nodeId } });
    }
  });
  return options;
}

/** The bar: buttons in a row (the last one filled), and the rest behind 更多. */
export interface BarLayout {
  buttons: BarAction[];
  more: BarAction[];
}

const moreOfTask: TaskAction[] = ['sendBack', 'transfer', 'delegate', 'addSigner', 'removeSigner', 'comment', 'cc'];

/** What the bar offers the viewer: their task's actions, or else what they may do with the application. */
export function barLayout(application: ApplicationDetailDto): BarLayout {
  const task = application.myTask;
  if (task) {
    const offered = (action: TaskAction) => {
      if (action === 'sendBack') return task.actions.includes('sendBack') && sendBackOptions(task).length > 0;
      if (action === 'removeSigner') return task.actions.includes('removeSigner') && task.removable.length > 0;
      return task.actions.includes(action);
    };
    return {
      buttons: (['reject', 'approve'] as const).filter((action) => task.actions.includes(action)),
      more: moreOfTask.filter(offered),
    };
  }
  const { can } = application;
  const main = (['withdraw', 'urge', 'resubmit'] as const).filter((action) => can[action]);
  const others = (['comment', 'cc'] as const).filter((action) => can[action]);
  // Three buttons fit a phone's width; beyond that the occasional ones go behind 更多.
  if (main.length + others.length <= 3) return { buttons: [...others, ...main], more: [] };
  return { buttons: main, more: others };
}

/**
 * People the page already knows, offered in the people picker: the
 * applicant, everyone with a task on it and the removable signers; not the
 * viewer, who cannot hand a task to themself.
 */
export function knownPeople(application: ApplicationDetailDto, viewerId: string | undefined): PersonRefDto[] {
  const people = new Map<string, PersonRefDto>();
  for (const person of [application.applicant, ...application.tasks.map((task) => task.assignee), ...(application.myTask?.removable ?? [])]) {
    if (person.personId !== viewerId && !people.has(person.personId)) people.set(person.personId, person);
  }
  return [...people.values()];
}

/** Sends one request; the answer is the application as it is now. */
export function performAction(application: ApplicationDetailDto, request: ActionRequest, idempotencyKey: string): Promise<ApplicationDetailDto> {
  const taskId = application.myTask?.id ?? '';
  const { opinion } = request;
  switch (request.kind) {
    case 'approve':
      return hallApi.approveTask(taskId, { opinion, idempotencyKey, ...(request.fields ? { fields: request.fields } : {}), ...(request.chosen ? { chosen: request.chosen } : {}) });
    case 'reject':
      return hallApi.rejectTask(taskId, { opinion, idempotencyKey });
    case 'sendBack':
      return hallApi.sendBackTask(taskId, { opinion, idempotencyKey, target: request.target });
    case 'transfer':
      return hallApi.transferTask(taskId, { opinion, idempotencyKey, to: request.to });
    case 'delegate':
      return hallApi.delegateTask(taskId, { opinion, idempotencyKey, to: request.to });
    case 'addSigner':
      return hallApi.addSigner(taskId, { opinion, idempotencyKey, people: request.people, position: request.position });
    case 'removeSigner':
      return hallApi.removeSigner(taskId, { opinion, idempotencyKey, person: request.person });
    case 'comment':
      return hallApi.commentOnApplication(application.id, { opinion, idempotencyKey });
    case 'cc':
      return hallApi.copyApplication(application.id, { opinion, idempotencyKey, people: request.people });
    case 'withdraw':
      return hallApi.withdrawApplication(application.id, { opinion, idempotencyKey });
  }
}
