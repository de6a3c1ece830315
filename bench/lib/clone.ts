/**
 * Fast data by copying: the approve pool is thousands of applications that
 * each wait at the same node for the same approvers. The hall makes one of
 * them over HTTP (so it is exactly what the hall writes); SQL copies it with
 * new ids, with its rows in every table that refers to applications (tasks,
 * timeline, action log, …) and its jobs. Copies take every column of the
 * real rows (lib/copy-sql.ts), so what the engine adds comes along.
 *
 * Copying is only sound while no table points at a task and the engine
 * state names no task id; `whyNotCopy` says when that stops being true, and
 * the caller then makes every application over HTTP instead.
 */
import type pg from 'pg';
import { copySql, dependentsOfApplication, quote, tablesReferringToTasks } from './copy-sql.ts';

/** Why copying would be unsound for this application, or null when it is fine. */
export async function whyNotCopy(pool: pg.Pool, applicationId: string): Promise<string | null> {
  const toTasks = await tablesReferringToTasks(pool);
  if (toTasks.length > 0) return `tables refer to tasks: ${toTasks.join(', ')}`;
  const { rows } = await pool.query<{ named: boolean }>(
    `select exists (select 1 from task t join application a on a.id = t.application_id
                     where a.id = $1 and position(t.id::text in a.engine_state::text) > 0) as named`,
    [applicationId],
  );
  return rows[0]?.named ? 'the engine state names task ids' : null;
}

/**
 * Copies an application `count` times with its dependent rows and jobs; the
 * copies' engine state and job payloads name their own id. Returns the new ids.
 */
export async function copyApplication(pool: pg.Pool, applicationId: string, count: number): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local jit = off'); // one-off bulk statements: compiling them costs more than running them
    await client.query('create temp table copy_of (id uuid primary key, n int) on commit drop');
    await client.query('insert into copy_of select gen_random_uuid(), n from generate_series(1, $1::int) n', [count]);
    await client.query(
      await copySql(client, 'application', 't', 'application t, copy_of c where t.id = $1 order by c.id', {
        id: 'c.id',
        serial_no: `'B' || lpad(nextval('application_serial_seq')::text, 12, '0')`,
        idempotency_key: `'copy-' || c.id`,
        engine_state: 'replace(t.engine_state::text, t.id::text, c.id::text)::jsonb',
      }),
      [applicationId],
    );
    for (const { table, column } of await dependentsOfApplication(client)) {
      await client.query(await copySql(client, table, 'd', `${quote(table)} d, copy_of c where d.${quote(column)} = $1 order by c.id`, { [column]: 'c.id' }), [applicationId]);
    }
    await client.query(
      await copySql(client, 'job', 'j', 'job j, copy_of c where position($1::text in j.payload::text) > 0 order by c.id, j.id', {
        payload: 'replace(j.payload::text, $1::text, c.id::text)::jsonb',
      }),
      [applicationId],
    );
    const { rows } = await client.query<{ id: string }>('select id from copy_of order by n');
    await client.query('commit');
    return rows.map((row) => row.id);
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
