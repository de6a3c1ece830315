/**
 * History: finished applications with their tasks and timeline, generated
 * with INSERT … SELECT generate_series, so the approve benchmark can run on a
 * database holding ten thousand or ten million timeline rows. Each history
 * application copies a finished one the hall made (every column, and its
 * rows in every other table that refers to applications, such as the action
 * log), spread over the benchmark's applicants and approvers and over the
 * past two years, with `rowsPerApplication` timeline rows.
 */
import type pg from 'pg';
import { copySql, dependentsOfApplication, quote } from './copy-sql.ts';

export const rowsPerApplication = 10;

export interface HistoryPeople {
  /** Finished application the hall made, to copy. */
  templateId: string;
  applicants: { personId: string; accountId: string }[];
  /** Approver pairs: history tasks go to pair i of applicant i, like the live data. */
  approvers: [string, string][];
}

/** Timeline rows that belong to history applications. */
export async function countHistoryRows(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`select count(*) as n from timeline t join application a on a.id = t.application_id where a.serial_no like 'H%'`);
  return Number(rows[0]!.n);
}

/**
 * Adds history until it holds `targetRows` timeline rows. Runs in chunks of
 * 100,000 applications; foreign-key triggers are skipped for the bulk load
 * (session_replication_role = replica) because the rows are built valid.
 */
export async function growHistory(pool: pg.Pool, people: HistoryPeople, targetRows: number, log: (line: string) => void): Promise<void> {
  const have = await countHistoryRows(pool);
  const { rows: maxRows } = await pool.query<{ n: string | null }>(`select max(substr(serial_no, 2)::bigint) as n from application where serial_no like 'H%'`);
  let next = Number(maxRows[0]!.n ?? 0) + 1;
  let applications = Math.ceil((targetRows - have) / rowsPerApplication);
  const chunk = 100_000;
  const client = await pool.connect();
  try {
    await client.query(`set session_replication_role = replica`);
    await client.query('set synchronous_commit = off'); // a bulk load, not what is measured
    await client.query('set jit = off');
    const started = Date.now();
    let done = 0;
    while (applications > 0) {
      const count = Math.min(chunk, applications);
      await client.query('begin');
      await client.query('create temp table history_of (id uuid primary key, n bigint, k int) on commit drop');
      await client.query(`insert into history_of select gen_random_uuid(), n, (n % $2::int)::int + 1 from generate_series($1::bigint, $1::bigint + $3::int - 1) n`, [next, people.applicants.length, count]);
      const applicants = [people.applicants.map((a) => a.personId), people.applicants.map((a) => a.accountId)];
      await client.query(
        await copySql(client, 'application', 't', 'application t, history_of h where t.id = $1 order by h.id', {
          id: 'h.id',
          serial_no: `'H' || lpad(h.n::text, 12, '0')`,
          idempotency_key: `'history-' || h.n`,
          applicant_person_id: '($2::uuid[])[h.k]',
          applicant_account_id: '($3::uuid[])[h.k]',
          submitted_at: 'now() - make_interval(mins => h.n::int)',
          updated_at: `now() - make_interval(mins => h.n::int) + interval '1 hour'`,
          ended_at: `now() - make_interval(mins => h.n::int) + interval '1 hour'`,
        }),
        [people.templateId, ...applicants],
      );
      await client.query(
        await copySql(client, 'task', 'x', 'task x, history_of h where x.application_id = $1 order by h.id', {
          id: 'gen_random_uuid()',
          application_id: 'h.id',
          assignee_person_id: 'case when x.assignee_person_id = ($2::uuid[])[1] then ($2::uuid[])[h.k] else ($3::uuid[])[h.k] end',
          created_at: 'now() - make_interval(mins => h.n::int)',
          completed_at: `case when x.completed_at is null then null else now() - make_interval(mins => h.n::int) + interval '30 minutes' end`,
        }),
        [people.templateId, people.approvers.map((p) => p[0]), people.approvers.map((p) => p[1])],
      );
      await client.query(
        `insert into timeline (application_id, action, actor_person_id, node_id, node_name, opinion, at)
         select h.id,
                case when s = 1 then 'submit' when s = $1::int then 'complete' else 'approve' end,
                case when s = 1 then ($2::uuid[])[h.k] when s = $1::int then null when s % 2 = 0 then ($3::uuid[])[h.k] else ($4::uuid[])[h.k] end,
                case when s in (1, $1::int) then null when s % 2 = 0 then 'a' else 'b' end,
                case when s in (1, $1::int) then null when s % 2 = 0 then '一审' else '二审' end,
                case when s in (1, $1::int) then null else '同意' end,
                now() - make_interval(mins => h.n::int) + make_interval(secs => s * 60)
           from history_of h, generate_series(1, $1::int) s order by h.id, s`,
        [rowsPerApplication, people.applicants.map((a) => a.personId), people.approvers.map((p) => p[0]), people.approvers.map((p) => p[1])],
      );
      // Every other table holding an application's rows (the action log, copies, …): as the finished application has them.
      for (const { table, column } of await dependentsOfApplication(client)) {
        if (table === 'task' || table === 'timeline') continue;
        await client.query(await copySql(client, table, 'd', `${quote(table)} d, history_of h where d.${quote(column)} = $1 order by h.id`, { [column]: 'h.id' }), [people.templateId]);
      }
      await client.query('commit');
      next += count;
      applications -= count;
      done += count;
      if (count === chunk || applications === 0) log(`history: ${(done * rowsPerApplication).toLocaleString('en-US')} timeline rows added (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.query('reset session_replication_role').catch(() => {});
    await client.query('reset synchronous_commit').catch(() => {});
    await client.query('reset jit').catch(() => {});
    client.release();
  }
}

/** VACUUM ANALYZE the whole database, as an operator would after a bulk load. */
export async function vacuumAnalyze(pool: pg.Pool): Promise<void> {
  await pool.query('vacuum analyze');
}

/** Sizes of the tables the approve path touches. */
export async function tableSizes(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ name: string; rows: string; size: string }>(
    `select s.relname as name, s.n_live_tup as rows, pg_size_pretty(pg_total_relation_size(s.relid)) as size
       from pg_stat_user_tables s where s.relname = any($1::text[]) order by s.relname`,
    [['application', 'job', ...(await dependentsOfApplication(pool)).map((d) => d.table)]],
  );
  return rows.map((r) => `${r.name} ${Number(r.rows).toLocaleString('en-US')} rows ${r.size}`).join(', ');
}
