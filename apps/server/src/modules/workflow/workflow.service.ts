import type {
  AddSignerBody, ApplicationDetailDto, ApplicationListDto, ApproveBody, BatchApproveDto, CcBody, DecideBody, HandOverBody, JumpBody, PathPreviewDto,
  RemoveSignerBody, ResubmitBody, SendBackBody, SentListQuery, SubmitApplicationBody, TaskListDto,
} from '@onehall/contracts';
import { errorMessage } from '@onehall/contracts';
import { advance, indexTree, initialState, previewPath, type Action, type EngineError, type EngineState, type ProcessDefinition } from '@onehall/engine';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { Auth, IdentityService } from '../identity/identity.service.ts';
import { describeApplicant, resolvePlan } from './assignees.ts';
import type { DefinitionsService } from './definitions.service.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { applicationToDetailDto, applicationToSummaryDto, peopleInDetail, type Names } from './workflow.dto.ts';
import { applyEffects } from './workflow.effects.ts';
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
  now?: () => Date;
}

/** Who acts: a person (with roles), or the system (timers). */
type Caller = Pick<Auth, 'personId' | 'roles'>;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** The engine's refusals, as the API's error codes. */
function engineErrorToAppError(error: EngineError, definition: ProcessDefinition): AppError {
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
function currentNodes(definition: ProcessDefinition, state: EngineState): { id: string | null; name: string | null } {
  const tree = indexTree(definition);
  const ids = Object.keys(state.runs);
  if (ids.length === 0) return { id: null, name: state.status === 'returned' ? '待申请人修改' : null };
  return { id: ids[0]!, name: ids.map((id) => tree.nodes.get(id)?.node.name ?? id).join('、') };
}

export function createWorkflowService(deps: Deps) {
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

  interface PerformOptions {
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

  /**
   * Every action on an application, one transaction: lock the application
   * row (every action on one application runs one after another), ask the
   * engine, perform its effects, save its state, log the action. The same
   * person repeating an action with the same key gets the first answer.
   */
  async function perform(caller: Caller | null, options: PerformOptions): Promise<ApplicationDetailDto | null> {
    if (caller && options.idempotencyKey) {
      const earlier = await repo.findActionByIdempotencyKey(db, caller.personId, options.idempotencyKey);
      if (earlier?.response) return earlier.response as ApplicationDetailDto;
    }
    try {
      return await db.transaction().execute(async (tx) => {
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
        const updated = (await repo.findApplicationById(tx, application.id))!;
        const detail = caller ? await buildDetail(tx, caller, updated) : null;
        await repo.insertAction(tx, {
          application_id: application.id,
          actor_person_id: caller?.personId ?? null,
          action: JSON.stringify(action),
          idempotency_key: caller ? (options.idempotencyKey ?? null) : null,
          response: detail ? JSON.stringify(detail) : null,
        });
        return detail;
      });
    } catch (error) {
      // The same key raced itself: the loser (refused because the winner got there first,
      // or stopped by the unique key) answers with the winner's result.
      if (caller && options.idempotencyKey && (isUniqueViolation(error) || isAppError(error))) {
        const earlier = await repo.findActionByIdempotencyKey(db, caller.personId, options.idempotencyKey);
        if (earlier?.response) return earlier.response as ApplicationDetailDto;
      }
      throw error;
    }
  }

  const byTask = (auth: Auth, taskId: string, idempotencyKey: string | undefined, make: (taskKey: string, at: string) => Action) =>
    perform(auth, { taskId, idempotencyKey, makeAction: ({ taskKey, at }) => make(taskKey!, at) }) as Promise<ApplicationDetailDto>;

  async function checkPeopleExist(ids: string[]) {
    const people = await identity.findPeopleNames(ids);
    if (ids.some((id) => !people.get(id)?.active)) throw new AppError('PERSON_NOT_FOUND');
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
      if (existing) return buildDetail(db, auth, existing);

      const service = await catalog.getPublishedService(body.serviceCode);
      const [form, process, applicant] = await Promise.all([forms.getLatest(service.form_key), definitions.getLatest(service.process_key), describeApplicant(auth.personId, identity)]);
      const values = forms.validate(form.schema, body.data);
      const plan = await resolvePlan(process.definition, applicant, values, body.chosen ?? {}, identity);
      const start: Action = { type: 'start', at: now().toISOString(), actor: auth.personId, data: values, applicant, plan };
      const started = advance(process.definition, initialState(), start);
      if (!started.ok) throw engineErrorToAppError(started.error, process.definition);
      const node = currentNodes(process.definition, started.state);
      const profile = await identity.findPersonProfile(auth.personId);

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
            title: `${profile?.name ?? ''}的${service.name}`,
            data: JSON.stringify(started.state.data),
            status: started.state.status,
            engine_state: JSON.stringify(started.state),
            current_node_id: node.id,
            current_node_name: node.name,
            idempotency_key: body.idempotencyKey,
            ended_at: started.state.status === 'approved' ? new Date() : null,
          });
          await applyEffects(tx, row, process.definition, started.effects, auth.personId);
          await repo.insertAction(tx, { application_id: row.id, actor_person_id: auth.personId, action: JSON.stringify(start), idempotency_key: null, response: null });
          return row;
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const winner = await repo.findApplicationByIdempotencyKey(db, auth.personId, body.idempotencyKey);
        if (!winner) throw error;
        application = winner;
      }
      return buildDetail(db, auth, application);
    },

    /** The path a new application would take, with the concrete approvers, before submit. */
    async previewPath(auth: Auth, serviceCode: string, data: Record<string, unknown>, chosen: Record<string, string[]> = {}): Promise<PathPreviewDto> {
      const service = await catalog.getPublishedService(serviceCode);
      const process = await definitions.getLatest(service.process_key);
      const applicant = await describeApplicant(auth.personId, identity);
      const plan = await resolvePlan(process.definition, applicant, data, chosen, identity);
      const steps = previewPath(process.definition, { data, applicant, plan });
      const names = await lookUpNames(steps.flatMap((s) => s.people), []);
      const tree = indexTree(process.definition);
      return {
        steps: steps.map((step) => {
          const node = tree.nodes.get(step.nodeId)?.node;
          const chosenAtSubmit = node?.type === 'approver' && node.assignee.kind === 'applicantChooses';
          return { ...step, people: step.people.map((id) => ({ personId: id, name: names.people.get(id)?.name ?? '未知人员', departmentName: names.people.get(id)?.departmentName ?? null })), chosenAtSubmit, ...(step.branch ? { branch: step.branch } : {}) };
        }) as PathPreviewDto['steps'],
      };
    },

    /** An application's detail, for its applicant, anyone who had a task on it or a copy, and administrators. */
    async getApplication(auth: Auth, applicationId: string): Promise<ApplicationDetailDto> {
      const application = await repo.findApplicationById(db, applicationId);
      // Not found and not allowed look the same: ids of others' applications reveal nothing.
      if (!application || !(await isParticipant(db, auth, application))) throw new AppError('APPLICATION_NOT_FOUND');
      return buildDetail(db, auth, application);
    },

    // ── an approver's actions on their task ──
    approveTask: (auth: Auth, taskId: string, body: ApproveBody) =>
      byTask(auth, taskId, body.idempotencyKey, (taskKey, at) => ({ type: 'approve', at, actor: auth.personId, taskKey, opinion: body.opinion, fields: body.fields, chosen: body.chosen })),
    rejectTask: (auth: Auth, taskId: string, body: DecideBody) =>
      byTask(auth, taskId, body.idempotencyKey, (taskKey, at) => ({ type: 'reject', at, actor: auth.personId, taskKey, opinion: body.opinion })),
    sendBackTask: (auth: Auth, taskId: string, body: SendBackBody) =>
      byTask(auth, taskId, body.idempotencyKey, (taskKey, at) => ({ type: 'sendBack', at, actor: auth.personId, taskKey, opinion: body.opinion, target: body.target })),
    async transferTask(auth: Auth, taskId: string, body: HandOverBody) {
      await checkPeopleExist([body.to]);
      return byTask(auth, taskId, body.idempotencyKey, (taskKey, at) => ({ type: 'transfer', at, actor: auth.personId, taskKey, opinion: body.opinion, to: body.to }));
    },
    async delegateTask(auth: Auth, taskId: string, body: HandOverBody) {
      await checkPeopleExist([body.to]);
      return byTask(auth, taskId, body.idempotencyKey, (taskKey, at) => ({ type: 'delegate', at, actor: auth.personId, taskKey, opinion: body.opinion, to: body.to }));
    },
    async addSigner(auth: Auth, taskId: string, body: AddSignerBody) {
      await checkPeopleExist(body.people);
      return byTask(auth, taskId, body.idempotencyKey, (taskKey, at) => ({ type: 'addSigner', at, actor: auth.personId, taskKey, opinion: body.opinion, people: body.people, position: body.position }));
    },
    removeSigner: (auth: Auth, taskId: string, body: RemoveSignerBody) =>
      perform(auth, { taskId, allowSuspended: true, idempotencyKey: body.idempotencyKey, makeAction: ({ taskKey, at }) => ({ type: 'removeSigner', at, actor: auth.personId, taskKey: taskKey!, opinion: body.opinion, person: body.person }) }) as Promise<ApplicationDetailDto>,

    // ── the applicant's and participants' actions on the application ──
    async resubmit(auth: Auth, applicationId: string, body: ResubmitBody): Promise<ApplicationDetailDto> {
      // Validation and approvers are worked out before taking the lock; the engine refuses if it is not the applicant's to resubmit.
      const application = await repo.findApplicationById(db, applicationId);
      if (!application || !(await isParticipant(db, auth, application))) throw new AppError('APPLICATION_NOT_FOUND');
      // Edits are checked against the form version the application started with.
      const form = await forms.getById(application.form_definition_id);
      const values = forms.validate(form.schema, body.data);
      const definition = await loadDefinition(application.process_definition_id);
      const applicant = await describeApplicant(application.applicant_person_id, identity);
      const plan = await resolvePlan(definition, applicant, values, body.chosen ?? {}, identity);
      return perform(auth, { applicationId, idempotencyKey: body.idempotencyKey, makeAction: ({ at }) => ({ type: 'resubmit', at, actor: auth.personId, data: values, plan }) }) as Promise<ApplicationDetailDto>;
    },
    withdraw: (auth: Auth, applicationId: string, body: DecideBody) =>
      perform(auth, { applicationId, idempotencyKey: body.idempotencyKey, makeAction: ({ at }) => ({ type: 'withdraw', at, actor: auth.personId, opinion: body.opinion }) }) as Promise<ApplicationDetailDto>,
    urge: (auth: Auth, applicationId: string, body: DecideBody) =>
      perform(auth, { applicationId, idempotencyKey: body.idempotencyKey, makeAction: ({ at }) => ({ type: 'urge', at, actor: auth.personId }) }) as Promise<ApplicationDetailDto>,
    comment: (auth: Auth, applicationId: string, body: DecideBody) =>
      perform(auth, { applicationId, idempotencyKey: body.idempotencyKey, makeAction: ({ at }) => ({ type: 'comment', at, actor: auth.personId, opinion: body.opinion }) }) as Promise<ApplicationDetailDto>,
    async copyTo(auth: Auth, applicationId: string, body: CcBody) {
      await checkPeopleExist(body.people);
      return perform(auth, { applicationId, idempotencyKey: body.idempotencyKey, makeAction: ({ at }) => ({ type: 'cc', at, actor: auth.personId, people: body.people, opinion: body.opinion }) }) as Promise<ApplicationDetailDto>;
    },
    /** The read receipt of a copy. */
    async markCopyRead(auth: Auth, applicationId: string): Promise<void> {
      if (!(await repo.findCopy(db, applicationId, auth.personId))) throw new AppError('APPLICATION_NOT_FOUND');
      await repo.markCopyRead(db, applicationId, auth.personId);
    },

    // ── administrators ──
    async reassignTask(auth: Auth, taskId: string, body: HandOverBody) {
      await checkPeopleExist([body.to]);
      return perform(auth, { taskId, asAdmin: true, allowSuspended: true, idempotencyKey: body.idempotencyKey, makeAction: ({ taskKey, at }) => ({ type: 'reassign', at, actor: auth.personId, taskKey: taskKey!, to: body.to, opinion: body.opinion }) }) as Promise<ApplicationDetailDto>;
    },
    jump: (auth: Auth, applicationId: string, body: JumpBody) =>
      perform(auth, { applicationId, asAdmin: true, idempotencyKey: body.idempotencyKey, makeAction: ({ at }) => ({ type: 'jump', at, actor: auth.personId, nodeId: body.nodeId, opinion: body.opinion }) }) as Promise<ApplicationDetailDto>,
    terminate: (auth: Auth, applicationId: string, body: DecideBody) =>
      perform(auth, { applicationId, asAdmin: true, idempotencyKey: body.idempotencyKey, makeAction: ({ at }) => ({ type: 'terminate', at, actor: auth.personId, opinion: body.opinion }) }) as Promise<ApplicationDetailDto>,

    /** A durable timer fired (from the job table): a reminder or a time limit. Stale timers do nothing. */
    async fireTimer(payload: { applicationId: string; kind: 'remind' | 'timeout'; nodeId: string; entry: number }): Promise<void> {
      try {
        await perform(null, { applicationId: payload.applicationId, makeAction: ({ at }) => ({ type: 'timer', at, kind: payload.kind, nodeId: payload.nodeId, entry: payload.entry }) });
      } catch (error) {
        if (isAppError(error) && (error.code === 'APPLICATION_ENDED' || error.code === 'APPLICATION_NOT_FOUND')) return;
        throw error;
      }
    },

    /**
     * Batch approve: only the caller's own pending tasks of one service where
     * the node needs no opinion and has no writable field; one transaction per
     * task, a result per task.
     */
    async batchApprove(auth: Auth, taskIds: string[], opinion: string): Promise<BatchApproveDto> {
      const results: BatchApproveDto['results'] = [];
      let serviceId: string | null = null;
      for (const taskId of [...new Set(taskIds)]) {
        try {
          const task = await repo.findTaskById(db, taskId);
          if (!task || task.assignee_person_id !== auth.personId) throw new AppError('TASK_NOT_FOUND');
          const application = (await repo.findApplicationById(db, task.application_id))!;
          if (serviceId !== null && application.service_id !== serviceId) throw new AppError('ACTION_NOT_ALLOWED', {}, '批量审批只能处理同一服务的待办');
          serviceId = application.service_id;
          const node = indexTree(await loadDefinition(application.process_definition_id)).nodes.get(task.node_id)?.node;
          if (node?.type !== 'approver' || task.kind !== 'approve' || node.opinionRequired.approve || Object.values(node.fields).includes('write')) {
            throw new AppError('ACTION_NOT_ALLOWED', {}, '该待办需要填写意见或表单，请单独处理');
          }
          await byTask(auth, taskId, undefined, (taskKey, at) => ({ type: 'approve', at, actor: auth.personId, taskKey, opinion }));
          results.push({ taskId, ok: true });
        } catch (error) {
          if (!isAppError(error)) throw error;
          results.push({ taskId, ok: false, code: error.code, message: error.message || errorMessage(error.code) });
        }
      }
      return { results };
    },

    /** Rebuilds an application's engine state from its action log (for checks and repairs). */
    async replayState(applicationId: string): Promise<EngineState> {
      const application = await repo.findApplicationById(db, applicationId);
      if (!application) throw new AppError('APPLICATION_NOT_FOUND');
      const definition = await loadDefinition(application.process_definition_id);
      let state = initialState();
      for (const { action } of await repo.findActions(db, applicationId)) {
        const result = advance(definition, state, action);
        if (!result.ok) throw new Error(`replay refused ${action.type}: ${result.error.code}`);
        state = result.state;
      }
      return state;
    },

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
