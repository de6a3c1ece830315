import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from './db.ts';
import type { JobRow } from './jobs.table.ts';

/**
 * The job table is the hall's transactional outbox: a service writes a job in
 * the same transaction as the change that causes it, so a rolled-back change
 * leaves no message behind. The worker performs jobs at least once; handlers
 * must be idempotent (keyed by the job id).
 */
export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  runAt?: Date;
}

export async function enqueueJobs(executor: Executor, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await executor
    .insertInto('job')
    .values(jobs.map((job) => ({ kind: job.kind, payload: JSON.stringify(job.payload), ...(job.runAt ? { run_at: job.runAt } : {}) })))
    .execute();
}

export type JobHandler = (job: JobRow, db: Db) => Promise<void>;

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  log: FastifyBaseLogger;
  pollMs: number;
  /** How long a claimed job stays reserved before another worker may take it again. */
  leaseSeconds?: number;
  batchSize?: number;
  /** Jobs that run every so often, kind → seconds between runs (their handlers are in `handlers`). */
  recurring?: Record<string, number>;
}

/**
 * Registers recurring jobs (at worker start): a new kind runs at once, a
 * known one keeps its next run and takes the new interval.
 */
export async function scheduleRecurringJobs(db: Db, recurring: Record<string, number>): Promise<void> {
  const rows = Object.entries(recurring).map(([kind, seconds]) => ({ kind, every_seconds: Math.max(1, Math.round(seconds)) }));
  if (rows.length === 0) return;
  await db
    .insertInto('job_schedule')
    .values(rows)
    .onConflict((oc) => oc.column('kind').doUpdateSet((eb) => ({ every_seconds: eb.ref('excluded.every_seconds') })))
    .execute();
}

/**
 * Enqueues the recurring jobs that are due, and moves their next run
 * forward, in one statement: the row lock makes a second process's update
 * wait, then skip the row (its next run is no longer due), so each run is
 * enqueued once however many workers poll. Returns the kinds enqueued.
 */
export async function enqueueDueRecurringJobs(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ kind: string }>`
    with due as (
      update job_schedule set next_run_at = now() + make_interval(secs => every_seconds)
       where next_run_at <= now()
      returning kind)
    insert into job (kind, payload) select kind, '{}'::jsonb from due
    returning kind`.execute(db);
  return rows.map((row) => row.kind);
}

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … at most 10 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(600, 2 ** Math.max(1, attempts));
}

/**
 * Claims due jobs. SKIP LOCKED lets several server processes share the table;
 * a lease (locked_until) returns a job to the pool if its worker died.
 */
async function claimJobs(db: Db, leaseSeconds: number, batchSize: number): Promise<JobRow[]> {
  const result = await sql<JobRow>`
    update job set status = 'running', attempts = attempts + 1,
           locked_until = now() + make_interval(secs => ${leaseSeconds})
     where id in (
       select id from job
        where (status = 'pending' and run_at <= now())
           or (status = 'running' and locked_until < now())
        order by run_at, id
        limit ${batchSize}
        for update skip locked)
    returning *`.execute(db);
  return result.rows;
}

/** Runs one pass over due jobs; returns how many were handled. Exposed for tests and the CLI. */
export async function runDueJobs(options: WorkerOptions): Promise<number> {
  const { db, handlers, log } = options;
  const jobs = await claimJobs(db, options.leaseSeconds ?? 60, options.batchSize ?? 20);
  for (const job of jobs) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job, db);
      await db.updateTable('job').set({ status: 'done', done_at: new Date(), locked_until: null, last_error: null }).where('id', '=', job.id).execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = job.attempts >= job.max_attempts;
      log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, failed }, `job failed: ${message}`);
      await db
        .updateTable('job')
        .set({
          status: failed ? 'failed' : 'pending',
          locked_until: null,
          last_error: message.slice(0, 1000),
          run_at: new Date(Date.now() + retryDelaySeconds(job.attempts) * 1000),
        })
        .where('id', '=', job.id)
        .execute();
    }
  }
  return jobs.length;
}

/** Starts polling; returns a function that stops the worker and waits for the pass in flight. */
export function startWorker(options: WorkerOptions): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const recurring = options.recurring ?? {};
  const hasRecurring = Object.keys(recurring).length > 0;
  let scheduled: Promise<void> | null = null;
  const enqueueRecurring = async () => {
    if (!hasRecurring) return;
    // Registered on the first pass, and again after a failure (the database may not have been reachable).
    scheduled ??= scheduleRecurringJobs(options.db, recurring).catch((error: unknown) => {
      scheduled = null;
      throw error;
    });
    await scheduled;
    await enqueueDueRecurringJobs(options.db);
  };
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = enqueueRecurring()
      .catch((error: unknown) => options.log.error({ err: error }, 'recurring jobs could not be enqueued'))
      .then(() => runDueJobs(options))
      .catch((error: unknown) => options.log.error({ err: error }, 'job worker pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  };
  timer = setTimeout(tick, options.pollMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
