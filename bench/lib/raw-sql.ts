/**
 * The baselines: the least SQL that does the same work as the hall, sent by
 * a raw `pg` client with no HTTP, no validation and no engine. Each function
 * is one transaction, as in the server. The hall should come within a
 * reasonable factor of these on the same database in the same run.
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
}

export interface RawNode {
  nodeId: string;
  nodeName: string;
  assignees: string[];
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Submit: the application, its first tasks, the submit timeline row and one notify job per task. */
export function rawSubmit(pool: pg.Pool, template: RawTemplate, first: RawNode, idempotencyKey: string): Promise<{ applicationId: string; taskIds: string[] }> {
  return inTransaction(pool, async (client) => {
    const application = await client.query<{ id: string }>(
      `insert into application (serial_no, service_id, applicant_person_id, applicant_account_id, form_definition_id, process_definition_id,
                                title, data, status, engine_state, current_node_id, current_node_name, idempotency_key)
       values (to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('application_serial_seq')::text, 6, '0'),
               $1, $2, $3, $4, $5, $6, $7, 'running', $8, $9, $10, $11)
       returning id`,
      [template.serviceId, template.applicantPersonId, template.applicantAccountId, template.formDefinitionId, template.processDefinitionId, template.title, template.data, template.engineState, first.nodeId, first.nodeName, idempotencyKey],
    );
    const applicationId = application.rows[0]!.id;
    const tasks = await client.query<{ id: string }>(
      `insert into task (application_id, engine_key, node_id, node_name, assignee_person_id, status)
       select $1, $2 || ':' || p, $2, $3, p, 'pending' from unnest($4::uuid[]) p returning id`,
      [applicationId, first.nodeId, first.nodeName, first.assignees],
    );
    await client.query(`insert into timeline (application_id, action, actor_person_id) values ($1, 'submit', $2)`, [applicationId, template.applicantPersonId]);
    await client.query(
      `insert into job (kind, payload)
       select 'notify.task_assigned', jsonb_build_object('personId', p, 'applicationId', $1::uuid, 'title', $2::text, 'nodeName', $3::text)
         from unnest($4::uuid[]) p`,
      [applicationId, template.title, first.nodeName, first.assignees],
    );
    return { applicationId, taskIds: tasks.rows.map((row) => row.id) };
  });
}

/**
 * Approve one task of an any-one node: lock the application, complete the
 * task if still pending (else 'conflict', like the hall's 409), write the
 * timeline, cancel the other pending tasks of the node, open the next node
 * (or finish) with its jobs, and bump the application's version.
 */
export function rawApprove(pool: pg.Pool, taskId: string, actor: string, engineState: string, next: RawNode | null): Promise<'ok' | 'conflict'> {
  return inTransaction(pool, async (client) => {
    const task = await client.query<{ application_id: string; node_id: string; node_name: string }>('select application_id, node_id, node_name from task where id = $1', [taskId]);
    const found = task.rows[0];
    if (!found) throw new Error(`no task ${taskId}`);
    await client.query('select id, version, engine_state from application where id = $1 for update', [found.application_id]);
    const completed = await client.query(`update task set status = 'approved', completed_at = now(), version = version + 1 where id = $1 and status = 'pending'`, [taskId]);
    if (completed.rowCount !== 1) return 'conflict';
    await client.query(`insert into timeline (application_id, action, actor_person_id, node_id, node_name) values ($1, 'approve', $2, $3, $4)`, [found.application_id, actor, found.node_id, found.node_name]);
    await client.query(`update task set status = 'cancelled', completed_at = now(), version = version + 1 where application_id = $1 and node_id = $2 and status = 'pending'`, [found.application_id, found.node_id]);
    if (next) {
      await client.query(`insert into task (application_id, engine_key, node_id, node_name, assignee_person_id, status) select $1, $2 || ':' || p, $2, $3, p, 'pending' from unnest($4::uuid[]) p`, [found.application_id, next.nodeId, next.nodeName, next.assignees]);
      await client.query(
        `insert into job (kind, payload)
         select 'notify.task_assigned', jsonb_build_object('personId', p, 'applicationId', $1::uuid, 'nodeName', $2::text) from unnest($3::uuid[]) p`,
        [found.application_id, next.nodeName, next.assignees],
      );
      await client.query(
        `update application set engine_state = $2, current_node_id = $3, current_node_name = $4, version = version + 1, updated_at = now() where id = $1`,
        [found.application_id, engineState, next.nodeId, next.nodeName],
      );
    } else {
      await client.query(`insert into timeline (application_id, action) values ($1, 'complete')`, [found.application_id]);
      await client.query(`insert into job (kind, payload) values ('notify.application_ended', jsonb_build_object('applicationId', $1::uuid, 'outcome', 'approved'))`, [found.application_id]);
      await client.query(
        `update application set status = 'approved', engine_state = $2, current_node_id = null, current_node_name = null, version = version + 1, ended_at = now(), updated_at = now() where id = $1`,
        [found.application_id, engineState],
      );
    }
    return 'ok';
  });
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
  }>(
    `select service_id, applicant_person_id, applicant_account_id, form_definition_id, process_definition_id, title, data::text as data, engine_state::text as engine_state
       from application where id = $1`,
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
  };
}
