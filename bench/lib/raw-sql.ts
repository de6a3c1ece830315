/**
 * The baselines: the same statements the hall sends for the same work,
 * without HTTP, sessions, validation or the engine, sent by a raw `pg` pool
 * as prepared statements (as the hall sends its hot statements). A submit is
 * one statement inserting the application with its tasks, timeline row,
 * jobs and action log; an approval is one read and one statement that writes
 * only if the application's version is unchanged (else it reads again), as
 * in the server. The hall should come within a reasonable factor of these
 * on the same database in the same run.
 */
import type pg from 'pg';

/** What a raw submit copies from a real application made by the hall, so rows are the same size. */
export interface RawTemplate {
  serviceId: string;
  applicantPersonId: string;
  applicantAccountId: string;
  formDefinitionId: string;
  processDefinitionId: string;
  title: string;
  data: string;
  engineState: string;
  /** The hall's logged start action (JSON). */
  startAction: string;
}

export interface RawNode {
  nodeId: string;
  nodeName: string;
  assignees: string[];
}

const submitSql = `
  with app as (
    insert into application (serial_no, service_id, applicant_person_id, applicant_account_id, form_definition_id, process_definition_id,
                             title, data, status, engine_state, current_node_id, current_node_name, idempotency_key)
    values (to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('application_serial_seq')::text, 6, '0'),
            $1, $2, $3, $4, $5, $6, $7, 'running', $8, $9, $10, $11)
    returning id),
  opened as (
    insert into task (application_id, engine_key, node_id, node_name, assignee_person_id, service_id, status)
    select app.id, $9 || ':' || p, $9, $10, p, $1, 'pending' from app, unnest($12::uuid[]) p
    returning id),
  logged as (insert into timeline (application_id, action, actor_person_id) select app.id, 'submit', $2 from app),
  queued as (
    insert into job (kind, payload)
    select 'notify.event', jsonb_build_object('event', 'taskAssigned', 'personId', p, 'applicationId', app.id, 'title', $6::text)
      from app, unnest($12::uuid[]) p),
  acted as (insert into application_action (application_id, actor_person_id, action) select app.id, $2, $13::jsonb from app)
  select app.id, (select array_agg(id) from opened) as task_ids from app`;

/** Submit: one statement. */
export async function rawSubmit(pool: pg.Pool, template: RawTemplate, first: RawNode, idempotencyKey: string): Promise<{ applicationId: string; taskIds: string[] }> {
  const { rows } = await pool.query<{ id: string; task_ids: string[] }>({
    name: 'raw_submit',
    text: submitSql,
    values: [template.serviceId, template.applicantPersonId, template.applicantAccountId, template.formDefinitionId, template.processDefinitionId, template.title, template.data, template.engineState, first.nodeId, first.nodeName, idempotencyKey, first.assignees, template.startAction],
  });
  return { applicationId: rows[0]!.id, taskIds: rows[0]!.task_ids };
}

const readTaskSql = `select t.application_id, t.node_id, t.node_name, t.status, a.version from task t join application a on a.id = t.application_id where t.id = $1`;

/**
 * The approval of one task of an any-one node, written only if the
 * application is still at the version read: the task approved and the
 * node's other pending tasks cancelled in one update, the timeline, the next
 * node's tasks and jobs (or the end), the action log, the application.
 */
const approveSql = `
  with app as (
    update application
       set engine_state = $4::jsonb, status = case when $6::text is null then 'approved' else 'running' end,
           current_node_id = $6, current_node_name = $7, version = version + 1, updated_at = now(),
           ended_at = case when $6::text is null then now() end
     where id = $1 and version = $2
    returning id, service_id),
  decided as (
    update task set status = case when id = $3 then 'approved' else 'cancelled' end, completed_at = now(), version = version + 1
     where application_id = (select id from app) and node_id = $5 and status = 'pending'),
  logged as (
    insert into timeline (application_id, action, actor_person_id, node_id, node_name)
    select app.id, e.action, e.actor, e.node_id, e.node_name
      from app, (values (1, 'approve', $9::uuid, $5, $10), (2, 'complete', null, null, null)) as e(n, action, actor, node_id, node_name)
     where e.n = 1 or $6::text is null
     order by e.n),
  opened as (
    insert into task (application_id, engine_key, node_id, node_name, assignee_person_id, service_id, status)
    select app.id, $6 || ':' || p, $6, $7, p, app.service_id, 'pending' from app, unnest($8::uuid[]) p where $6::text is not null
    returning id),
  queued as (
    insert into job (kind, payload)
    select 'notify.event', jsonb_build_object('event', case when $6::text is null then 'ended' else 'taskAssigned' end, 'personId', p, 'applicationId', app.id)
      from app, unnest(case when $6::text is null then array[$11::uuid] else $8::uuid[] end) p),
  acted as (insert into application_action (application_id, actor_person_id, action) select app.id, $9, $12::jsonb from app)
  select count(*)::int as written, (select coalesce(array_agg(id), '{}') from opened) as opened from app`;

/** Approve: read the task, then write if nobody changed the application meanwhile; a task already decided is a conflict (the hall's 409). */
export async function rawApprove(pool: pg.Pool, taskId: string, actor: string, engineState: string, next: RawNode | null, applicantId: string): Promise<{ outcome: 'ok' | 'conflict'; opened: string[] }> {
  for (;;) {
    const { rows } = await pool.query<{ application_id: string; node_id: string; node_name: string; status: string; version: number }>({ name: 'raw_read_task', text: readTaskSql, values: [taskId] });
    const task = rows[0];
    if (!task) throw new Error(`no task ${taskId}`);
    if (task.status !== 'pending') return { outcome: 'conflict', opened: [] };
    const action = JSON.stringify({ type: 'approve', at: new Date().toISOString(), actor, taskKey: `${task.node_id}:${actor}` });
    const written = await pool.query<{ written: number; opened: string[] }>({
      name: 'raw_approve',
      text: approveSql,
      values: [task.application_id, task.version, taskId, engineState, task.node_id, next?.nodeId ?? null, next?.nodeName ?? null, next?.assignees ?? [], actor, task.node_name, applicantId, action],
    });
    if (written.rows[0]!.written === 1) return { outcome: 'ok', opened: written.rows[0]!.opened };
  }
}

/** Reads what a raw submit copies from an application the hall made. */
export async function readTemplate(pool: pg.Pool, applicationId: string): Promise<RawTemplate> {
  const { rows } = await pool.query<{
    service_id: string;
    applicant_person_id: string;
    applicant_account_id: string;
    form_definition_id: string;
    process_definition_id: string;
    title: string;
    data: string;
    engine_state: string;
    start_action: string;
  }>(
    `select service_id, applicant_person_id, applicant_account_id, form_definition_id, process_definition_id, title, data::text as data, engine_state::text as engine_state,
            (select action::text from application_action where application_id = a.id order by id limit 1) as start_action
       from application a where id = $1`,
    [applicationId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no application ${applicationId}`);
  return {
    serviceId: row.service_id,
    applicantPersonId: row.applicant_person_id,
    applicantAccountId: row.applicant_account_id,
    formDefinitionId: row.form_definition_id,
    processDefinitionId: row.process_definition_id,
    title: row.title,
    data: row.data,
    engineState: row.engine_state,
    startAction: row.start_action,
  };
}
