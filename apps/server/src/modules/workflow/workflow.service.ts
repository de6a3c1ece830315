import { randomUUID } from 'node:crypto';
import type {
  AddSignerBody, ApplicationCopyDto, ApplicationDetailDto, ApproveBody, BatchApproveDto, CcBody, DecideBody, HandOverBody, JumpBody, PathPreviewDto,
  RemoveSignerBody, ResubmitBody, SendBackBody, SubmitApplicationBody,
} from '@onehall/contracts';
import type { LastValuesDto } from '@onehall/contracts';
import { errorMessage } from '@onehall/contracts';
import { advance, indexTree, initialState, previewPath, type Action, type EngineState } from '@onehall/engine';
import { isUniqueViolation, type Executor } from '../../platform/db.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { Auth } from '../identity/identity.service.ts';
import { describeApplicant, needsApplicantHead, resolvePlan } from './assignees.ts';
import { applyChanges, planEffects } from './workflow.effects.ts';
import { prepareApproverEdits, type ApproverEdits } from './workflow.form-edits.ts';
import { createWorkflowCore, engineErrorToAppError, type WorkflowDeps } from './workflow.core.ts';
import { createWorkflowLists } from './workflow.lists.ts';
import { canBatchApprove } from './workflow.policy.ts';
import { canReadApplication } from './workflow.policy.ts';
import * as repo from './workflow.repository.ts';

export type WorkflowService = ReturnType<typeof createWorkflowService>;

/** Field types whose values 再次申请 leaves out. */
const notCopied = new Set<string>(['attachment', 'image', 'signature', 'description', 'computed']);

export function createWorkflowService(deps: WorkflowDeps) {
  const { db, identity, catalog, forms, definitions } = deps;
  const core = createWorkflowCore(deps);
  const { now, loadDefinition, lookUpNames, detailOf, readDetail, stateFields, perform } = core;

  const byTask = (auth: Auth, taskId: string, idempotencyKey: string | undefined, make: (taskKey: string, at: string) => Action) =>
    perform(auth, { taskId, idempotencyKey, makeAction: ({ taskKey, at }) => make(taskKey!, at) }) as Promise<ApplicationDetailDto>;

  async function checkPeopleExist(ids: string[]) {
    const people = await identity.findPeopleNames(ids);
    if (ids.some((id) => !people.get(id)?.active)) throw new AppError('PERSON_NOT_FOUND');
  }

  return {
    // 发出的事项, 待办, 已办, 抄送我 and their counts.
    ...createWorkflowLists({ db, core }),

    /**
     * Submits an application: validate the form on the server, resolve the
     * approvers, start the engine, and store the application, its first tasks,
     * the timeline and the notification jobs in one transaction (with the
     * uploads its form references, linked to it: files.claimForApplication, and
     * the deletion of the person's draft of the service). The same
     * idempotency key from the same person returns the first result.
     */
    async submit(auth: Auth, body: SubmitApplicationBody): Promise<ApplicationDetailDto> {
      // A repeated key is caught by the unique index on (applicant, key) below: no look-up on the way in.
      // Should a repeat be refused on the way (the service went offline, a date passed), it still answers
      // with the application the first request made.
      let prepared;
      try {
        const service = await catalog.getServiceFor(auth.personId, body.serviceCode);
        const [form, process] = await Promise.all([forms.getLatest(service.form_key), definitions.getLatest(service.process_key)]);
        const values = await forms.validate(form.schema, body.data);
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
      const target = { id: randomUUID(), title: `${name}的${service.name}`, service_id: service.id };
      const changes = planEffects(target, process.definition, started.effects, auth.personId, at);
      const fields = stateFields(null, process.definition, started.state, at);
      const link = core.fileLink(auth.personId, target.id, form.schema, started.state.data);
      // The person's draft of the service (草稿) goes with the submit: both happen or neither.
      const { drafts } = deps;
      const discardDraft = drafts ? (tx: Executor) => drafts.discardOnSubmit(tx, auth.personId, service.id) : undefined;
      try {
        const application = await core.writeLinkingFiles(link, (executor) => repo.insertApplicationWith(
          executor,
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
        ), undefined, discardDraft);
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
      const service = await catalog.getServiceFor(auth.personId, serviceCode);
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

    /** Whether someone may read an application (the detail page's rule, without reading the detail): for its attachments. */
    async mayReadApplication(caller: Pick<Auth, 'personId' | 'roles'>, applicationId: string): Promise<boolean> {
      const access = await repo.findReadAccess(db, applicationId, caller.personId);
      return access !== undefined && (canReadApplication(caller, access, Boolean(access.has_task)) || Boolean(access.copied));
    },

    /**
     * 再次申请: the values a new application of the same service starts from.
     * Files are not copied (each belongs to one application: the person
     * uploads again), nor computed values and descriptions, which have none.
     * Only the applicant copies (the data is theirs); other readers are told
     * NOT_APPLICANT, everyone else learns nothing (APPLICATION_NOT_FOUND). The
     * service must still be open, and the values are those of fields its
     * form has now, leaving out fields approvers fill in.
     */
    async copyAsNew(auth: Auth, applicationId: string): Promise<ApplicationCopyDto> {
      const snapshot = await repo.readSnapshot(db, { applicationId }, auth.personId);
      if (!snapshot || !core.isParticipant(auth, snapshot)) throw new AppError('APPLICATION_NOT_FOUND');
      const { application } = snapshot;
      if (application.applicant_person_id !== auth.personId) throw new AppError('NOT_APPLICANT');
      const names = await lookUpNames([], [application.service_id]);
      const service = await catalog.getServiceFor(auth.personId, names.services.get(application.service_id)?.code ?? '');
      const [form, process] = await Promise.all([forms.getLatest(service.form_key), definitions.getLatest(service.process_key)]);
      const approversFill = new Set(indexTree(process.definition).approvers.flatMap((node) => Object.entries(node.fields).filter(([, permission]) => permission === 'write').map(([key]) => key)));
      const data = Object.fromEntries(
        form.schema.fields
          .filter((field) => Object.hasOwn(application.data, field.key) && !approversFill.has(field.key) && !notCopied.has(field.type))
          .map((field) => [field.key, application.data[field.key]]),
      );
      return { applicationId: application.id, serialNo: application.serial_no, serviceCode: service.code, data };
    },

    /**
     * The `last` prefill of a new application: the values the caller gave in
     * their most recent application of this service, for the fields of its
     * form today that ask for them (prefill 'last'; never files, which
     * belong to that application). Nothing when there is none; only one's own.
     */
    async lastValues(auth: Auth, serviceCode: string): Promise<LastValuesDto> {
      const service = await catalog.getServiceFor(auth.personId, serviceCode);
      const form = await forms.getLatest(service.form_key);
      const fileTypes = new Set(['attachment', 'image', 'signature']);
      const keys = form.schema.fields.filter((field) => 'prefill' in field && field.prefill === 'last' && !fileTypes.has(field.type)).map((field) => field.key);
      if (keys.length === 0) return { applicationId: null, data: null };
      const last = await repo.findLastApplicationOf(db, auth.personId, service.id);
      if (!last) return { applicationId: null, data: null };
      const data = Object.fromEntries(keys.filter((key) => Object.hasOwn(last.data, key)).map((key) => [key, last.data[key]!]));
      return { applicationId: last.id, data };
    },

    // ── an approver's actions on their task ──
    approveTask(auth: Auth, taskId: string, body: ApproveBody) {
      // The fields this step fills in are checked like a submit's; computed fields follow them.
      let recompute: ApproverEdits['recompute'] = (data) => data;
      return perform(auth, {
        taskId,
        idempotencyKey: body.idempotencyKey,
        makeAction: async ({ application, task, taskKey, at }) => {
          const edits = await prepareApproverEdits({ forms, loadDefinition }, application, task, body.fields);
          recompute = edits.recompute;
          return { type: 'approve', at, actor: auth.personId, taskKey: taskKey!, opinion: body.opinion, fields: edits.fields, chosen: body.chosen };
        },
        adjustData: (data) => recompute(data),
      }) as Promise<ApplicationDetailDto>;
    },
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
          const values = await forms.validate(form.schema, body.data);
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
     * Batch approve: only the caller's own pending tasks of one service that
     * canBatchApprove allows; one transaction per task, a result per task.
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
              if (!canBatchApprove(definition, application.engine_state, task!)) {
                throw new AppError('ACTION_NOT_ALLOWED', {}, '该待办需要填写意见、表单或选择下一步审批人，请单独处理');
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

    countApplications() {
      return repo.countApplications(db);
    },
  };
}
