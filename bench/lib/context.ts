/**
 * What every benchmark gets: the options, the database and its pool, the
 * running servers, the fixtures; and `measure`, which runs a closed loop
 * while recording where the CPU went and how many database transactions
 * each request cost.
 */
import type pg from 'pg';
import type { BenchOptions } from './options.ts';
import type { BenchDatabase } from './database.ts';
import { transactionCounts } from './database.ts';
import type { Fixtures } from './fixtures.ts';
import type { ServerHandle } from './server.ts';
import { machineBusy, startCpuProbe, type CpuShare } from './cpu.ts';
import { runClosedLoop, type LoadOptions, type LoadResult } from './load.ts';

export interface BenchContext {
  options: BenchOptions;
  database: BenchDatabase;
  /** A pool to the benchmark database for setup, checks and the raw-SQL baselines. */
  pool: pg.Pool;
  adminPool: pg.Pool;
  servers: ServerHandle;
  fixtures: Fixtures;
  log: (line: string) => void;
}

export interface Measured extends LoadResult {
  cpu: CpuShare;
  /** Steps run in warm-up and window together. */
  steps: number;
  /** Committed database transactions per step, over warm-up and window (each autocommit statement is one). */
  transactionsPerStep: number;
  rollbacksPerStep: number;
  /** SQL statements the servers sent per step, by statement (empty for a baseline). */
  queriesPerStep: { text: string; perStep: number }[];
}

/** A statement's text shortened to what identifies it: `select … from "session"`, `insert into "task"`, `begin`. */
export function statementName(text: string): string {
  const sql = text.replace(/\s+/g, ' ').trim();
  const verb = sql.split(' ')[0]!.toLowerCase();
  const table = /\b(?:from|into|update)\s+("?[\w.]+"?)/i.exec(sql)?.[1]?.replace(/"/g, '') ?? '';
  const lock = /for update/i.test(sql) ? ' for update' : '';
  return table ? `${verb} ${table}${lock}` : sql.slice(0, 40).toLowerCase();
}

export function describeQueries(queries: Measured['queriesPerStep'], unit: string): string {
  if (queries.length === 0) return '';
  const total = queries.reduce((sum, q) => sum + q.perStep, 0);
  const grouped = new Map<string, number>();
  for (const q of queries) grouped.set(statementName(q.text), (grouped.get(statementName(q.text)) ?? 0) + q.perStep);
  const parts = [...grouped].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${n.toFixed(2)}`);
  return `${total.toFixed(1)} SQL statements per ${unit}: ${parts.join(', ')}`;
}

/** A baseline is our own code: any error in it is a bug of the benchmark, not a figure. */
export function assertNoErrors(label: string, measured: Measured): Measured {
  const errors = measured.counts.error ?? 0;
  if (errors > 0) throw new Error(`${label}: ${errors} errors, first: ${measured.errors[0]}`);
  return measured;
}

/** On a shared machine: wait (up to --wait-quiet seconds) until other work has stopped. */
export async function waitForQuiet(context: BenchContext): Promise<void> {
  const limit = context.options.waitQuietSeconds;
  if (limit <= 0) return;
  const started = Date.now();
  for (;;) {
    const busy = await machineBusy(3);
    if (busy < 0.3) return;
    if ((Date.now() - started) / 1000 >= limit) return void context.log(`the machine is still busy (${busy.toFixed(2)} cores); measuring anyway`);
    context.log(`waiting for a quiet machine (${busy.toFixed(2)} cores busy)`);
    await new Promise((resolve) => setTimeout(resolve, 7000));
  }
}

export async function measure(context: BenchContext, load: LoadOptions, processPids: () => number[] = () => context.servers.pids, countQueries = true): Promise<Measured> {
  await waitForQuiet(context);
  if (countQueries) await context.servers.takeQueryCounts();
  const before = await transactionCounts(context.options.adminUrl, context.database.name);
  let steps = 0;
  const probe = await startCpuProbe([], context.adminPool, context.database.name, processPids);
  const result = await runClosedLoop({
    ...load,
    step: async (client) => {
      const outcome = await load.step(client);
      if (outcome !== 'exhausted') steps++;
      return outcome;
    },
  });
  const cpu = await probe.stop();
  const queries = countQueries ? await context.servers.takeQueryCounts() : new Map<string, number>();
  // Backends report their counters when idle, at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const after = await transactionCounts(context.options.adminUrl, context.database.name);
  return {
    ...result,
    cpu,
    steps,
    transactionsPerStep: steps > 0 ? (after.commits - before.commits) / steps : 0,
    rollbacksPerStep: steps > 0 ? (after.rollbacks - before.rollbacks) / steps : 0,
    queriesPerStep: steps > 0 ? [...queries].map(([text, n]) => ({ text, perStep: n / steps })) : [],
  };
}
