/**
 * Fast data by copying: the approve pool is thousands of applications that
 * each wait at the same node for the same approvers. The hall makes one of
 * them over HTTP (so it is exactly what the hall writes); SQL copies it with
 * new ids. Copies take every column of the real rows (lib/copy-sql.ts), so
 * columns the engine rework adds come along.
 *
 * Copying is only sound while an application's rows are its application,
 * task, timeline and job rows, and its engine state names no task id. When
 * either stops being true, `canCopyApplications` says so and the caller
 * makes every application over HTTP instead.
 */
import type pg from 'pg';
import { copySql } from './copy-sql.ts';

/** Why copying would be unsound for this application, or null when it is fine. */
export async function whyNotCopy(pool: pg.Pool, applicationId: string): Promise<string | null> {
  const { rows: references } = await pool.query<{ source: string; target: string }>(
    `select conrelid::regclass::text as source, confrelid::regclass::text as target
       from pg_constraint
      where contype = 'f' and confrelid in ('application'::regclass, 'task'::regclass)`,
  );
  const unknown = references.filter((r) => !(r.target === 'application' && (r.source === 'task' || r.source === 'timeline')));
  if (unknown.length > 0) return `other tables refer to applications or tasks: ${unknown.map((r) => `${r.source} → ${r.target}`).join(', ')}`;
  const { rows } = await pool.query<{ named: boolean }>(
    `select exists (select 1 from task t join application a on a.id = t.application_id
                     where a.id = $1 and position(t.id::text in a.engine_state::text) > 0) as named`,
    [applicationId],
  );
  return rows[0]?.named ? 'the engine state names task ids' : null;
}

/**
 * Copies an application `count` times with its tasks, timeline and jobs; the
 * copies' engine state and job payloads name their own id. Returns the new ids.
 */
export async function copyApplication(pool: pg.Pool, applicationId: string, count: number): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local jit = off'); // a one-off bulk statement: compiling it costs more than running it
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
    await client.query(await copySql(client, 'task', 'k', 'task k, copy_of c where k.application_id = $1 order by c.id', { id: 'gen_random_uuid()', application_id: 'c.id' }), [applicationId]);
    await client.query(await copySql(client, 'timeline', 'l', 'timeline l, copy_of c where l.application_id = $1 order by c.id, l.id', { application_id: 'c.id' }), [applicationId]);
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
