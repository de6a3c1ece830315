import { randomUUID } from 'node:crypto';
import type {
  AddSignerBody, ApplicationDetailDto, ApplicationListDto, ApproveBody, BatchApproveDto, CcBody, DecideBody, HandOverBody, JumpBody, PathPreviewDto,
  RemoveSignerBody, ResubmitBody, SendBackBody, SentListQuery, SubmitApplicationBody, TaskListDto,
} from '@onehall/contracts';
import { errorMessage } from '@onehall/contracts';
import { advance, indexTree, initialState, previewPath, type Action, type EngineState } from '@onehall/engine';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { Auth } from '../identity/identity.service.ts';
import { describeApplicant, needsApplicantHead, resolvePlan } from './assignees.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { applyChanges, planEffects } from './workflow.effects.ts';
import { createWorkflowCore, engineErrorToAppError, isUniqueViolation, type WorkflowDeps } from './workflow.core.ts';
import * as repo from './workflow.repository.ts';

export type WorkflowService = ReturnType<typeof createWorkflowService>;

export function createWorkflowService(deps: WorkflowDeps) {
  const { db, identity, catalog, forms, definitions } = deps;
  const core = createWorkflowCore(deps);
  const { now, loadDefinition, lookUpNames, detailOf, readDetail, summarise, stateFields, perform } = core;

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
      // A repeated key is caught by the unique index on (applicant, key) below: no look-up on the way in.
      // Should a repeat be refused on the way (the service went offline, a date passed), it still answers
      // with the application the first request made.
      let prepared;
      try {
        const service = await catalog.getPublishedService(body.serviceCode);
        const [form, process] = await Promise.all([forms.getLatest(service.form_key), definitions.getLatest(service.process_key)]);
        const values = forms.validate(form.schema, body.data);
        const { applicant, name } = await describeApplicant(auth.personId, identity, { needHead: needsApplicantHead(process.definition) });
        const plan = await resolvePlan(process.definition, applicant, values, body.chosen ?? {}, identity);
        const at = now();
        const start: Action = { type: 'start', at: at.toISOString(), actor: auth.personId, data: values, applicant, plan };
        const started = advance(process.definition, initialState(), start);
        if (!started.ok) throw engineErrorToAppError(started.error, process.definition);
        prepared = { service, form, process, name, at, start, started };
      } catch (error) {
        if (!isAppError(error)) throw error;
        const earlier = await repo.findApplicationByIdempotencyKey(db, auth.personId, body.idempotencyKey);
        if (earlier) return readDetail(auth, earlier.id);
        throw error;
      }
      const { service, form, process, name, at, start, started } = prepared;
      const target = { id: randomUUID(), title: `${name}的${service.name}` };
      const changes = planEffects(target, process.definition, started.effects, auth.personId, at);
      const fields = stateFields(null, process.definition, started.state, at);
      try {
        const application = await repo.insertApplicationWith(
          db,
          {
            ...target,
            ...fields,
            engine_state: JSON.stringify(fields.engine_state),
            data: JSON.stringify(started.state.data),
            service_id: service.id,
            applicant_person_id: auth.personId,
            applicant_account_id: auth.accountId,
            form_definition_id: form.id,
            process_definition_id: process.id,
            idempotency_key: body.idempotencyKey,
            submitted_at: at,
            updated_at: at,
          },
          changes,
          { actor_person_id: auth.personId, action: start, idempotency_key: null, response: null },
        );
        return detailOf(auth, { application, ...applyChanges(application.id, [], [], changes), copied: false });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const winner = await repo.findApplicationByIdempotencyKey(db, auth.personId, body.idempotencyKey);
        if (!winner) throw error;
        return readDetail(auth, winner.id);
      }
    },

    /** The path a new application would take, with the concrete approvers, before submit. */
    async previewPath(auth: Auth, serviceCode: string, data: Record<string, unknown>, chosen: Record<string, string[]> = {}): Promise<PathPreviewDto> {
      const service = await catalog.getPublishedService(serviceCode);
      const process = await definitions.getLatest(service.process_key);
      const { applicant } = await describeApplicant(auth.personId, identity, { needHead: needsApplicantHead(process.definition) });
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
    getApplication: (auth: Auth, applicationId: string): Promise<ApplicationDetailDto> => readDetail(auth, applicationId),

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
    resubmit: (auth: Auth, applicationId: string, body: ResubmitBody) =>
      perform(auth, {
        applicationId,
        idempotencyKey: body.idempotencyKey,
        // Edits are checked against the form version the application started with; the engine refuses if it is not the applicant's to resubmit.
        makeAction: async ({ application, at }) => {
          const form = await forms.getById(application.form_definition_id);
          const values = forms.validate(form.schema, body.data);
          const definition = await loadDefinition(application.process_definition_id);
          const { applicant } = await describeApplicant(application.applicant_person_id, identity, { needHead: needsApplicantHead(definition) });
          const plan = await resolvePlan(definition, applicant, values, body.chosen ?? {}, identity);
          return { type: 'resubmit', at, actor: auth.personId, data: values, plan };
        },
      }) as Promise<ApplicationDetailDto>,
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
          await perform(auth, {
            taskId,
            check: ({ application, task, definition }) => {
              if (serviceId !== null && application.service_id !== serviceId) throw new AppError('ACTION_NOT_ALLOWED', {}, '批量审批只能处理同一服务的待办');
              serviceId = application.service_id;
              const node = indexTree(definition).nodes.get(task!.node_id)?.node;
              if (node?.type !== 'approver' || task!.kind !== 'approve' || node.opinionRequired.approve || Object.values(node.fields).includes('write')) {
                throw new AppError('ACTION_NOT_ALLOWED', {}, '该待办需要填写意见或表单，请单独处理');
              }
            },
            makeAction: ({ taskKey, at }) => ({ type: 'approve', at, actor: auth.personId, taskKey: taskKey!, opinion }),
          });
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
