import type { ApplicantContext, FormData } from './conditions.ts';

/**
 * The engine's whole state for one application: enough, with the
 * definition, to decide any action. Stored as JSON beside the application.
 */
export type ApplicationStatus = 'running' | 'returned' | 'approved' | 'rejected' | 'withdrawn' | 'terminated';

/** The kinds of task: a person's part in a node, or help they asked for. */
export type TaskKind = 'approve' | 'delegate' | 'signerBefore' | 'signerAfter';

export interface EngineTask {
  key: string;
  nodeId: string;
  assignee: string;
  kind: TaskKind;
  /** For delegate and signer tasks: the approval task they serve. */
  forKey?: string | undefined;
  /** For delegate and signer tasks: the approver they serve. */
  forPerson?: string | undefined;
  /** Suspended while a delegate or a before-signer answers. */
  status: 'open' | 'suspended';
}

/** One approver of a running node, and how far they are. */
export interface Slot {
  person: string;
  state: 'queued' | 'open' | 'awaitingSigners' | 'approved' | 'rejected' | 'removed';
}

export interface NodeRun {
  nodeId: string;
  /** The entry number: timers of an earlier entry of the same node are ignored. */
  entry: number;
  mode: 'any' | 'all' | 'sequential' | 'ratio';
  ratio?: number | undefined;
  slots: Slot[];
  /** After this node decides, jump to this node (a send-back that resumes at the sender). */
  resumeAt?: string | undefined;
  /** The depth of the sequence the send-back was scoped to: containers above it are still running. */
  resumeDepth?: number | undefined;
}

export interface EngineState {
  status: ApplicationStatus;
  data: FormData;
  applicant: ApplicantContext & { headPersonId?: string | null };
  /** Concrete people of each node, resolved by the workflow module; choices add to it. */
  plan: Record<string, string[]>;
  /** Approver nodes waiting for decisions, by node id (several inside parallel branches). */
  runs: Record<string, NodeRun>;
  /** Live tasks (open or suspended), by key. Decided tasks leave the state; the timeline keeps them. */
  tasks: Record<string, EngineTask>;
  /** Parallel nodes waiting for branches: the ids of the branches still running. */
  joins: Record<string, string[]>;
  /** Approver nodes decided in this run, in order: the places a send-back may return to. */
  trail: string[];
  /** People who approved something, for the repeated-approver rule. */
  approvedBy: string[];
  /** Decisions since the last submit: the applicant may withdraw freely while it is 0. */
  decisions: number;
  /** When the applicant last urged each task. */
  urgedAt: Record<string, string>;
  /** Set while sent back to the applicant: where a resubmit resumes. */
  returned?: { senderNodeId: string; resume: 'sender' | 'rerun' } | undefined;
  /** Counters for task keys and node entries. */
  seq: number;
}
