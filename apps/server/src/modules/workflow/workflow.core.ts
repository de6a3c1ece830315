import { advance, indexTree, type Action, type EngineError, type EngineState, type ProcessDefinition } from '@onehall/engine';
import type { ApplicationDetailDto } from '@onehall/contracts';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { Auth, IdentityService } from '../identity/identity.service.ts';
import type { DefinitionsService } from './definitions.service.ts';
import { applicationToDetailDto, applicationToSummaryDto, peopleInDetail, type Names } from './workflow.dto.ts';
import { applyEffects } from './workflow.effects.ts';
import { canReadApplication } from './workflow.policy.ts';
import * as repo from './workflow.repository.ts';
import type { ApplicationRow } from './workflow.table.ts';

/**
 * The machinery under every workflow action: loading definitions, reading
 * an application for a viewer, and `perform`, the one path by which an
 * action changes an application.
 */

export interface WorkflowDeps {
  db: Db;
  identity: IdentityService;
  catalog: CatalogService;
  forms: FormsService;
  definitions: DefinitionsService;
  now?: () => Date;
}

/** Who acts: a person (with roles), or the system (timers). */
export type Caller = Pick<Auth, 'personId' | 'roles'>;

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** The engine's refusals, as the API's error codes. */
export function engineErrorToAppError(error: EngineError, definition: ProcessDefinition): AppError {
  const nodeName = error.nodeId ? (indexTree(definition).nodes.get(error.nodeId)?.node.name ?? error.nodeId) : '';
  switch (error.code) {
    case 'ASSIGNEE_NOT_FOUND':
      return new AppError('ASSIGNEE_NOT_FOUND', { nodeId: error.nodeId }, `“${nodeName}”找不到审批人，暂时无法提交，请联系服务负责部门`);
    case 'CHOICE_REQUIRED':
      return new AppError('CHOICE_REQUIRED', { nodeId: error.nodeId }, `请为“${nodeName}”选择审批人`);
    case 'ALREADY_STARTED':
      return new AppError('CONCURRENT_UPDATE');
    case 'NODE_NOT_FOUND':
      return new AppError('VALIDATION_FAILED', { nodeId: error.nodeId }, '流程中没有该环节');
    case 'NOT_ASSIGNEE':
    case 'TASK_ALREADY_HANDLED':
    case 'APPLICATION_ENDED':
    case 'NOT_APPLICANT':
    case 'ACTION_NOT_ALLOWED':
    case 'OPINION_REQUIRED':
    case 'SEND_BACK_TARGET_INVALID':
    case 'WITHDRAW_NOT_ALLOWED':
    case 'URGE_TOO_SOON':
    case 'FIELD_NOT_WRITABLE':
    case 'SIGNER_INVALID':
    case 'NOT_RETURNED':
      return new AppError(error.code);
  }
}

/** The nodes an application waits at, for lists: ids and names joined. */
export function currentNodes(definition: ProcessDefinition, state: EngineState): { id: string | null; name: string | null } {
  const tree = indexTree(definition);
  const ids = Object.keys(state.runs);
  if (ids.length === 0) return { id: null, name: state.status === 'returned' ? '待申请人修改' : null };
  return { id: ids[0]!, name: ids.map((id) => tree.nodes.get(id)?.node.name ?? id).join('、') };
}

export interface PerformOptions {
  /** Locate the application by one of the caller's tasks, or directly. */
  taskId?: string;
  applicationId?: string;
  idempotencyKey?: string | undefined;
  /** Administrators act on anyone's task; people only on their own. */
  asAdmin?: boolean;
  /** The task may be waiting for a delegate or signer (removing a signer you added). */
  allowSuspended?: boolean;
  /** Build the engine action from the locked application (and the task's engine key). */
  makeAction: (ctx: { application: ApplicationRow; taskKey: string | null; at: string; tx: Tx }) => Promise<Action> | Action;
}

export type WorkflowCore = ReturnType<typeof createWorkflowCore>;

export function createWorkflowCore(deps: WorkflowDeps) {
  const { db, identity, catalog, forms, definitions } = deps;
  const now = deps.now ?? (() => new Date());

  /** Definitions never change once stored, so each is read once per process. */
  const definitionCache = new Map<string, ProcessDefinition>();
  async function loadDefinition(id: string, executor: Executor = db): Promise<ProcessDefinition> {
    let definition = definitionCache.get(id);
    if (!definition) {
      definition = (await definitions.getById(id, executor)).definition;
      definitionCache.set(id, definition);
    }
    return definition;
  }

  async function lookUpNames(personIds: string[], serviceIds: string[], executor: Executor = db): Promise<Names> {
    // Inside a transaction the lookups must use it: PGlite has one connection.
    const [people, services] = await Promise.all([identity.findPeopleNames(personIds, executor), catalog.findServiceNames(serviceIds, executor)]);
    return { people, services };
  }

  async function isParticipant(executor: Executor, caller: Caller, application: ApplicationRow): Promise<boolean> {
    if (canReadApplication(caller, application, false)) return true;
    if (await repo.hasTaskOnApplication(executor, application.id, caller.personId)) return true;
    return Boolean(await repo.findCopy(executor, application.id, caller.personId));
  }

  async function buildDetail(executor: Executor, caller: Caller, application: ApplicationRow): Promise<ApplicationDetailDto> {
    const [tasks, timeline, form, definition, participant] = await Promise.all([
      repo.findTasksOfApplication(executor, application.id),
      repo.findTimeline(executor, application.id),
      forms.getById(application.form_definition_id, executor),
      loadDefinition(application.process_definition_id, executor),
      isParticipant(executor, caller, application),
    ]);
    const personIds = [application.applicant_person_id, ...tasks.map((t) => t.assignee_person_id), ...timeline.flatMap((e) => [...(e.actor_person_id ? [e.actor_person_id] : []), ...peopleInDetail(e.detail)])];
    const names = await lookUpNames(personIds, [application.service_id], executor);
    return applicationToDetailDto(application, { form: form.schema, definition, tasks, timeline, viewerId: caller.personId, isParticipant: participant }, names);
  }

  async function summarise(rows: ApplicationRow[]) {
    const pending = await repo.findPendingTasksOfApplications(db, rows.map((row) => row.id));
    const names = await lookUpNames([...rows.map((r) => r.applicant_person_id), ...pending.map((p) => p.assignee_person_id)], rows.map((r) => r.service_id));
    return (row: ApplicationRow) => applicationToSummaryDto(row, pending.filter((p) => p.application_id === row.id).map((p) => p.assignee_person_id), names);
  }

  /** Writes the engine's new state on the application row, checking nobody changed it meanwhile. */
  async function saveState(tx: Tx, application: ApplicationRow, definition: ProcessDefinition, state: EngineState) {
    const node = currentNodes(definition, state);
    const ended = state.status !== 'running' && state.status !== 'returned';
    const written = await repo.updateApplicationState(tx, application.id, application.version, {
      status: state.status,
      engine_state: JSON.stringify(state),
      data: JSON.stringify(state.data),
      current_node_id: node.id,
      current_node_name: node.name,
      ended_at: ended ? (application.ended_at ?? now()) : null,
    });
    if (!written) throw new AppError('CONCURRENT_UPDATE');
  }

  /** The first request with this key committed but has not stored its answer yet: answer with the application as it is. */
  async function answerLater(caller: Caller, applicationId: string): Promise<ApplicationDetailDto> {
    return buildDetail(db, caller, (await repo.findApplicationById(db, applicationId))!);
  }

  /**
   * Every action on an application, one transaction: lock the application
   * row (every action on one application runs one after another), ask the
   * engine, perform its effects, save its state, log the action. The same
   * person repeating an action with the same key gets the first answer.
   */
  async function perform(caller: Caller | null, options: PerformOptions): Promise<ApplicationDetailDto | null> {
    if (caller && options.idempotencyKey) {
      const earlier = await repo.findActionByIdempotencyKey(db, caller.personId, options.idempotencyKey);
      if (earlier) return (earlier.response as ApplicationDetailDto | null) ?? answerLater(caller, earlier.application_id);
    }
    try {
      const done = await db.transaction().execute(async (tx) => {
        let applicationId = options.applicationId;
        if (options.taskId) {
          const task = await repo.findTaskById(tx, options.taskId);
          if (!task) throw new AppError('TASK_NOT_FOUND');
          if (caller && !options.asAdmin && task.assignee_person_id !== caller.personId) throw new AppError('NOT_ASSIGNEE');
          applicationId = task.application_id;
        }
        // Lock order: the application row first, then its tasks.
        const application = applicationId ? await repo.lockApplication(tx, applicationId) : undefined;
        if (!application) throw new AppError('APPLICATION_NOT_FOUND');
        if (caller && !options.taskId && !options.asAdmin && !(await isParticipant(tx, caller, application))) throw new AppError('APPLICATION_NOT_FOUND');
        // The task is read again under the lock: the first read may predate a winner's commit.
        const task = options.taskId ? await repo.findTaskById(tx, options.taskId) : undefined;
        if (task && task.status !== 'pending' && !(options.allowSuspended && task.status === 'suspended')) throw new AppError('TASK_ALREADY_HANDLED');
        const definition = await loadDefinition(application.process_definition_id, tx);
        const action = await options.makeAction({ application, taskKey: task?.engine_key ?? null, at: now().toISOString(), tx });
        const result = advance(definition, application.engine_state, action);
        if (!result.ok) throw engineErrorToAppError(result.error, definition);
        await applyEffects(tx, application, definition, result.effects, caller?.personId ?? null);
        await saveState(tx, application, definition, result.state);
        const actionId = await repo.insertAction(tx, {
          application_id: application.id,
          actor_person_id: caller?.personId ?? null,
          action: JSON.stringify(action),
          idempotency_key: caller ? (options.idempotencyKey ?? null) : null,
          response: null,
        });
        return { applicationId: application.id, actionId };
      });
      // The answer is read after commit, outside the lock, so racing approvers wait less.
      if (!caller) return null;
      const detail = await buildDetail(db, caller, (await repo.findApplicationById(db, done.applicationId))!);
      // Kept only when the client may repeat the request with the same key.
      if (options.idempotencyKey) await repo.setActionResponse(db, done.actionId, JSON.stringify(detail));
      return detail;
    } catch (error) {
      // The same key raced itself: the loser (refused because the winner got there first,
      // or stopped by the unique key) answers with the winner's result.
      if (caller && options.idempotencyKey && (isUniqueViolation(error) || isAppError(error))) {
        const earlier = await repo.findActionByIdempotencyKey(db, caller.personId, options.idempotencyKey);
        if (earlier) return (earlier.response as ApplicationDetailDto | null) ?? answerLater(caller, earlier.application_id);
      }
      throw error;
    }
  }

  return { now, loadDefinition, lookUpNames, isParticipant, buildDetail, summarise, saveState, perform };
}
