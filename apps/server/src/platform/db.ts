import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect, sql, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { IdentityTables } from '../modules/identity/identity.table.ts';
import type { CatalogTables } from '../modules/catalog/catalog.table.ts';
import type { FormsTables } from '../modules/forms/forms.table.ts';
import type { WorkflowTables } from '../modules/workflow/workflow.table.ts';
import type { NotifyTables } from '../modules/notify/notify.table.ts';
import type { JobTables } from './jobs.table.ts';
import type { AuditTables } from '../modules/audit/audit.table.ts';
import type { BindingTables } from '../modules/binding/binding.table.ts';
import type { VerificationTables } from '../modules/verification/verification.table.ts';
import type { FilesTables } from '../modules/files/files.table.ts';
import type { DraftsTables } from '../modules/drafts/drafts.table.ts';
import { migrations } from './migrations/index.ts';

/** The whole schema, assembled from each module's tables. */
export interface Database extends IdentityTables, CatalogTables, FormsTables, WorkflowTables, NotifyTables, JobTables, AuditTables, VerificationTables, BindingTables, FilesTables, DraftsTables {}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Repositories take either the pool or a transaction. */
export type Executor = Db | Tx;

/** A unique constraint refused a write (PostgreSQL's 23505, PGlite's too): someone else wrote the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export interface DatabaseOptions {
  /** A postgres:// URL; without it an embedded PGlite database is opened. */
  url?: string | undefined;
  /** Where PGlite keeps its files; 'memory://' keeps them in memory (tests). */
  dataDir: string;
  poolSize?: number;
}

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** Opens the database the configuration names: PostgreSQL, or PGlite on disk. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const { default: pg } = await import('pg');
    // int8 (counts, identity ids) as strings is pg's default and safe; we cast counts to int in SQL.
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, Client: preparingClient(pg) });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = options.dataDir === 'memory://' ? 'memory://' : path.join(options.dataDir, 'pgdata');
  let unlock = () => {};
  if (dataDir !== 'memory://') {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    unlock = lockDataDir(path.dirname(dataDir));
  }
  try {
    // PGlite returns int8 as a JS number by default; parse it as text like pg does, so both dialects agree.
    const pglite = await PGlite.create(dataDir, { parsers: { 20: (value: string) => value } });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** The embedded database is in use by another process (the hall, while a `hall` command tries to open it). */
export class DatabaseInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`内置数据库（${dir}）正被进程 ${pid} 使用：请先停止大厅再运行此命令，或改用 PostgreSQL（DATABASE_URL）。The embedded database in ${dir} is in use by process ${pid}: stop the hall first, or use PostgreSQL.`);
    this.name = 'DatabaseInUseError';
  }
}

/**
 * Only one process may open the embedded database: PGlite keeps it in
 * files with no lock of their own, and a second process (a `hall import-…`
 * while the hall runs) writing the same files would corrupt them. The lock
 * is a file holding the opener's pid, made with O_EXCL; one left by a
 * process that is gone (a crash, a kill -9) is taken over, and so is one
 * with our own pid (a container restarted as pid 1 again). Answers the
 * release.
 */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'hall.lock');
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) throw new DatabaseInUseError(dir, holder);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Marks a statement sent on every request (append it to the statement):
 * on PostgreSQL it is prepared once per connection and then only bound and
 * executed, with no parsing or planning per call. Only for statements whose
 * text does not vary (no lists of varying length), so each connection keeps
 * a handful of them.
 */
export const PREPARED = sql.raw('/* prepared */');
const preparedMarker = '/* prepared */';

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `hall_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return name;
}

/** A pg client that sends marked statements as named prepared statements. */
function preparingClient(pg: typeof import('pg').default) {
  return class PreparingClient extends pg.Client {
    override query(...args: unknown[]): never {
      const [text, values] = args;
      const send = super.query as (...a: unknown[]) => never;
      if (typeof text === 'string' && text.endsWith(preparedMarker)) return send.call(this, { name: statementName(text), text, values });
      return send.apply(this, args);
    }
  };
}

/** Brings the schema up to date. Safe to run at every start and from several processes. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'hall_migration',
    migrationLockTableName: 'hall_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
