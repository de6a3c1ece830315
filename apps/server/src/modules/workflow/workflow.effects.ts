import { indexTree, type Effect, type ProcessDefinition } from '@onehall/engine';
import type { Tx } from '../../platform/db.ts';
import { enqueueJobs, type NewJob } from '../../platform/jobs.ts';
import * as repo from './workflow.repository.ts';

/** The application an action runs on, as far as effects need it. */
export interface EffectTarget {
  id: string;
  title: string;
}

/**
 * Performs the engine's effects inside the action's transaction: tasks open
 * and close here, timeline rows are written, copies recorded, and every
 * message or timer becomes a job row, so nothing leaves the building for an
 * action that rolls back.
 */
export async function applyEffects(tx: Tx, application: EffectTarget, definition: ProcessDefinition, effects: Effect[], actorId: string | null): Promise<void> {
  const tree = indexTree(definition);
  const nodeName = (nodeId: string | null) => (nodeId ? (tree.nodes.get(nodeId)?.node.name ?? nodeId) : null);
  const jobs: NewJob[] = [];
  const opened: Parameters<typeof repo.insertTasks>[1] = [];
  const flushOpened = async () => {
    if (opened.length > 0) await repo.insertTasks(tx, opened.splice(0));
  };
  for (const effect of effects) {
    switch (effect.type) {
      case 'openTask':
        opened.push({ application_id: application.id, engine_key: effect.key, kind: effect.kind, for_key: effect.forKey ?? null, node_id: effect.nodeId, node_name: nodeName(effect.nodeId)!, assignee_person_id: effect.assignee });
        break;
      case 'closeTask':
        // A task may open and close within one action (e.g. a node decided on entry); write it first.
        await flushOpened();
        await repo.closeTask(tx, application.id, effect.key, effect.status, effect.opinion ?? null);
        break;
      case 'suspendTask':
      case 'resumeTask':
        await flushOpened();
        await repo.setTaskWaiting(tx, application.id, effect.key, effect.type === 'suspendTask' ? 'suspended' : 'pending');
        break;
      case 'notify':
        for (const personId of new Set(effect.people)) {
          jobs.push({ kind: 'notify.event', payload: { event: effect.event, personId, applicationId: application.id, title: application.title } });
        }
        break;
      case 'cc':
        await repo.insertCopies(tx, application.id, effect.people, actorId);
        break;
      case 'schedule':
        jobs.push({ kind: 'workflow.timer', payload: { applicationId: application.id, kind: effect.kind, nodeId: effect.nodeId, entry: effect.entry }, runAt: new Date(effect.at) });
        break;
      case 'log':
        await repo.insertTimeline(tx, [
          {
            application_id: application.id,
            action: effect.action,
            actor_person_id: effect.actor,
            node_id: effect.nodeId,
            node_name: nodeName(effect.nodeId),
            opinion: effect.opinion ?? null,
            detail: effect.detail ? JSON.stringify(effect.detail) : null,
          },
        ]);
        break;
      case 'dataChanged':
      case 'finished':
        break; // written with the application row
    }
  }
  await flushOpened();
  await enqueueJobs(tx, jobs);
}
