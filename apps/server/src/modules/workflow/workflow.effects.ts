import { randomUUID } from 'node:crypto';
import { indexTree, type Effect, type ProcessDefinition, type TaskKind } from '@onehall/engine';
import type { TaskStatus, TimelineAction } from '@onehall/contracts';
import type { NewJob } from '../../platform/jobs.ts';
import type { TaskRow, TimelineRow } from './workflow.table.ts';

/** The application an action runs on, as far as effects need it. */
export interface EffectTarget {
  id: string;
  title: string;
  /** Copied onto its tasks and copies, for the lists' service filter. */
  service_id: string;
}

/** A task the action opens, already in its final state (a task may open and close within one action). */
export interface NewTask {
  id: string;
  engine_key: string;
  kind: TaskKind;
  for_key: string | null;
  node_id: string;
  node_name: string;
  assignee_person_id: string;
  service_id: string;
  status: TaskStatus;
  opinion: string | null;
  created_at: Date;
  completed_at: Date | null;
}

/** What happens to a task that existed before the action, all its effects folded into one change. */
export interface TaskChange {
  engine_key: string;
  status: TaskStatus;
  /** The task ended: completed_at is set. */
  completed: boolean;
  /** An opinion to keep on the task (null keeps the old one). */
  opinion: string | null;
  /** The change applies only to a live task (pending or suspended): a close never reopens or re-closes. */
  only_live: boolean;
}

export interface NewTimelineEntry {
  action: TimelineAction;
  actor_person_id: string | null;
  node_id: string | null;
  node_name: string | null;
  opinion: string | null;
  detail: Record<string, unknown> | null;
}

/** Everything an action writes besides the application row, written in the same statement. */
export interface ChangeSet {
  at: Date;
  opened: NewTask[];
  changed: TaskChange[];
  timeline: NewTimelineEntry[];
  /** People given a copy (CC), by whom, of an application of this service. */
  copies: { people: string[]; by: string | null; serviceId: string };
  jobs: NewJob[];
}

const live = (status: TaskStatus) => status === 'pending' || status === 'suspended';

/**
 * Turns the engine's effects into the rows an action writes: tasks opened
 * and changed, timeline entries, copies, and every message or timer as a job
 * row, so nothing leaves the building for an action that is not written.
 * Effects on one task are folded in order into one change.
 */
export function planEffects(application: EffectTarget, definition: ProcessDefinition, effects: Effect[], actorId: string | null, at: Date): ChangeSet {
  const tree = indexTree(definition);
  const nodeName = (nodeId: string | null) => (nodeId ? (tree.nodes.get(nodeId)?.node.name ?? nodeId) : null);
  const opened = new Map<string, NewTask>();
  const changed = new Map<string, TaskChange>();
  const plan: ChangeSet = { at, opened: [], changed: [], timeline: [], copies: { people: [], by: actorId, serviceId: application.service_id }, jobs: [] };

  const setStatus = (key: string, status: TaskStatus, ends: boolean, opinion: string | null) => {
    const fresh = opened.get(key);
    if (fresh) {
      // A close only ends a live task; suspending and resuming always apply.
      if (ends && !live(fresh.status)) return;
      fresh.status = status;
      if (ends) fresh.completed_at = at;
      if (opinion !== null) fresh.opinion = opinion;
      return;
    }
    const earlier = changed.get(key);
    if (earlier && ends && !live(earlier.status)) return;
    changed.set(key, {
      engine_key: key,
      status,
      completed: (earlier?.completed ?? false) || ends,
      opinion: opinion ?? earlier?.opinion ?? null,
      only_live: earlier?.only_live ?? ends,
    });
  };

  for (const effect of effects) {
    switch (effect.type) {
      case 'openTask':
        opened.set(effect.key, {
          id: randomUUID(),
          engine_key: effect.key,
          kind: effect.kind,
          for_key: effect.forKey ?? null,
          node_id: effect.nodeId,
          node_name: nodeName(effect.nodeId)!,
          assignee_person_id: effect.assignee,
          service_id: application.service_id,
          status: 'pending',
          opinion: null,
          created_at: at,
          completed_at: null,
        });
        break;
      case 'closeTask':
        setStatus(effect.key, effect.status, true, effect.opinion ?? null);
        break;
      case 'suspendTask':
      case 'resumeTask':
        setStatus(effect.key, effect.type === 'suspendTask' ? 'suspended' : 'pending', false, null);
        break;
      case 'notify': {
        // An ending says how it ended (通过, 驳回, 撤回, 终止), from the same action's 'finished'.
        const outcome = effect.event === 'ended' ? effects.find((e) => e.type === 'finished')?.outcome : undefined;
        for (const personId of new Set(effect.people)) {
          plan.jobs.push({ kind: 'notify.event', payload: { event: effect.event, personId, applicationId: application.id, title: application.title, ...(outcome ? { outcome } : {}) } });
        }
        break;
      }
      case 'cc':
        plan.copies.people.push(...effect.people.filter((person) => !plan.copies.people.includes(person)));
        break;
      case 'schedule':
        plan.jobs.push({ kind: 'workflow.timer', payload: { applicationId: application.id, kind: effect.kind, nodeId: effect.nodeId, entry: effect.entry }, runAt: new Date(effect.at) });
        break;
      case 'log':
        plan.timeline.push({
          action: effect.action,
          actor_person_id: effect.actor,
          node_id: effect.nodeId,
          node_name: nodeName(effect.nodeId),
          opinion: effect.opinion ?? null,
          detail: effect.detail ?? null,
        });
        break;
      case 'dataChanged':
      case 'finished':
        break; // written with the application row
    }
  }
  plan.opened = [...opened.values()];
  plan.changed = [...changed.values()];
  return plan;
}

/**
 * The application's tasks and timeline as they are once the change set is
 * written: the answer to an action is built from them, without reading the
 * rows back. (New timeline rows are numbered by their place; answers use places, not row ids.)
 */
export function applyChanges(applicationId: string, tasks: TaskRow[], timeline: TimelineRow[], changes: ChangeSet): { tasks: TaskRow[]; timeline: TimelineRow[] } {
  const byKey = new Map(changes.changed.map((change) => [change.engine_key, change]));
  const updated = tasks.map((task) => {
    const change = byKey.get(task.engine_key);
    if (!change || (change.only_live && !live(task.status))) return task;
    return { ...task, status: change.status, completed_at: change.completed ? changes.at : task.completed_at, opinion: change.opinion ?? task.opinion, version: task.version + 1 };
  });
  const opened: TaskRow[] = changes.opened.map((task) => ({ ...task, application_id: applicationId, last_urged_at: null, version: 0 }));
  const written: TimelineRow[] = changes.timeline.map((entry, index) => ({ ...entry, id: String(timeline.length + index + 1), application_id: applicationId, at: changes.at }));
  // The order the tasks are read in: (created_at, id).
  const ordered = [...updated, ...opened].sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { tasks: ordered, timeline: [...timeline, ...written] };
}
