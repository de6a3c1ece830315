/**
 * todo-list-1m: 待办 (GET /api/inbox/todo) on a hall holding 1 million
 * applications, 3 million tasks and 10 million timeline rows
 * (lib/todo-data.ts; made once and cached, each run works on a copy).
 *
 * - Throughput: 32 clients, each a session of the counsellor with 5,000
 *   items in 待办, reading its first page (20 items) as fast as they are
 *   answered. Baseline: a raw `pg` pool of 32 sending the statements the
 *   server sends for it — the page (the task index, each task's
 *   application by its key) and the page's current approvers — compiled
 *   from the server's own query builders, so the SQL is the same text.
 * - Depth: the cursor is followed for 50 pages (checked: 1,000 distinct
 *   tasks of that counsellor, pending, newest first); then 4 clients take
 *   turns reading page 1, page 50 and the first page of a counsellor with
 *   200 items, so all three are measured in the same seconds. Page 50 should
 *   cost what page 1 costs (keyset pagination: no OFFSET).
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { limits } from '@onehall/contracts';
import type { Database } from '../../apps/server/src/platform/db.ts';
import { decodeCursor } from '../../apps/server/src/platform/cursor.ts';
import { tasksOfPersonQuery } from '../../apps/server/src/modules/workflow/lists.repository.ts';
import { pendingTasksOfApplicationsQuery } from '../../apps/server/src/modules/workflow/workflow.repository.ts';
import type { BenchOptions } from '../lib/options.ts';
import { admin, ignoreIdleErrors } from '../lib/database.ts';
import { startServers } from '../lib/server.ts';
import { Fixtures, benchPassword } from '../lib/fixtures.ts';
import { assertNoErrors, describeQueries, measure, type BenchContext, type Measured } from '../lib/context.ts';
import { HallClient, logInAll } from '../lib/http.ts';
import { allLatencies, quantile } from '../lib/load.ts';
import { describeCpu } from '../lib/cpu.ts';
import { cloneTodoDataset, dropTodoClones, prepareTodoDataset } from '../lib/todo-cache.ts';
import type { TodoDataset } from '../lib/todo-data.ts';
import { fmt, type Row, type Section } from '../lib/report.ts';

const clientCount = 32;
const depthClients = 4;
const depthPages = 50;
const pageSize = limits.pageSizeDefault;
export const todoTargets = { requestsPerSecond: 5000, p99Ms: 20, depthRatio: 1.2 };

interface TodoPage {
  items: { taskId: string; taskStatus: string; receivedAt: string }[];
  nextCursor: string | null;
}

const todoPath = (cursor: string | null) => `/api/inbox/todo${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;

async function readPage(client: HallClient, cursor: string | null): Promise<TodoPage> {
  const reply = await client.get<TodoPage>(todoPath(cursor));
  if (reply.status !== 200) throw new Error(`todo: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
  if (reply.body.items.length !== pageSize) throw new Error(`todo: a page of ${reply.body.items.length} items, expected ${pageSize}`);
  return reply.body;
}

interface Walk {
  /** The cursor that asks for page n (index n − 1; null for page 1). */
  cursors: (string | null)[];
  /** Each page's latency, read once, in order. */
  latencies: number[];
  problems: string[];
}

/** Follows the cursor for `depthPages` pages and checks what came back: distinct tasks, newest first, all pending and the counsellor's. */
async function walkPages(client: HallClient, pool: pg.Pool, personId: string): Promise<Walk> {
  const walk: Walk = { cursors: [], latencies: [], problems: [] };
  const seen: { taskId: string; receivedAt: string }[] = [];
  let cursor: string | null = null;
  for (let page = 1; page <= depthPages; page++) {
    walk.cursors.push(cursor);
    const started = performance.now();
    const body = await readPage(client, cursor);
    walk.latencies.push(performance.now() - started);
    seen.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor && page < depthPages) throw new Error(`todo: the list ended at page ${page}`);
  }
  for (let i = 1; i < seen.length; i++) {
    const [a, b] = [seen[i - 1]!, seen[i]!];
    if (a.receivedAt < b.receivedAt || (a.receivedAt === b.receivedAt && a.taskId <= b.taskId)) walk.problems.push(`item ${i + 1} is out of order`);
  }
  const ids = seen.map((item) => item.taskId);
  if (new Set(ids).size !== ids.length) walk.problems.push(`${ids.length - new Set(ids).size} tasks repeated`);
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from task where id = any($1::uuid[]) and assignee_person_id = $2 and status = 'pending'`, [ids, personId]);
  if (rows[0]!.n !== new Set(ids).size) walk.problems.push(`${new Set(ids).size - rows[0]!.n} tasks not pending or not the counsellor's`);
  return walk;
}

/** The server's statements for one page of 待办, compiled by its own builders and sent over a raw pool. */
function rawTodo(raw: pg.Pool) {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: raw }) });
  const compiled = new Map<string, { sql: string; parameters: readonly unknown[] }>();
  return async (personId: string, cursor: string | null): Promise<void> => {
    const key = `${personId}|${cursor}`;
    let page = compiled.get(key);
    if (!page) compiled.set(key, (page = tasksOfPersonQuery(db, personId, { which: 'todo', cursor: decodeCursor(cursor ?? undefined), limit: pageSize + 1 }).compile()));
    const { rows } = await raw.query<{ id: string }>(page.sql, page.parameters as unknown[]);
    const ids = rows.slice(0, pageSize).map((row) => row.id);
    const pending = pendingTasksOfApplicationsQuery(db, ids).compile();
    await raw.query(pending.sql, pending.parameters as unknown[]);
  };
}

const rate = (m: Measured, outcome = 'ok') => (m.counts[outcome] ?? 0) / m.seconds;

/** Page 1, page 50 and the short list in turn, so noise on the machine falls on all three alike. */
const turns = ['page1', 'page50', 'typical'] as const;
function nextTurn(counters: number[], client: number): (typeof turns)[number] {
  const n = counters[client] ?? 0;
  counters[client] = n + 1;
  return turns[n % turns.length]!;
}

export async function runTodoList(options: BenchOptions, log: (line: string) => void): Promise<Section> {
  const { dataset, reused } = await prepareTodoDataset(options, log);
  const cloning = Date.now();
  const database = await cloneTodoDataset(options.adminUrl, dataset);
  const cloneSeconds = (Date.now() - cloning) / 1000;
  log(`todo-list-1m: copied the data set to ${database.name} in ${cloneSeconds.toFixed(0)} s; starting ${options.serverProcesses} server process(es)`);
  const servers = await startServers({ databaseUrl: database.url, processes: options.serverProcesses, poolSize: options.serverPoolSize, nodeArgs: options.serverNodeArgs, logLevel: options.serverLogLevel });
  const pool = ignoreIdleErrors(new pg.Pool({ connectionString: database.url, max: 8 }));
  const fixtures = await Fixtures.open(database.url, pool);
  const context: BenchContext = { options, database, pool, adminPool: admin(options.adminUrl), servers, fixtures, log };
  const raw = ignoreIdleErrors(new pg.Pool({ connectionString: database.url, max: clientCount }));
  const clients = Array.from({ length: clientCount }, (_, i) => new HallClient(servers.urls[i % servers.urls.length]!));
  const typicalClients = Array.from({ length: depthClients }, (_, i) => new HallClient(servers.urls[i % servers.urls.length]!));
  try {
    await logInAll([
      ...clients.map((client) => ({ client, accountNo: dataset.big.accountNo, password: benchPassword })),
      ...typicalClients.map((client) => ({ client, accountNo: dataset.typical.accountNo, password: benchPassword })),
    ]);

    const walk = await walkPages(clients[0]!, pool, dataset.big.personId);
    const page50 = walk.cursors[depthPages - 1]!;

    log(`todo-list-1m: ${clientCount} clients reading page 1 of a ${fmt.int(dataset.big.todos)}-item 待办 for ${options.durationSeconds} s`);
    const hall = await measure(context, {
      clients: clientCount,
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      step: async (index) => {
        await readPage(clients[index]!, null);
        return 'ok';
      },
    });
    log(`todo-list-1m: raw pg baseline, pool of ${clientCount}`);
    const sendRaw = rawTodo(raw);
    const baseline = assertNoErrors('todo baseline', await measure(
      context,
      {
        clients: clientCount,
        warmupSeconds: options.warmupSeconds,
        durationSeconds: options.durationSeconds,
        step: async () => {
          await sendRaw(dataset.big.personId, null);
          return 'ok';
        },
      },
      () => [],
      false,
    ));

    const turnOf = new Array<number>(depthClients).fill(0);
    log(`todo-list-1m: ${depthClients} clients taking turns at page 1, page ${depthPages} and a ${typicalTodosLabel(dataset)} list`);
    const depth = await measure(context, {
      clients: depthClients,
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      step: async (index) => {
        const turn = nextTurn(turnOf, index);
        if (turn === 'typical') await readPage(typicalClients[index]!, null);
        else await readPage(clients[index]!, turn === 'page1' ? null : page50);
        return turn;
      },
    });
    const rawTurnOf = new Array<number>(depthClients).fill(0);
    const rawDepth = assertNoErrors('todo depth baseline', await measure(
      context,
      {
        clients: depthClients,
        warmupSeconds: options.warmupSeconds,
        durationSeconds: options.durationSeconds,
        step: async (index) => {
          const turn = nextTurn(rawTurnOf, index);
          if (turn === 'typical') await sendRaw(dataset.typical.personId, null);
          else await sendRaw(dataset.big.personId, turn === 'page1' ? null : page50);
          return turn;
        },
      },
      () => [],
      false,
    ));
    return report(dataset, { reused, cloneSeconds, walk, hall, baseline, depth, rawDepth });
  } finally {
    await Promise.all([...clients, ...typicalClients].map((client) => client.close()));
    await raw.end();
    await servers.stop();
    await fixtures.close();
    await pool.end();
    if (!options.keepDatabases) await dropTodoClones(options.adminUrl);
  }
}

const typicalTodosLabel = (dataset: TodoDataset) => `${fmt.int(dataset.typical.todos)}-item`;

function report(dataset: TodoDataset, m: { reused: boolean; cloneSeconds: number; walk: Walk; hall: Measured; baseline: Measured; depth: Measured; rawDepth: Measured }): Section {
  const { hall, baseline, depth, rawDepth, walk } = m;
  const hallRate = rate(hall);
  const baseRate = rate(baseline);
  const p99 = quantile(allLatencies(hall), 0.99);
  const baseP99 = quantile(allLatencies(baseline), 0.99);
  const p50 = (result: Measured, outcome: string, q = 0.5) => quantile(result.latencies[outcome] ?? [], q);
  const depthRatio = p50(depth, 'page50') / p50(depth, 'page1');
  const errors = (hall.counts.error ?? 0) + (depth.counts.error ?? 0);
  const c = dataset.counts;
  const scale = dataset.scale === 1 ? '' : ` (scale ${dataset.scale})`;
  const name = 'todo-list-1m';
  const rows: Row[] = [
    { benchmark: name, figure: `page 1 of a ${fmt.int(dataset.big.todos)}-item 待办, ${clientCount} clients${scale}`, value: `${fmt.rate(hallRate)} req/s`, baseline: `${fmt.rate(baseRate)} /s raw pg`, ratio: fmt.ratio(hallRate / baseRate), target: `≥ ${fmt.int(todoTargets.requestsPerSecond)} req/s`, pass: hallRate >= todoTargets.requestsPerSecond && errors === 0 },
    { benchmark: name, figure: 'latency p50', value: fmt.ms(quantile(allLatencies(hall), 0.5)), baseline: fmt.ms(quantile(allLatencies(baseline), 0.5)), ratio: '', target: '', pass: null },
    { benchmark: name, figure: 'latency p99', value: fmt.ms(p99), baseline: fmt.ms(baseP99), ratio: fmt.ratio(p99 / baseP99), target: `≤ ${todoTargets.p99Ms} ms`, pass: p99 <= todoTargets.p99Ms },
    { benchmark: name, figure: `page ${depthPages} ÷ page 1, latency p50 (${depthClients} clients)`, value: fmt.ms(p50(depth, 'page50')), baseline: `${fmt.ms(p50(depth, 'page1'))} page 1`, ratio: fmt.ratio(depthRatio), target: `≤ ${todoTargets.depthRatio.toFixed(2)}×`, pass: depthRatio <= todoTargets.depthRatio && walk.problems.length === 0 },
    { benchmark: name, figure: `page ${depthPages} ÷ page 1, latency p99`, value: fmt.ms(p50(depth, 'page50', 0.99)), baseline: `${fmt.ms(p50(depth, 'page1', 0.99))} page 1`, ratio: fmt.ratio(p50(depth, 'page50', 0.99) / p50(depth, 'page1', 0.99)), target: '', pass: null },
    { benchmark: name, figure: `page 1 of a ${typicalTodosLabel(dataset)} ÷ ${fmt.int(dataset.big.todos)}-item 待办, p50`, value: fmt.ms(p50(depth, 'typical')), baseline: `${fmt.ms(p50(depth, 'page1'))} long list`, ratio: fmt.ratio(p50(depth, 'typical') / p50(depth, 'page1')), target: '', pass: null },
    { benchmark: name, figure: `cursor followed ${depthPages} pages`, value: walk.problems.length === 0 ? `${fmt.int(depthPages * pageSize)} tasks in order` : walk.problems.join('; '), baseline: '', ratio: '', target: 'distinct, pending, newest first', pass: walk.problems.length === 0 },
  ];
  return {
    benchmark: name,
    rows,
    notes: [
      `data: ${fmt.int(c.applications)} applications (${fmt.int(c.running)} running), ${fmt.int(c.tasks)} tasks (${fmt.int(c.pendingTasks)} pending), ${fmt.int(c.timeline)} timeline rows; ${fmt.int(c.students)} students, ${fmt.int(c.counsellors)} counsellors, ${fmt.int(c.approvers)} approvers in all; counsellors' 待办: ${fmt.int(dataset.big.todos)} (measured), ${fmt.int(dataset.typical.todos)}, the others about ${fmt.int(Math.round((c.pendingTasks - dataset.big.todos - dataset.typical.todos) / Math.max(1, c.counsellors - 2)))}`,
      `data set ${dataset.database} ${m.reused ? 'reused' : 'made in this run'} (made ${dataset.madeAt} in ${Math.round(dataset.generatedSeconds)} s), copied for this run in ${m.cloneSeconds.toFixed(0)} s; tables: ${dataset.sizes}`,
      `hall: ${fmt.int(hall.counts.ok ?? 0)} pages in ${hall.seconds.toFixed(1)} s, ${hall.counts.error ?? 0} errors${hall.errors.length ? ` (${hall.errors[0]})` : ''}; ${hall.transactionsPerStep.toFixed(1)} database transactions per request`,
      `hall ${describeCpu(hall.cpu)}`,
      `hall: ${describeQueries(hall.queriesPerStep, 'request')}`,
      `baseline: ${fmt.int(baseline.counts.ok ?? 0)} pages as the server's two statements (the page, its current approvers) over raw pg; ${describeCpu(baseline.cpu)}`,
      `depth: hall ${fmt.int(depth.counts.page1 ?? 0)} / ${fmt.int(depth.counts.page50 ?? 0)} / ${fmt.int(depth.counts.typical ?? 0)} reads of page 1 / page ${depthPages} / the short list, ${depth.counts.error ?? 0} errors; raw pg p50 page 1 ${fmt.ms(p50(rawDepth, 'page1'))}, page ${depthPages} ${fmt.ms(p50(rawDepth, 'page50'))} (${fmt.ratio(p50(rawDepth, 'page50') / p50(rawDepth, 'page1'))}), short list ${fmt.ms(p50(rawDepth, 'typical'))}`,
      `cursor walk (one client, each page read once, cold): page 1 ${fmt.ms(walk.latencies[0]!)}, page ${depthPages} ${fmt.ms(walk.latencies[depthPages - 1]!)}, median of the ${depthPages} ${fmt.ms(quantile(walk.latencies, 0.5))}`,
    ],
  };
}
