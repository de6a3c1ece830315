import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ApplicationStatus } from '@onehall/contracts';
import type { Cursor } from '../../platform/cursor.ts';
import type { Executor } from '../../platform/db.ts';

/**
 * SQL of the lists: 发出的事项, 待办, 已办, 抄送我, and their counts.
 *
 * Each list is one person's rows, newest first, a page at a time after a
 * keyset cursor. Every filter is written so that one index of migration
 * 2026-11-25T0009 holds exactly the rows asked for, in the list's order:
 * (person, [status | service], time desc, id desc). The day range is a range
 * of that time; the search is applied to the rows as the index yields them,
 * and stops at a page: its cost is bounded by the person's own list, never by
 * the hall's. The plans are checked in test/lists.test.ts.
 */

/**
 * The application columns a list row needs: its summary, and for 待办 the
 * process version and engine state that decide 批量同意. Not the form's
 * values (`data`), which are most of a row's bytes and no list shows.
 */
export const summaryColumns = ['id', 'serial_no', 'service_id', 'title', 'status', 'applicant_person_id', 'current_node_name', 'submitted_at', 'ended_at', 'process_definition_id', 'engine_state'] as const;

/** A range of times, from included to until excluded. */
export interface TimeRange {
  from?: Date | undefined;
  until?: Date | undefined;
}

export interface ListOptions {
  serviceId?: string | undefined;
  range?: TimeRange | undefined;
  cursor?: Cursor | undefined;
  limit: number;
}

/** A search of the applicant's name (part of the title), the title or the serial number. */
export interface SearchOption {
  search?: string | undefined;
}

/** `%text%` for LIKE, with LIKE's own characters taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The application of each row of a person's list, read by its primary key as
 * the person's rows come off their index, with the search applied to it.
 * OFFSET 0 keeps PostgreSQL from flattening this into a join it may then
 * plan the other way round — reading the whole application table for the
 * search and sorting the matches — which would cost in proportion to every
 * application of the hall instead of this person's own list.
 */
function applicationOf(db: Executor, ref: 't.application_id' | 'c.application_id', search: string | undefined) {
  let query = db.selectFrom('application as x').select(summaryColumns.map((column) => `x.${column}` as const)).whereRef('x.id', '=', sql.ref<string>(ref));
  if (search) {
    const pattern = containsPattern(search);
    query = query.where((w) => w.or([w('x.title', 'ilike', pattern), w('x.serial_no', 'like', pattern)]));
  }
  return query.offset(sql.lit(0)).as('a');
}

type TimeColumn = 'a.submitted_at' | 't.created_at' | 't.completed_at' | 'c.created_at';

/**
 * The day range and the cursor, as conditions on the list's time column and
 * its id: both are ranges of the index's (time desc, id desc) tail.
 */
function timeAndCursor(time: TimeColumn, id: 'a.id' | 't.id' | 'c.id', options: ListOptions): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (options.range?.from) conditions.push(sql<SqlBool>`${sql.ref(time)} >= ${options.range.from}`);
  if (options.range?.until) conditions.push(sql<SqlBool>`${sql.ref(time)} < ${options.range.until}`);
  if (options.cursor) conditions.push(sql<SqlBool>`(${sql.ref(time)}, ${sql.ref(id)}) < (${options.cursor.at}, ${options.cursor.id})`);
  return conditions;
}

/** 发出的事项: the applicant's applications by status, service and day submitted. */
export function sentApplicationsQuery(db: Executor, personId: string, options: ListOptions & { status?: ApplicationStatus | undefined }) {
  let query = db.selectFrom('application as a').select(summaryColumns.map((column) => `a.${column}` as const)).where('a.applicant_person_id', '=', personId);
  if (options.status) query = query.where('a.status', '=', options.status);
  if (options.serviceId) query = query.where('a.service_id', '=', options.serviceId);
  for (const condition of timeAndCursor('a.submitted_at', 'a.id', options)) query = query.where(condition);
  return query
    .orderBy('a.submitted_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(options.limit);
}

export function findSentApplications(db: Executor, personId: string, options: ListOptions & { status?: ApplicationStatus | undefined }) {
  return sentApplicationsQuery(db, personId, options).execute();
}

/** The task statuses of 已办: the person decided, or handed the task on. */
export const doneTaskStatuses = ['approved', 'rejected', 'returned', 'transferred'] as const;
/** The same, as SQL literals, for the statements written as raw SQL (the list of task_done_idx's condition). */
const doneStatusesSql = sql.join(doneTaskStatuses.map((status) => sql.lit(status)));

/**
 * 已办 holds an application once, at the person's latest handling of it: a
 * send-back and the decision on the resubmitted application are one row,
 * the decision. (A probe of task_application_idx per row read.)
 */
const latestHandlingSql = sql<SqlBool>`not exists (
  select 1 from task later
   where later.application_id = t.application_id and later.assignee_person_id = t.assignee_person_id
     and later.status in (${doneStatusesSql})
     and (later.completed_at, later.id) > (t.completed_at, t.id))`;

/**
 * 待办 (by the day received) or 已办 (by the day handled): a person's tasks
 * with their applications. The status conditions are those of the partial
 * indexes task_todo_idx / task_done_idx and their service twins.
 */
export function tasksOfPersonQuery(db: Executor, personId: string, options: ListOptions & SearchOption & { which: 'todo' | 'done' }) {
  const time = options.which === 'todo' ? 't.created_at' : 't.completed_at';
  let query = db
    .selectFrom('task as t')
    .innerJoinLateral(applicationOf(db, 't.application_id', options.search), (join) => join.onTrue())
    .selectAll('a')
    .select(['t.id as task_id', 't.status as task_status', 't.node_id as task_node_id', 't.node_name as task_node_name', 't.kind as task_kind', 't.created_at as task_created_at', 't.completed_at as task_completed_at'])
    .where('t.assignee_person_id', '=', personId);
  query = options.which === 'todo' ? query.where('t.status', '=', 'pending') : query.where('t.status', 'in', [...doneTaskStatuses]).where(latestHandlingSql);
  if (options.serviceId) query = query.where('t.service_id', '=', options.serviceId);
  for (const condition of timeAndCursor(time, 't.id', options)) query = query.where(condition);
  return query
    .orderBy(time, 'desc')
    .orderBy('t.id', 'desc')
    .limit(options.limit);
}

export function findTasksOfPerson(db: Executor, personId: string, options: ListOptions & SearchOption & { which: 'todo' | 'done' }) {
  return tasksOfPersonQuery(db, personId, options).execute();
}

/** 抄送我: applications copied to a person (by a CC step or by someone), by the day copied. */
export function copiesOfPersonQuery(db: Executor, personId: string, options: ListOptions & SearchOption) {
  let query = db
    .selectFrom('application_cc as c')
    .innerJoinLateral(applicationOf(db, 'c.application_id', options.search), (join) => join.onTrue())
    .selectAll('a')
    .select(['c.id as copy_id', 'c.created_at as copied_at', 'c.read_at as copy_read_at', 'c.by_person_id as copied_by'])
    .where('c.person_id', '=', personId);
  if (options.serviceId) query = query.where('c.service_id', '=', options.serviceId);
  for (const condition of timeAndCursor('c.created_at', 'c.id', options)) query = query.where(condition);
  return query
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(options.limit);
}

export function findCopiesOfPerson(db: Executor, personId: string, options: ListOptions & SearchOption) {
  return copiesOfPersonQuery(db, personId, options).execute();
}

/**
 * Where each list's rows are, for the services a list has: the table, the
 * person column and the conditions of the list's service index.
 */
const listSources = {
  sent: { table: 'application', person: 'applicant_person_id', where: sql`true` },
  todo: { table: 'task', person: 'assignee_person_id', where: sql`status = 'pending'` },
  done: { table: 'task', person: 'assignee_person_id', where: sql`status in (${doneStatusesSql})` },
  cc: { table: 'application_cc', person: 'person_id', where: sql`true` },
} as const;

/**
 * The distinct services of a person's list, read as a loose index scan of
 * the list's (person, service, …) index: one index probe per service, not a
 * read of every row (PostgreSQL does not skip through an index by itself).
 */
export function servicesOfListQuery(db: Executor, personId: string, list: keyof typeof listSources) {
  const { table, person, where } = listSources[list];
  const next = (after: RawBuilder<unknown> | null) => sql`(select service_id from ${sql.table(table)}
     where ${sql.ref(person)} = ${personId} and ${where} ${after ? sql`and service_id > ${after}` : sql``}
     order by service_id limit 1)`;
  return sql<{ service_id: string }>`
    with recursive found(service_id) as (
      ${next(null)}
      union all
      select ${next(sql.ref('found.service_id'))} from found where found.service_id is not null)
    select service_id from found where service_id is not null`;
}

export async function findServicesOfList(db: Executor, personId: string, list: keyof typeof listSources): Promise<string[]> {
  const { rows } = await servicesOfListQuery(db, personId, list).execute(db);
  return rows.map((row) => row.service_id);
}

/**
 * The numbers of 收到的事项, in one statement; each count reads one index of
 * the person's rows only. 已办 counts applications, as its list shows them.
 */
export function receivedCountsQuery(db: Executor, personId: string) {
  return sql<{ todo: number; done: number; cc: number; cc_unread: number }>`
    select (select count(*)::int from task where assignee_person_id = ${personId} and status = 'pending') as todo,
           (select count(distinct application_id)::int from task where assignee_person_id = ${personId} and status in (${doneStatusesSql})) as done,
           (select count(*)::int from application_cc where person_id = ${personId}) as cc,
           (select count(*)::int from application_cc where person_id = ${personId} and read_at is null) as cc_unread`;
}

export async function countReceived(db: Executor, personId: string): Promise<{ todo: number; done: number; cc: number; ccUnread: number }> {
  const { rows } = await receivedCountsQuery(db, personId).execute(db);
  const row = rows[0]!;
  return { todo: row.todo, done: row.done, cc: row.cc, ccUnread: row.cc_unread };
}
