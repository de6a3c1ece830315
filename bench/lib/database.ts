/**
 * The benchmark's own PostgreSQL databases: onehall_bench_<purpose>_<pid>,
 * created at start and dropped at the end (also after a failure or Ctrl-C).
 */
import pg from 'pg';

export interface BenchDatabase {
  name: string;
  url: string;
}

const created = new Set<string>();
let adminPool: pg.Pool | undefined;

export function admin(adminUrl: string): pg.Pool {
  if (!adminPool) {
    adminPool = new pg.Pool({ connectionString: adminUrl, max: 2 });
    ignoreIdleErrors(adminPool);
  }
  return adminPool;
}

/** An idle pooled connection ended by the server (a forced drop at exit) must not crash the run. */
export function ignoreIdleErrors(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {});
  return pool;
}

export async function createDatabase(adminUrl: string, purpose: string): Promise<BenchDatabase> {
  const name = `onehall_bench_${purpose}_${process.pid}`;
  await admin(adminUrl).query(`drop database if exists ${name} with (force)`);
  await admin(adminUrl).query(`create database ${name}`);
  created.add(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Drops every database this run created. Connections still open to them are ended first. */
export async function dropDatabases(adminUrl: string): Promise<void> {
  for (const name of created) {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin(adminUrl).query(`drop database if exists ${name} with (force)`);
        created.delete(name);
        break;
      } catch (error) {
        if (attempt >= 20) {
          console.error(`could not drop ${name}: ${String(error)}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }
  await adminPool?.end();
  adminPool = undefined;
}

/** Transactions committed and rolled back in one database so far (each autocommit statement is one). */
export async function transactionCounts(adminUrl: string, database: string): Promise<{ commits: number; rollbacks: number }> {
  // The statistics collector publishes at most every 500 ms; clear the snapshot so we read the newest.
  const { rows } = await admin(adminUrl).query<{ commits: string; rollbacks: string }>(
    'select xact_commit as commits, xact_rollback as rollbacks from pg_stat_database where datname = $1',
    [database],
  );
  return { commits: Number(rows[0]?.commits ?? 0), rollbacks: Number(rows[0]?.rollbacks ?? 0) };
}
