import { sql } from 'kysely';
import type { ApplicationStatus, TaskStatus, TimelineAction } from '@onehall/contracts';
import type { TaskKind } from '@onehall/engine';
import type { Database, Executor } from '../../platform/db.ts';
import type { InsertObject } from 'kysely';

/** SQL of the workflow module: applications, tasks, the timeline. */

/** A position in a list ordered by (time desc, id desc). */
export interface Cursor {
  at: Date;
  id: string;
}

/** The next serial number (date in Shanghai + a sequence), computed inside the insert: no extra round trip. */
export function nextSerialNumberSql() {
  return sql<string>`to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('application_serial_seq')::text, 6, '0')`;
}

export function insertApplication(db: Executor, row: InsertObject<Database, 'application'>) {
  return db.insertInto('application').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findApplicationById(db: Executor, id: string) {
  return db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findApplicationByIdempotencyKey(db: Executor, personId: string, key: string) {
  return db.selectFrom('application').selectAll().where('applicant_person_id', '=', personId).where('idempotency_key', '=', key).executeTakeFirst();
}

/** Locks the application row: every action on one application runs one after another. */
export function lockApplication(db: Executor, id: string) {
  return db.selectFrom('application').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Writes the application's new state if nobody changed it since `expectedVersion`; returns whether it did. */
export async function updateApplicationState(
  db: Executor,
  id: string,
  expectedVersion: number,
  fields: { status: ApplicationStatus; engine_state: string; data: string; current_node_id: string | null; current_node_name: string | null; ended_at: Date | null },
): Promise<boolean> {
  const result = await db
    .updateTable('application')
    .set((eb) => ({ ...fields, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export function insertTasks(db: Executor, rows: { application_id: string; engine_key: string; kind: TaskKind; for_key: string | null; node_id: string; node_name: string; assignee_person_id: string }[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db.insertInto('task').values(rows.map((row) => ({ ...row, status: 'pending' as const }))).returningAll().execute();
}

export function findTaskById(db: Executor, id: string) {
  return db.selectFrom('task').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ends a live task (pending or suspended) of an application, by its engine key. */
export async function closeTask(db: Executor, applicationId: string, engineKey: string, status: Exclude<TaskStatus, 'pending' | 'suspended'>, opinion: string | null) {
  await db
    .updateTable('task')
    .set((eb) => ({ status, completed_at: new Date(), version: eb('version', '+', 1), ...(opinion !== null ? { opinion } : {}) }))
    .where('application_id', '=', applicationId)
    .where('engine_key', '=', engineKey)
    .where('status', 'in', ['pending', 'suspended'])
    .execute();
}

export async function setTaskWaiting(db: Executor, applicationId: string, engineKey: string, status: 'pending' | 'suspended') {
  await db
    .updateTable('task')
    .set((eb) => ({ status, version: eb('version', '+', 1) }))
    .where('application_id', '=', applicationId)
    .where('engine_key', '=', engineKey)
    .execute();
}

export function findTasksOfApplication(db: Executor, applicationId: string) {
  return db.selectFrom('task').selectAll().where('application_id', '=', applicationId).orderBy('created_at').orderBy('id').execute();
}

export function findPendingTasksOfApplications(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('task')
    .select(['application_id', 'assignee_person_id'])
    .where('application_id', 'in', applicationIds)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function hasTaskOnApplication(db: Executor, applicationId: string, personId: string) {
  return db.selectFrom('task').select('id').where('application_id', '=', applicationId).where('assignee_person_id', '=', personId).limit(1).executeTakeFirst();
}

export function insertTimeline(db: Executor, rows: { application_id: string; action: TimelineAction; actor_person_id: string | null; node_id: string | null; node_name: string | null; opinion: string | null; detail?: string | null }[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('timeline').values(rows).execute().then(() => undefined);
}

export function findTimeline(db: Executor, applicationId: string) {
  return db.selectFrom('timeline').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
}

/** 发出的事项: the applicant's applications, newest first, keyset-paginated. */
export function findSentApplications(db: Executor, personId: string, options: { status?: ApplicationStatus | undefined; cursor?: Cursor | undefined; limit: number }) {
  let query = db.selectFrom('application').selectAll().where('applicant_person_id', '=', personId);
  if (options.status) query = query.where('status', '=', options.status);
  if (options.cursor) {
    const { at, id } = options.cursor;
    query = query.where((eb) => eb(eb.refTuple('submitted_at', 'id'), '<', eb.tuple(at, id)));
  }
  return query.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

/** 待办 or 已办: a person's tasks with their applications, newest first, keyset-paginated. */
export function findTasksOfPerson(db: Executor, personId: string, options: { which: 'todo' | 'done'; cursor?: Cursor | undefined; limit: number }) {
  const timeColumn = options.which === 'todo' ? 't.created_at' : 't.completed_at';
  let query = db
    .selectFrom('task as t')
    .innerJoin('application as a', 'a.id', 't.application_id')
    .selectAll('a')
    .select(['t.id as task_id', 't.status as task_status', 't.node_name as task_node_name', 't.created_at as task_created_at', 't.completed_at as task_completed_at'])
    .where('t.assignee_person_id', '=', personId);
  query = options.which === 'todo' ? query.where('t.status', '=', 'pending') : query.where('t.status', 'in', ['approved', 'rejected', 'returned', 'transferred']);
  if (options.cursor) {
    const { at, id } = options.cursor;
    query = query.where((eb) => eb(eb.refTuple(timeColumn, 't.id'), '<', eb.tuple(at, id)));
  }
  return query.orderBy(timeColumn, 'desc').orderBy('t.id', 'desc').limit(options.limit).execute();
}

export async function countTasksOfPerson(db: Executor, personId: string): Promise<{ todo: number; done: number }> {
  const row = await db
    .selectFrom('task')
    .select([
      sql<number>`count(*) filter (where status = 'pending')::int`.as('todo'),
      sql<number>`count(*) filter (where status in ('approved', 'rejected', 'returned', 'transferred'))::int`.as('done'),
    ])
    .where('assignee_person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return { todo: row.todo, done: row.done };
}

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
  return db.selectFrom('application_action').select(['application_id', 'response']).where('actor_person_id', '=', personId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function insertAction(db: Executor, row: { application_id: string; actor_person_id: string | null; action: string; idempotency_key: string | null; response: string | null }): Promise<string> {
  const inserted = await db.insertInto('application_action').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setActionResponse(db: Executor, id: string, response: string) {
  await db.updateTable('application_action').set({ response }).where('id', '=', id).execute();
}

export function findActions(db: Executor, applicationId: string) {
  return db.selectFrom('application_action').select(['action']).where('application_id', '=', applicationId).orderBy('id').execute();
}

// ── copies (CC) ──

export async function insertCopies(db: Executor, applicationId: string, people: string[], byPersonId: string | null) {
  if (people.length === 0) return;
  await db
    .insertInto('application_cc')
    .values(people.map((person_id) => ({ application_id: applicationId, person_id, by_person_id: byPersonId })))
    .onConflict((oc) => oc.columns(['application_id', 'person_id']).doNothing())
    .execute();
}

export function findCopy(db: Executor, applicationId: string, personId: string) {
  return db.selectFrom('application_cc').select(['id', 'read_at']).where('application_id', '=', applicationId).where('person_id', '=', personId).executeTakeFirst();
}

export async function markCopyRead(db: Executor, applicationId: string, personId: string) {
  await db.updateTable('application_cc').set({ read_at: new Date() }).where('application_id', '=', applicationId).where('person_id', '=', personId).where('read_at', 'is', null).execute();
}
