import { sql } from 'kysely';
import type { InsertObject } from 'kysely';
import type { ApplicationStatus } from '@onehall/contracts';
import type { Action, EngineState } from '@onehall/engine';
import { PREPARED, type Database, type Executor } from '../../platform/db.ts';
import type { ChangeSet } from './workflow.effects.ts';
import type { ApplicationRow, TaskRow, TimelineRow } from './workflow.table.ts';

/** SQL of the workflow module: applications, tasks, the timeline. */


/** The next serial number (date in Shanghai + a sequence), computed inside the insert: no extra round trip. */
export function nextSerialNumberSql() {
  return sql<string>`to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('application_serial_seq')::text, 6, '0')`;
}

export function findApplicationById(db: Executor, id: string) {
  return db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findApplicationByIdempotencyKey(db: Executor, personId: string, key: string) {
  return db.selectFrom('application').selectAll().where('applicant_person_id', '=', personId).where('idempotency_key', '=', key).executeTakeFirst();
}

/** What the read rule needs about a person and an application: its applicant, and whether they have (had) a task on it or a copy. */
export function findReadAccess(db: Executor, applicationId: string, personId: string) {
  return db
    .selectFrom('application as a')
    .select((eb) => [
      'a.applicant_person_id',
      eb.exists(eb.selectFrom('task as t').select('t.id').whereRef('t.application_id', '=', 'a.id').where('t.assignee_person_id', '=', personId)).as('has_task'),
      eb.exists(eb.selectFrom('application_cc as c').select('c.id').whereRef('c.application_id', '=', 'a.id').where('c.person_id', '=', personId)).as('copied'),
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
}

/** An application with its tasks and timeline, read in one statement: what an action or the detail page starts from. */
export interface ApplicationSnapshot {
  application: ApplicationRow;
  tasks: TaskRow[];
  timeline: TimelineRow[];
  /** The viewer has a copy (CC) of the application. */
  copied: boolean;
}

const toDate = (value: string | null) => (value === null ? null : new Date(value));

/**
 * Reads an application, located by its id or by one of its tasks, with all
 * its tasks (ordered by creation) and timeline (in order). No lock: writers
 * check the application's version instead.
 */
export async function readSnapshot(db: Executor, by: { applicationId: string } | { taskId: string }, viewerId: string | null): Promise<ApplicationSnapshot | undefined> {
  const where = 'taskId' in by ? sql`a.id = (select application_id from task where id = ${by.taskId})` : sql`a.id = ${by.applicationId}`;
  const { rows } = await sql<ApplicationRow & { tasks: (TaskRow & { created_at: string; completed_at: string | null; last_urged_at: string | null })[]; timeline: (TimelineRow & { at: string })[]; copied: boolean }>`
    select a.*,
           coalesce((select json_agg(t order by t.created_at, t.id) from task t where t.application_id = a.id), '[]'::json) as tasks,
           coalesce((select json_agg(l order by l.id) from timeline l where l.application_id = a.id), '[]'::json) as timeline,
           exists (select 1 from application_cc c where c.application_id = a.id and c.person_id = ${viewerId}) as copied
      from application a
     where ${where} ${PREPARED}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { tasks, timeline, copied, ...application } = row;
  return {
    application,
    tasks: tasks.map((task) => ({ ...task, created_at: new Date(task.created_at), completed_at: toDate(task.completed_at), last_urged_at: toDate(task.last_urged_at) })),
    timeline: timeline.map((entry) => ({ ...entry, id: String(entry.id), at: new Date(entry.at) })),
    copied,
  };
}

/** The sub-statements writing a change set, each gated on the row `app` (none of them runs when `app` is empty). */
function changeSetCtes(changes: ChangeSet) {
  return sql`
    changed as (
      update task t
         set status = c.status,
             completed_at = case when c.completed then ${changes.at}::timestamptz else t.completed_at end,
             opinion = coalesce(c.opinion, t.opinion),
             version = t.version + 1
        from jsonb_to_recordset(${JSON.stringify(changes.changed)}::jsonb) as c(engine_key text, status text, completed boolean, opinion text, only_live boolean)
       where t.application_id = (select id from app) and t.engine_key = c.engine_key
         and (not c.only_live or t.status in ('pending', 'suspended'))),
    opened as (
      insert into task (id, application_id, engine_key, kind, for_key, node_id, node_name, assignee_person_id, service_id, status, opinion, created_at, completed_at)
      select r.id, app.id, r.engine_key, r.kind, r.for_key, r.node_id, r.node_name, r.assignee_person_id, r.service_id, r.status, r.opinion, r.created_at, r.completed_at
        from app, jsonb_to_recordset(${JSON.stringify(changes.opened)}::jsonb)
          as r(id uuid, engine_key text, kind text, for_key text, node_id text, node_name text, assignee_person_id uuid, service_id uuid, status text, opinion text, created_at timestamptz, completed_at timestamptz)),
    logged as (
      insert into timeline (application_id, action, actor_person_id, node_id, node_name, opinion, detail, at)
      select app.id, e.v->>'action', (e.v->>'actor_person_id')::uuid, e.v->>'node_id', e.v->>'node_name', e.v->>'opinion', nullif(e.v->'detail', 'null'::jsonb), ${changes.at}::timestamptz
        from app, jsonb_array_elements(${JSON.stringify(changes.timeline)}::jsonb) with ordinality as e(v, n)
       order by e.n),
    copied as (
      insert into application_cc (application_id, person_id, by_person_id, service_id)
      select app.id, p.id::uuid, ${changes.copies.by}::uuid, ${changes.copies.serviceId}::uuid
        from app, jsonb_array_elements_text(${JSON.stringify(changes.copies.people)}::jsonb) as p(id)
      on conflict (application_id, person_id) do nothing),
    queued as (
      insert into job (kind, payload, run_at)
      select r.kind, r.payload, coalesce(r.run_at, now())
        from app, jsonb_to_recordset(${JSON.stringify(changes.jobs.map((job) => ({ kind: job.kind, payload: job.payload, run_at: job.runAt ?? null })))}::jsonb) as r(kind text, payload jsonb, run_at timestamptz))`;
}

/** The action log row written with every change. */
export interface ActionLogEntry {
  actor_person_id: string | null;
  action: Action;
  idempotency_key: string | null;
  /** The answer given to the actor, kept for a repeat of the same key. */
  response: unknown;
}

function actionLogCte(entry: ActionLogEntry) {
  return sql`
    acted as (
      insert into application_action (application_id, actor_person_id, action, idempotency_key, response)
      select app.id, ${entry.actor_person_id}::uuid, ${JSON.stringify(entry.action)}::jsonb, ${entry.idempotency_key}, ${entry.response === null ? null : JSON.stringify(entry.response)}::jsonb
        from app)`;
}

export interface ApplicationStateFields {
  status: ApplicationStatus;
  engine_state: EngineState;
  current_node_id: string | null;
  current_node_name: string | null;
  ended_at: Date | null;
}

/**
 * Writes an action in one statement (its own transaction): the application's
 * new state if its version is still `expectedVersion`, and only then the
 * task changes, timeline, copies, jobs and the action log. Returns false when
 * someone else changed the application first (nothing is written).
 */
export async function writeAction(db: Executor, id: string, expectedVersion: number, fields: ApplicationStateFields, changes: ChangeSet, log: ActionLogEntry): Promise<boolean> {
  const { rows } = await sql<{ written: number }>`
    with app as (
      update application
         set status = ${fields.status}, engine_state = ${JSON.stringify(fields.engine_state)}::jsonb, data = ${JSON.stringify(fields.engine_state.data)}::jsonb,
             current_node_id = ${fields.current_node_id}, current_node_name = ${fields.current_node_name}, ended_at = ${fields.ended_at},
             version = version + 1, updated_at = ${changes.at}
       where id = ${id} and version = ${expectedVersion}
      returning id),
    ${changeSetCtes(changes)},
    ${actionLogCte(log)}
    select count(*)::int as written from app ${PREPARED}`.execute(db);
  return rows[0]!.written === 1;
}

/**
 * Submits in one statement: the application row with a serial number made
 * inside the insert, its first tasks, timeline, jobs and the action log.
 * A repeated (applicant, idempotency key) fails on the unique key.
 */
export async function insertApplicationWith(db: Executor, row: Omit<InsertObject<Database, 'application'>, 'serial_no'>, changes: ChangeSet, log: ActionLogEntry): Promise<ApplicationRow> {
  const insert = db.insertInto('application').values({ ...row, serial_no: nextSerialNumberSql() }).returningAll();
  const { rows } = await sql<ApplicationRow>`
    with app as (${insert}),
    ${changeSetCtes(changes)},
    ${actionLogCte(log)}
    select * from app ${PREPARED}`.execute(db);
  return rows[0]!;
}

/** The pending tasks of a page of applications (a list's current approvers). */
export function pendingTasksOfApplicationsQuery(db: Executor, applicationIds: string[]) {
  return db
    .selectFrom('task')
    .select(['application_id', 'assignee_person_id'])
    .where('application_id', 'in', applicationIds)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id');
}

export function findPendingTasksOfApplications(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return pendingTasksOfApplicationsQuery(db, applicationIds).execute();
}

// The lists (发出的事项, 待办, 已办, 抄送我) are in lists.repository.ts.

export async function countApplications(db: Executor): Promise<{ total: number; running: number; pendingTasks: number }> {
  const { rows } = await sql<{ total: number; running: number; pending_tasks: number }>`
    select (select count(*)::int from application) as total,
           (select count(*)::int from application where status = 'running') as running,
           (select count(*)::int from task where status = 'pending') as pending_tasks`.execute(db);
  const row = rows[0]!;
  return { total: row.total, running: row.running, pendingTasks: row.pending_tasks };
}

// ── the action log and idempotency ──

export function findActionByIdempotencyKey(db: Executor, personId: string, key: string) {
  return db.selectFrom('application_action').select(['application_id', 'response']).where('actor_person_id', '=', personId).where('idempotency_key', '=', key).modifyEnd(PREPARED).executeTakeFirst();
}

export function findActions(db: Executor, applicationId: string) {
  return db.selectFrom('application_action').select(['action']).where('application_id', '=', applicationId).orderBy('id').execute();
}

// ── copies (CC) ──

export function findCopy(db: Executor, applicationId: string, personId: string) {
  return db.selectFrom('application_cc').select(['id', 'read_at']).where('application_id', '=', applicationId).where('person_id', '=', personId).executeTakeFirst();
}

export async function markCopyRead(db: Executor, applicationId: string, personId: string) {
  await db.updateTable('application_cc').set({ read_at: new Date() }).where('application_id', '=', applicationId).where('person_id', '=', personId).where('read_at', 'is', null).execute();
}

// ── the `last` prefill ──

/** A person's most recent application of a service (its id and data), if any. */
export function findLastApplicationOf(db: Executor, personId: string, serviceId: string) {
  return db
    .selectFrom('application')
    .select(['id', 'data'])
    .where('applicant_person_id', '=', personId)
    .where('service_id', '=', serviceId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
