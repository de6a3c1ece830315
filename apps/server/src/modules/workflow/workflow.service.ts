import type { ApplicationDetailDto, ApplicationListDto, ApplicationStatus, SentListQuery, SubmitApplicationBody, TaskListDto } from '@onehall/contracts';
import { advance, initialState, type Effect, type EngineError, type EngineState, type ProcessDefinition } from '@onehall/engine';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueJobs, type NewJob } from '../../platform/jobs.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { Auth, IdentityService } from '../identity/identity.service.ts';
import { resolvePlan } from './assignees.ts';
import type { DefinitionsService } from './definitions.service.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { applicationToDetailDto, applicationToSummaryDto, type Names } from './workflow.dto.ts';
import { canReadApplication } from './workflow.policy.ts';
import * as repo from './workflow.repository.ts';
import type { ApplicationRow } from './workflow.table.ts';

export type WorkflowService = ReturnType<typeof createWorkflowService>;

interface Deps {
  db: Db;
  identity: IdentityService;
  catalog: CatalogService;
  forms: FormsService;
  definitions: DefinitionsService;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** The node an engine state is waiting at, as stored on the application row for lists. */
function currentNode(definition: ProcessDefinition, state: EngineState): { id: string; name: string } | null {
  const node = state.active ? definition.nodes[state.active.index] : undefined;
  return node ? { id: node.id, name: node.name } : null;
}

function statusOf(state: EngineState): ApplicationStatus {
  return state.status;
}

export function createWorkflowService(deps: Deps) {
  const { db, identity, catalog, forms, definitions } = deps;

  /** Definitions never change once stored, so each is read once per process. */
  const definitionCache = new Map<string, ProcessDefinition>();
  async function loadDefinition(id: string, tx: Db | Tx = db): Promise<ProcessDefinition> {
    let definition = definitionCache.get(id);
    if (!definition) {
      definition = (await definitions.getById(id, tx)).definition;
      definitionCache.set(id, definition);
    }
    return definition;
  }

  async function lookUpNames(personIds: string[], serviceIds: string[]): Promise<Names> {
    const [people, services] = await Promise.all([identity.findPeopleNames(personIds), catalog.findServiceNames(serviceIds)]);
    return { people, services };
  }

  /**
   * Performs the engine's effects inside the action's transaction: tasks are
   * opened and closed here, and every message becomes a job row, so nothing
   * is sent for an action that rolls back.
   */
  async function applyEffects(tx: Tx, application: { id: string; serial_no: string; title: string; applicant_person_id: string }, definition: ProcessDefinition, effects: Effect[]): Promise<void> {
    const jobs: NewJob[] = [];
    for (const effect of effects) {
      const node = 'nodeId' in effect ? definition.nodes.find((n) => n.id === effect.nodeId) : undefined;
      switch (effect.type) {
        case 'openTasks':
          await repo.insertTasks(tx, effect.assignees.map((assignee) => ({ application_id: application.id, node_id: effect.nodeId, node_name: node?.name ?? effect.nodeId, assignee_person_id: assignee })));
          break;
        case 'closeTasks':
          await repo.cancelPendingTasks(tx, application.id, effect.nodeId, effect.assignees);
          break;
        case 'notifyAssignees':
          for (const personId of effect.assignees) {
            jobs.push({ kind: 'notify.task_assigned', payload: { personId, applicationId: application.id, title: application.title, nodeName: node?.name ?? '' } });
          }
          break;
        case 'finished':
          await repo.insertTimeline(tx, effect.outcome === 'approved' ? [{ application_id: application.id, action: 'complete', actor_person_id: null, node_id: null, node_name: null, opinion: null }] : []);
          jobs.push({ kind: 'notify.application_ended', payload: { personId: application.applicant_person_id, applicationId: application.id, title: application.title, outcome: effect.outcome } });
          break;
      }
    }
    await enqueueJobs(tx, jobs);
  }

  function engineErrorToAppError(error: EngineError, definition: ProcessDefinition): AppError {
    switch (error.code) {
      case 'ASSIGNEE_NOT_FOUND': {
        const node = definition.nodes.find((n) => n.id === error.nodeId);
        return new AppError('ASSIGNEE_NOT_FOUND', { nodeId: error.nodeId }, `“${node?.name ?? error.nodeId}”找不到审批人，暂时无法提交，请联系服务负责部门`);
      }
      case 'APPLICATION_ENDED':
        return new AppError('APPLICATION_ENDED');
      case 'NOT_ASSIGNEE':
        // The task row said pending but the engine disagrees: a concurrent change got there first.
        return new AppError('TASK_ALREADY_HANDLED');
      case 'ALREADY_STARTED':
        return new AppError('CONCURRENT_UPDATE');
    }
  }

  async function getDetail(viewerId: string, application: ApplicationRow): Promise<ApplicationDetailDto> {
    const [tasks, timeline, form] = await Promise.all([
      repo.findTasksOfApplication(db, application.id),
      repo.findTimeline(db, application.id),
      forms.getById(application.form_definition_id),
    ]);
    const personIds = [application.applicant_person_id, ...tasks.map((t) => t.assignee_person_id), ...timeline.flatMap((e) => (e.actor_person_id ? [e.actor_person_id] : []))];
    const names = await lookUpNames(personIds, [application.service_id]);
    return applicationToDetailDto(application, { form: form.schema, tasks, timeline, viewerId }, names);
  }

  async function summarise(rows: ApplicationRow[]) {
    const pending = await repo.findPendingTasksOfApplications(db, rows.map((row) => row.id));
    const names = await lookUpNames([...rows.map((r) => r.applicant_person_id), ...pending.map((p) => p.assignee_person_id)], rows.map((r) => r.service_id));
    return (row: ApplicationRow) =>
      applicationToSummaryDto(row, pending.filter((p) => p.application_id === row.id).map((p) => p.assignee_person_id), names);
  }

  async function decide(auth: Auth, taskId: string, decision: 'approve' | 'reject', opinion: string): Promise<ApplicationDetailDto> {
    if (decision === 'reject' && opinion.trim() === '') throw new AppError('OPINION_REQUIRED');
    const applicationId = await db.transaction().execute(async (tx) => {
      const found = await repo.findTaskById(tx, taskId);
      if (!found) throw new AppError('TASK_NOT_FOUND');
      if (found.assignee_person_id !== auth.personId) throw new AppError('NOT_ASSIGNEE');
      // Lock order: the application row first, then its tasks. Every action
      // on one application takes this lock, so all-must-approve joins and
      // racing approvers are decided one at a time. The task is read again
      // under the lock: the first read may predate a winner's commit.
      const application = await repo.lockApplication(tx, found.application_id);
      if (!application) throw new AppError('APPLICATION_NOT_FOUND');
      const task = (await repo.findTaskById(tx, taskId))!;
      if (task.status !== 'pending') throw new AppError('TASK_ALREADY_HANDLED');
      if (application.status !== 'running') throw new AppError('APPLICATION_ENDED');

      const definition = await loadDefinition(application.process_definition_id, tx);
      const result = advance(definition, application.engine_state, { type: decision, actor: auth.personId, nodeId: task.node_id });
      if (!result.ok) throw engineErrorToAppError(result.error, definition);

      const completed = await repo.completeTask(tx, task.id, decision === 'approve' ? 'approved' : 'rejected', opinion || null);
      if (!completed) throw new AppError('TASK_ALREADY_HANDLED');
      await repo.insertTimeline(tx, [{ application_id: application.id, action: decision, actor_person_id: auth.personId, node_id: task.node_id, node_name: task.node_name, opinion: opinion || null }]);
      await applyEffects(tx, application, definition, result.effects);

      const node = currentNode(definition, result.state);
      const ended = result.state.status !== 'running';
      const written = await repo.updateApplicationState(tx, application.id, application.version, {
        status: statusOf(result.state),
        engine_state: JSON.stringify(result.state),
        current_node_id: node?.id ?? null,
        current_node_name: node?.name ?? null,
        ended_at: ended ? new Date() : null,
      });
      if (!written) throw new AppError('CONCURRENT_UPDATE');
      return application.id;
    });
    const application = await repo.findApplicationById(db, applicationId);
    return getDetail(auth.personId, application!);
  }

  return {
    /**
     * Submits an application: validate the form on the server, resolve the
     * approvers, start the engine, and store the application, its first tasks,
     * the timeline and the notification jobs in one transaction. The same
     * idempotency key from the same person returns the first result.
     */
    async submit(auth: Auth, body: SubmitApplicationBody): Promise<ApplicationDetailDto> {
      const existing = await repo.findApplicationByIdempotencyKey(db, auth.personId, body.idempotencyKey);
      if (existing) return getDetail(auth.personId, existing);

      const service = await catalog.getPublishedService(body.serviceCode);
      const [form, process, applicant] = await Promise.all([
        forms.getLatest(service.form_key),
        definitions.getLatest(service.process_key),
        identity.findPersonProfile(auth.personId),
      ]);
      const values = forms.validate(form.schema, body.data);
      const plan = await resolvePlan(process.definition, { personId: auth.personId, departmentId: applicant?.department_id ?? null }, identity);
      const started = advance(process.definition, initialState(), { type: 'start', plan });
      if (!started.ok) throw engineErrorToAppError(started.error, process.definition);
      const node = currentNode(process.definition, started.state);

      let application: ApplicationRow;
      try {
        application = await db.transaction().execute(async (tx) => {
          const row = await repo.insertApplication(tx, {
            serial_no: await repo.nextSerialNumber(tx),
            service_id: service.id,
            applicant_person_id: auth.personId,
            applicant_account_id: auth.accountId,
            form_definition_id: form.id,
            process_definition_id: process.id,
            title: `${applicant?.name ?? ''}的${service.name}`,
            data: JSON.stringify(values),
            status: statusOf(started.state),
            engine_state: JSON.stringify(started.state),
            current_node_id: node?.id ?? null,
            current_node_name: node?.name ?? null,
            idempotency_key: body.idempotencyKey,
          });
          await repo.insertTimeline(tx, [{ application_id: row.id, action: 'submit', actor_person_id: auth.personId, node_id: null, node_name: null, opinion: null }]);
          await applyEffects(tx, row, process.definition, started.effects);
          return row;
        });
      } catch (error) {
        // Two submits with one key raced: the loser answers with the winner's result.
        if (!isUniqueViolation(error)) throw error;
        const winner = await repo.findApplicationByIdempotencyKey(db, auth.personId, body.idempotencyKey);
        if (!winner) throw error;
        application = winner;
      }
      return getDetail(auth.personId, application);
    },

    /** An application's detail, for its applicant, anyone who had a task on it, and administrators. */
    async getApplication(auth: Auth, applicationId: string): Promise<ApplicationDetailDto> {
      const application = await repo.findApplicationById(db, applicationId);
      const hasTask = application ? Boolean(await repo.hasTaskOnApplication(db, applicationId, auth.personId)) : false;
      // Not found and not allowed look the same: ids of others' applications reveal nothing.
      if (!application || !canReadApplication(auth, application, hasTask)) throw new AppError('APPLICATION_NOT_FOUND');
      return getDetail(auth.personId, application);
    },

    approveTask: (auth: Auth, taskId: string, opinion: string) => decide(auth, taskId, 'approve', opinion),
    rejectTask: (auth: Auth, taskId: string, opinion: string) => decide(auth, taskId, 'reject', opinion),

    /** 发出的事项. */
    async listSent(auth: Auth, query: SentListQuery): Promise<ApplicationListDto> {
      const rows = await repo.findSentApplications(db, auth.personId, { status: query.status, cursor: decodeCursor(query.cursor), limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const toDto = await summarise(page);
      const last = page.at(-1);
      return { items: page.map(toDto), nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.submitted_at, id: last.id }) : null };
    },

    /** 待办 / 已办. */
    async listTasks(auth: Auth, which: 'todo' | 'done', query: { cursor?: string | undefined; limit: number }): Promise<TaskListDto> {
      const rows = await repo.findTasksOfPerson(db, auth.personId, { which, cursor: decodeCursor(query.cursor), limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const toDto = await summarise(page);
      const last = page.at(-1);
      const lastAt = last ? (which === 'todo' ? last.task_created_at : last.task_completed_at) : null;
      return {
        items: page.map((row) => ({
          taskId: row.task_id,
          taskStatus: row.task_status,
          nodeName: row.task_node_name,
          receivedAt: row.task_created_at.toISOString(),
          handledAt: row.task_completed_at ? row.task_completed_at.toISOString() : null,
          application: toDto(row),
        })),
        nextCursor: rows.length > query.limit && last && lastAt ? encodeCursor({ at: lastAt, id: last.task_id }) : null,
      };
    },

    countTasks(auth: Auth) {
      return repo.countTasksOfPerson(db, auth.personId);
    },

    countApplications() {
      return repo.countApplications(db);
    },
  };
}
