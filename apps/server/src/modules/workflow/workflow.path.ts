import { previewPath, type EngineState, type ProcessDefinition } from '@onehall/engine';
import type { TaskStatus, TimelineAction } from '@onehall/contracts';

/**
 * An application's path for its detail page: 提交申请, then every approver
 * and CC step its data leads through (conditions taken as the engine takes
 * them), each done, current or coming, with its people. Pure: it reads the
 * engine state, the tasks and the timeline, and decides nothing.
 */

/** The start step's id: node ids begin with a letter, so it cannot clash. */
export const START_STEP_ID = '@start';

export interface PathStep {
  nodeId: string;
  name: string;
  type: 'start' | 'approver' | 'cc';
  state: 'done' | 'rejected' | 'current' | 'coming' | 'skipped';
  /** Person ids: who decided (done), who holds it (current), who will (coming). */
  people: string[];
  /** Coming, and its people are not known yet (chosen by the previous approver): 待定. */
  undetermined: boolean;
  /** Passed, or will pass, without anyone deciding. */
  autoPass: boolean;
  mode?: 'any' | 'all' | 'sequential' | 'ratio' | undefined;
  branch?: string | undefined;
}

interface TaskFacts {
  node_id: string;
  assignee_person_id: string;
  status: TaskStatus;
  kind: string;
  created_at: Date;
  completed_at: Date | null;
}

interface TimelineFacts {
  action: TimelineAction;
  node_id: string | null;
  at: Date;
}

const unique = (ids: string[]) => [...new Set(ids)];

export function applicationPath(definition: ProcessDefinition, state: EngineState, tasks: readonly TaskFacts[], timeline: readonly TimelineFacts[]): PathStep[] {
  const ended = state.status !== 'running' && state.status !== 'returned';
  // This run starts at the last submit or resubmit: earlier decisions were undone by a send-back.
  let runStart = 0;
  timeline.forEach((entry, index) => {
    if (entry.action === 'submit' || entry.action === 'resubmit') runStart = index;
  });
  const since = timeline[runStart]?.at ?? new Date(0);
  const thisRun = timeline.slice(runStart);
  const passed = new Set(thisRun.filter((entry) => entry.action === 'autoPass' && entry.node_id).map((entry) => entry.node_id!));
  const copied = new Set(thisRun.filter((entry) => entry.action === 'cc' && entry.node_id).map((entry) => entry.node_id!));
  const decided = (nodeId: string, status: TaskStatus) =>
    unique(tasks.filter((task) => task.node_id === nodeId && task.status === status && task.kind !== 'delegate' && task.completed_at !== null && task.completed_at >= since).map((task) => task.assignee_person_id));

  const start: PathStep = {
    nodeId: START_STEP_ID,
    name: state.status === 'returned' ? '申请人修改' : '提交申请',
    type: 'start',
    state: state.status === 'returned' ? 'current' : 'done',
    people: [state.applicant.personId],
    undetermined: false,
    autoPass: false,
  };

  const steps = previewPath(definition, { data: state.data, applicant: state.applicant, plan: state.plan }).map((step): PathStep => {
    const base = { nodeId: step.nodeId, name: step.name, type: step.type, undetermined: false, autoPass: false, ...(step.mode ? { mode: step.mode } : {}), ...(step.branch ? { branch: step.branch } : {}) };
    if (step.type === 'cc') {
      if (copied.has(step.nodeId) || state.status === 'approved') return { ...base, state: 'done', people: step.people };
      return ended ? { ...base, state: 'skipped', people: [] } : { ...base, state: 'coming', people: step.people };
    }
    if (state.runs[step.nodeId]) {
      const holders = tasks.filter((task) => task.node_id === step.nodeId && (task.status === 'pending' || task.status === 'suspended')).map((task) => task.assignee_person_id);
      return { ...base, state: 'current', people: unique(holders) };
    }
    const rejectedBy = decided(step.nodeId, 'rejected');
    if (state.status === 'rejected' && rejectedBy.length > 0) return { ...base, state: 'rejected', people: rejectedBy };
    if (passed.has(step.nodeId)) return { ...base, state: 'done', people: [], autoPass: true };
    const approvedBy = decided(step.nodeId, 'approved');
    if (state.trail.includes(step.nodeId) || state.status === 'approved') return { ...base, state: 'done', people: approvedBy.length > 0 ? approvedBy : step.people, autoPass: approvedBy.length === 0 && step.autoPass };
    if (ended) return { ...base, state: 'skipped', people: [] };
    return { ...base, state: 'coming', people: step.chosenLater || step.blocked ? [] : step.people, undetermined: step.chosenLater || step.blocked, autoPass: step.autoPass };
  });
  return [start, ...steps];
}
