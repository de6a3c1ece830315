import { advance, indexTree, type Action, type EngineError, type EngineState, type ProcessDefinition } from '@onehall/engine';
import { formatShanghaiClock, type ApplicationDetailDto } from '@onehall/contracts';
import { LRUCache } from 'lru-cache';
import { isUniqueViolation, type Db, type Executor } from '../../platform/db.ts';
import type { FormDefinition, FormValues } from '@onehall/forms';
import type { FileClaim, FilesService } from '../files/files.service.ts';
import type { DraftsService } from '../drafts/drafts.service.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { Auth, IdentityService } from '../identity/identity.service.ts';
import type { DefinitionsService } from './definitions.service.ts';
import { applicationToDetailDto, applicationToSummaryDto, peopleInDetail, type ApplicationSummaryRow, type Names } from './workflow.dto.ts';
import { applyChanges, planEffects, type ChangeSet } from './workflow.effects.ts';
import { applicationPath } from './workflow.path.ts';
import { formRefs, referencedIds } from './workflow.refs.ts';
import { canReadApplication } from './workflow.policy.ts';
import * as repo from './workflow.repository.ts';
import type { ApplicationSnapshot, ApplicationStateFields } from './workflow.repository.ts';
import type { ApplicationRow, TaskRow } from './workflow.table.ts';

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
  /** Attachments: the files form data references are linked to the application in the write's transaction. */
  files?: Pick<FilesService, 'referencedFiles' | 'claimForApplication'>;
  /** 草稿: a submit deletes the applicant's draft of the service in its transaction. */
  drafts?: Pick<DraftsService, 'discardOnSubmit'>;
}

/** Files an application write links: a person's uploads, referenced by the form data being written. */
export interface FileLink {
  personId: string;
  applicationId: string;
  files: readonly FileClaim[];
}

/** Who acts: a person (with roles), or the system (timers). */
export type Caller = Pick<Auth, 'personId' | 'roles'>;

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
    case 'URGE_TOO_SOON':
      if (!error.detail) return new AppError('URGE_TOO_SOON');
      return new AppError('URGE_TOO_SOON', { retryAt: error.detail }, `每个待办一小时内只能催办一次，请于 ${formatShanghaiClock(error.detail)} 后再催办`);
    case 'NOT_ASSIGNEE':
    case 'TASK_ALREADY_HANDLED':
    case 'APPLICATION_ENDED':
    case 'NOT_APPLICANT':
    case 'ACTION_NOT_ALLOWED':
    case 'OPINION_REQUIRED':
    case 'SEND_BACK_TARGET_INVALID':
    case 'WITHDRAW_NOT_ALLOWED':
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
  /** Refuses the action before the engine sees it (e.g. batch approve's eligibility). */
  check?: (ctx: { application: ApplicationRow; task: TaskRow | undefined; definition: ProcessDefinition }) => void;
  /** Build the engine action from the application as read (and the task, with its engine key). */
  makeAction: (ctx: { application: ApplicationRow; task: TaskRow | undefined; taskKey: string | null; at: string }) => Promise<Action> | Action;
  /** Adjusts the form data the engine answers (after an approver's edits: computed fields computed again). */
  adjustData?: (data: Record<string, unknown>) => Record<string, unknown>;
}

/** An action that lost the race for the application is tried again from a fresh read, at most this many times in all. */
const MAX_ATTEMPTS = 10;

export type WorkflowCore = ReturnType<typeof createWorkflowCore>;

export function createWorkflowCore(deps: WorkflowDeps) {
  const { db, identity, catalog, forms, definitions } = deps;
  const now = deps.now ?? (() => new Date());

  /** The files a person's form data references (attachment, image and signature fields), to link to the application. */
  function fileLink(personId: string, applicationId: string, form: FormDefinition, data: Record<string, unknown>): FileLink {
    return { personId, applicationId, files: deps.files ? deps.files.referencedFiles(form, data as FormValues) : [] };
  }

  /**
   * Runs an application write; when it links files, in one transaction with
   * the link (files.claimForApplication), so a refused file undoes the write
   * and a write that did not happen links nothing. `alongside` (the submit's
   * deletion of the draft) joins the same transaction, after a write that
   * happened. Without either the write stays the single statement it was.
   */
  async function writeLinkingFiles<T>(
    link: FileLink | null,
    write: (executor: Executor) => Promise<T>,
    isWritten: (result: T) => boolean = () => true,
    alongside?: (tx: Executor) => Promise<void>,
  ): Promise<T> {
    const files = deps.files;
    const linksFiles = Boolean(files && link && link.files.length > 0);
    if (!linksFiles && !alongside) return write(db);
    return db.transaction().execute(async (tx) => {
      const result = await write(tx);
      if (!isWritten(result)) return result;
      if (linksFiles) await files!.claimForApplication(tx, link!);
      if (alongside) await alongside(tx);
      return result;
    });
  }

  /** Definitions never change once stored, so each is read once per process. */
  const definitionCache = new Map<string, ProcessDefinition>();
  async function loadDefinition(id: string): Promise<ProcessDefinition> {
    let definition = definitionCache.get(id);
    if (!definition) {
      definition = (await definitions.getById(id)).definition;
      definitionCache.set(id, definition);
    }
    return definition;
  }

  // Names shown in answers may lag a renaming by a minute; nothing is decided by them.
  const personNames = new LRUCache<string, { name: string; departmentName: string | null }>({ max: 50_000, ttl: 60_000 });
  const serviceNames = new LRUCache<string, { code: string; name: string }>({ max: 5_000, ttl: 60_000 });

  async function lookUpNames(personIds: readonly string[], serviceIds: readonly string[]): Promise<Names> {
    const people = new Map<string, { name: string; departmentName: string | null }>();
    const services = new Map<string, { code: string; name: string }>();
    const missingPeople = [...new Set(personIds)].filter((id) => !copyCached(personNames, id, people));
    const missingServices = [...new Set(serviceIds)].filter((id) => !copyCached(serviceNames, id, services));
    const [foundPeople, foundServices] = await Promise.all([
      missingPeople.length > 0 ? identity.findPeopleNames(missingPeople) : new Map<string, never>(),
      missingServices.length > 0 ? catalog.findServiceNames(missingServices) : new Map<string, never>(),
    ]);
    for (const [id, person] of foundPeople) personNames.set(id, person), people.set(id, person);
    for (const [id, service] of foundServices) serviceNames.set(id, service), services.set(id, service);
    return { people, services };
  }

  function isParticipant(caller: Caller, snapshot: ApplicationSnapshot): boolean {
    const hadTask = snapshot.tasks.some((task) => task.assignee_person_id === caller.personId);
    return canReadApplication(caller, snapshot.application, hadTask) || snapshot.copied;
  }

  /** The detail page's answer for a viewer, from an application's rows. */
  async function detailOf(caller: Caller, snapshot: ApplicationSnapshot): Promise<ApplicationDetailDto> {
    const { application, tasks, timeline } = snapshot;
    const [form, definition] = await Promise.all([forms.getById(application.form_definition_id), loadDefinition(application.process_definition_id)]);
    const path = applicationPath(definition, application.engine_state, tasks, timeline);
    const personIds = [
      application.applicant_person_id,
      ...tasks.map((t) => t.assignee_person_id),
      ...timeline.flatMap((e) => [...(e.actor_person_id ? [e.actor_person_id] : []), ...peopleInDetail(e.detail)]),
      ...path.flatMap((step) => step.people),
    ];
    const names = await lookUpNames(personIds, [application.service_id]);
    const detail = applicationToDetailDto(application, { form: form.schema, definition, tasks, timeline, viewerId: caller.personId, isParticipant: isParticipant(caller, snapshot), copied: snapshot.copied, path }, names);
    // The names behind the person and department fields the viewer sees.
    const ids = referencedIds(detail);
    if (ids.people.length === 0 && ids.departments.length === 0) return detail;
    const [fieldPeople, departments] = await Promise.all([lookUpNames(ids.people, []), ids.departments.length > 0 ? identity.lookups.findDepartmentNames(ids.departments) : new Map<string, { name: string }>()]);
    return { ...detail, refs: formRefs(ids, fieldPeople.people, departments) };
  }

  /** An application's detail for a viewer who may see it; others get APPLICATION_NOT_FOUND (ids of others' applications reveal nothing). */
  async function readDetail(caller: Caller, applicationId: string): Promise<ApplicationDetailDto> {
    const snapshot = await repo.readSnapshot(db, { applicationId }, caller.personId);
    if (!snapshot || !isParticipant(caller, snapshot)) throw new AppError('APPLICATION_NOT_FOUND');
    return detailOf(caller, snapshot);
  }

  async function summarise(rows: ApplicationSummaryRow[]) {
    const pending = await repo.findPendingTasksOfApplications(db, rows.map((row) => row.id));
    const names = await lookUpNames([...rows.map((r) => r.applicant_person_id), ...pending.map((p) => p.assignee_person_id)], rows.map((r) => r.service_id));
    return (row: ApplicationSummaryRow) => applicationToSummaryDto(row, pending.filter((p) => p.application_id === row.id).map((p) => p.assignee_person_id), names);
  }

  /** The application row's columns that follow the engine's state. */
  function stateFields(application: Pick<ApplicationRow, 'ended_at'> | null, definition: ProcessDefinition, state: EngineState, at: Date): ApplicationStateFields {
    const node = currentNodes(definition, state);
    const ended = state.status !== 'running' && state.status !== 'returned';
    return { status: state.status, engine_state: state, current_node_id: node.id, current_node_name: node.name, ended_at: ended ? (application?.ended_at ?? at) : null };
  }

  /** The snapshot as it is once an action's writes are in: the answer is built from it, nothing is read back. */
  function afterWrite(snapshot: ApplicationSnapshot, fields: ApplicationStateFields, changes: ChangeSet, viewerId: string | null): ApplicationSnapshot {
    const { application } = snapshot;
    return {
      application: { ...application, ...fields, data: fields.engine_state.data as ApplicationRow['data'], version: application.version + 1, updated_at: changes.at },
      ...applyChanges(application.id, snapshot.tasks, snapshot.timeline, changes),
      copied: snapshot.copied || (viewerId !== null && changes.copies.people.includes(viewerId)),
    };
  }

  /**
   * Every action on an application, written in one statement: read the
   * application with its tasks, ask the engine, and write the new state with
   * the tasks, timeline, jobs and action log only if nobody changed the
   * application since it was read (its version); if someone did, start again
   * from a fresh read, where the engine sees what the winner did (a task
   * already handled is refused with TASK_ALREADY_HANDLED). The same person
   * repeating an action with the same key gets the first answer, stored with
   * the action.
   */
  async function perform(caller: Caller | null, options: PerformOptions): Promise<ApplicationDetailDto | null> {
    try {
      for (let attempt = 1; ; attempt++) {
        const snapshot = await repo.readSnapshot(db, options.taskId ? { taskId: options.taskId } : { applicationId: options.applicationId! }, caller?.personId ?? null);
        if (!snapshot) throw new AppError(options.taskId ? 'TASK_NOT_FOUND' : 'APPLICATION_NOT_FOUND');
        const { application } = snapshot;
        const task = options.taskId ? snapshot.tasks.find((t) => t.id === options.taskId)! : undefined;
        if (task) {
          if (caller && !options.asAdmin && task.assignee_person_id !== caller.personId) throw new AppError('NOT_ASSIGNEE');
          if (task.status !== 'pending' && !(options.allowSuspended && task.status === 'suspended')) throw new AppError('TASK_ALREADY_HANDLED');
        } else if (caller && !options.asAdmin && !isParticipant(caller, snapshot)) {
          throw new AppError('APPLICATION_NOT_FOUND');
        }
        const definition = await loadDefinition(application.process_definition_id);
        options.check?.({ application, task, definition });
        const at = now();
        const action = await options.makeAction({ application, task, taskKey: task?.engine_key ?? null, at: at.toISOString() });
        const advanced = advance(definition, application.engine_state, action);
        if (!advanced.ok) throw engineErrorToAppError(advanced.error, definition);
        const result = options.adjustData ? { ...advanced, state: { ...advanced.state, data: options.adjustData(advanced.state.data) } } : advanced;
        const changes = planEffects(application, definition, result.effects, caller?.personId ?? null, at);
        const fields = stateFields(application, definition, result.state, at);
        const answer = caller ? await detailOf(caller, afterWrite(snapshot, fields, changes, caller.personId)) : null;
        const idempotencyKey = caller ? (options.idempotencyKey ?? null) : null;
        const log = { actor_person_id: caller?.personId ?? null, action, idempotency_key: idempotencyKey, response: idempotencyKey ? answer : null };
        // A resubmit's corrected data, or the fields an approver fills in, may reference new uploads: they are linked with the write.
        const newData = action.type === 'resubmit' ? action.data : action.type === 'approve' ? action.fields : undefined;
        const link = caller && newData ? fileLink(caller.personId, application.id, (await forms.getById(application.form_definition_id)).schema, newData) : null;
        const written = await writeLinkingFiles(link, (executor) => repo.writeAction(executor, application.id, application.version, fields, changes, log), (ok) => ok);
        if (written) return answer;
        if (attempt === MAX_ATTEMPTS) throw new AppError('CONCURRENT_UPDATE');
      }
    } catch (error) {
      // A repeat of a key that was used (refused because the first one got there, or stopped by the unique key) answers as the first did.
      if (caller && options.idempotencyKey && (isUniqueViolation(error) || isAppError(error))) {
        const earlier = await repo.findActionByIdempotencyKey(db, caller.personId, options.idempotencyKey);
        if (earlier?.response) return earlier.response as ApplicationDetailDto;
      }
      throw error;
    }
  }

  return { now, loadDefinition, lookUpNames, isParticipant, detailOf, readDetail, summarise, stateFields, perform, fileLink, writeLinkingFiles };
}

/** Copies a cached value into `into`; says whether there was one. */
function copyCached<V extends object>(cache: LRUCache<string, V>, id: string, into: Map<string, V>): boolean {
  const value = cache.get(id);
  if (value) into.set(id, value);
  return value !== undefined;
}
