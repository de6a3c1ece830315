import type { ApplicantContext, FormData } from './conditions.ts';

/** Every action carries its time (ISO) and, except timers, who acts. */
interface Base {
  at: string;
}
interface ByTask extends Base {
  actor: string;
  taskKey: string;
  opinion?: string | undefined;
}

export type Action =
  | (Base & { type: 'start'; actor: string; data: FormData; applicant: ApplicantContext & { headPersonId?: string | null }; plan: Record<string, string[]> })
  | (ByTask & { type: 'approve'; fields?: Record<string, unknown> | undefined; chosen?: Record<string, string[]> | undefined })
  | (ByTask & { type: 'reject' })
  | (ByTask & { type: 'sendBack'; target: 'applicant' | 'previous' | { nodeId: string } })
  | (Base & { type: 'resubmit'; actor: string; data: FormData; plan: Record<string, string[]> })
  | (ByTask & { type: 'transfer'; to: string })
  | (ByTask & { type: 'delegate'; to: string })
  | (ByTask & { type: 'addSigner'; people: string[]; position: 'before' | 'after' | 'parallel' })
  | (ByTask & { type: 'removeSigner'; person: string })
  | (Base & { type: 'withdraw'; actor: string; opinion?: string | undefined })
  | (Base & { type: 'urge'; actor: string })
  | (Base & { type: 'comment'; actor: string; opinion: string })
  | (Base & { type: 'cc'; actor: string; people: string[]; opinion?: string | undefined })
  | (Base & { type: 'reassign'; actor: string; taskKey: string; to: string; opinion?: string | undefined })
  | (Base & { type: 'jump'; actor: string; nodeId: string; opinion?: string | undefined })
  | (Base & { type: 'terminate'; actor: string; opinion?: string | undefined })
  | (Base & { type: 'timer'; kind: 'remind' | 'timeout'; nodeId: string; entry: number });

export type ActionType = Action['type'];

/** What the workflow module must do after a transition, in the same transaction. */
export type Effect =
  | { type: 'openTask'; key: string; nodeId: string; assignee: string; kind: 'approve' | 'delegate' | 'signerBefore' | 'signerAfter'; forKey?: string | undefined }
  | { type: 'closeTask'; key: string; status: 'approved' | 'rejected' | 'returned' | 'transferred' | 'cancelled'; opinion?: string | undefined }
  | { type: 'suspendTask'; key: string }
  | { type: 'resumeTask'; key: string }
  | { type: 'notify'; people: string[]; event: 'taskAssigned' | 'urged' | 'cc' | 'returned' | 'ended' | 'remind' | 'delegated' }
  | { type: 'cc'; people: string[] }
  | { type: 'schedule'; kind: 'remind' | 'timeout'; nodeId: string; entry: number; at: string }
  | { type: 'log'; action: LogAction; actor: string | null; nodeId: string | null; opinion?: string | undefined; detail?: Record<string, unknown> | undefined }
  | { type: 'dataChanged'; fields: Record<string, unknown> }
  | { type: 'finished'; outcome: 'approved' | 'rejected' | 'withdrawn' | 'terminated' };

/** Timeline entries the engine writes. */
export const logActions = [
  'submit', 'resubmit', 'approve', 'reject', 'sendBack', 'transfer', 'delegate', 'answer', 'addSigner', 'removeSigner',
  'withdraw', 'urge', 'comment', 'cc', 'autoPass', 'timeout', 'reassign', 'jump', 'terminate', 'complete',
] as const;
export type LogAction = (typeof logActions)[number];

export type EngineErrorCode =
  | 'APPLICATION_ENDED'
  | 'ALREADY_STARTED'
  | 'TASK_ALREADY_HANDLED'
  | 'NOT_ASSIGNEE'
  | 'NOT_APPLICANT'
  | 'ACTION_NOT_ALLOWED'
  | 'OPINION_REQUIRED'
  | 'ASSIGNEE_NOT_FOUND'
  | 'CHOICE_REQUIRED'
  | 'SEND_BACK_TARGET_INVALID'
  | 'WITHDRAW_NOT_ALLOWED'
  | 'URGE_TOO_SOON'
  | 'FIELD_NOT_WRITABLE'
  | 'SIGNER_INVALID'
  | 'NOT_RETURNED'
  | 'NODE_NOT_FOUND';

export interface EngineError {
  code: EngineErrorCode;
  nodeId?: string | undefined;
  detail?: string | undefined;
}
