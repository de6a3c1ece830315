/**
 * The 待办 data set of todo-list-1m (lib/todo-data.ts), made once and kept
 * as a PostgreSQL database that each run copies (CREATE DATABASE …
 * TEMPLATE … STRATEGY FILE_COPY) and drops.
 *
 * The cached database is named by the scale, the hall's migrations and the
 * generator's version, so a schema change makes a new one (and drops the
 * stale one of the same scale). Its description (COMMENT ON DATABASE) holds
 * what the benchmark needs to know and marks it complete; from then on it
 * is a template that accepts no connections.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { migrations } from '../../apps/server/src/platform/migrations/index.ts';
import type { BenchOptions } from './options.ts';
import { admin, ignoreIdleErrors, type BenchDatabase } from './database.ts';
import { vacuumAnalyze, tableSizes } from './history.ts';
import { generateTodoData, generatorVersion, urlOf, type TodoDataset } from './todo-data.ts';

function cacheName(scale: number): { prefix: string; name: string } {
  const key = createHash('sha256').update(JSON.stringify({ generatorVersion, scale, migrations: Object.keys(migrations) })).digest('hex').slice(0, 10);
  const prefix = `onehall_benchcache_todo_s${String(scale).replace('.', 'p')}_`; // s1_, s0p01_: no prefix of another scale's
  return { prefix, name: `${prefix}${key}` };
}

async function describeCache(adminUrl: string, name: string): Promise<TodoDataset | null> {
  const { rows } = await admin(adminUrl).query<{ description: string | null }>(`select shobj_description(oid, 'pg_database') as description from pg_database where datname = $1`, [name]);
  const description = rows[0]?.description;
  return description ? (JSON.parse(description) as TodoDataset) : null;
}

/** The cached data set of this scale: reused, or made now (about 5 minutes at full scale, most of it the history). */
export async function prepareTodoDataset(options: BenchOptions, log: (line: string) => void): Promise<{ dataset: TodoDataset; reused: boolean }> {
  const db = admin(options.adminUrl);
  const { prefix, name } = cacheName(options.todoScale);
  const { rows: existing } = await db.query<{ datname: string }>(`select datname from pg_database where starts_with(datname, $1)`, [prefix]);
  for (const { datname } of existing) {
    // Another schema or generator version of this scale, or a generation that did not finish.
    if (datname === name && !options.todoRegenerate && (await describeCache(options.adminUrl, datname))) continue;
    log(`todo data: dropping ${datname} (${datname === name ? 'incomplete or --todo-regenerate' : 'made for another schema'})`);
    await db.query(`alter database ${datname} with is_template false`); // a template cannot be dropped
    await db.query(`drop database ${datname} with (force)`);
  }
  const cached = await describeCache(options.adminUrl, name).catch(() => null);
  if (cached) {
    log(`todo data: reusing ${name} (made ${cached.madeAt} in ${Math.round(cached.generatedSeconds)} s)`);
    return { dataset: cached, reused: true };
  }
  log(`todo data: generating ${name} at scale ${options.todoScale}`);
  const started = Date.now();
  await db.query(`create database ${name}`);
  const made = await generateTodoData(options, name, log);
  const pool = ignoreIdleErrors(new pg.Pool({ connectionString: urlOf(options.adminUrl, name), max: 1 }));
  let sizes: string;
  try {
    log('todo data: vacuum analyze');
    await vacuumAnalyze(pool);
    sizes = await tableSizes(pool);
  } finally {
    await pool.end();
  }
  const dataset: TodoDataset = { ...made, database: name, sizes, generatedSeconds: (Date.now() - started) / 1000, madeAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  // Written last: a database with a description is complete. No connections from then on (autovacuum's
  // included), so that CREATE DATABASE … TEMPLATE never finds it in use.
  await db.query(`comment on database ${name} is ${pg.escapeLiteral(JSON.stringify(dataset))}`);
  await db.query(`alter database ${name} with is_template true allow_connections false`);
  log(`todo data: made in ${dataset.generatedSeconds.toFixed(0)} s: ${sizes}`);
  return { dataset, reused: false };
}

const clones = new Set<string>();

/** A copy of the cached data set for one run (file copy: no WAL for every page), dropped at the end. */
export async function cloneTodoDataset(adminUrl: string, dataset: TodoDataset): Promise<BenchDatabase> {
  const name = `onehall_bench_todo_${process.pid}`;
  const db = admin(adminUrl);
  await db.query(`drop database if exists ${name} with (force)`);
  clones.add(name);
  await db.query(`create database ${name} template ${dataset.database} strategy file_copy`);
  // The copy is a database like any other (the template's flags are not copied).
  return { name, url: urlOf(adminUrl, name) };
}

/** Drops this run's copies (never the cached data set); for the end of the benchmark and the exit path. */
export async function dropTodoClones(adminUrl: string): Promise<void> {
  for (const name of clones) {
    await admin(adminUrl).query(`drop database if exists ${name} with (force)`).catch((error: unknown) => console.error(`could not drop ${name}: ${String(error)}`));
    clones.delete(name);
  }
}
