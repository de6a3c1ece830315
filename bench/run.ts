/**
 * npm run bench: the five benchmarks of the approval engine issue and the
 * three of the forms and mobile hall issue (h5-bundle, lighthouse,
 * todo-list-1m), one table, and bench/RESULTS.md. See bench/README.md for
 * what each measures.
 *
 *   npm run bench                 the full run (about 25 minutes; the first todo-list-1m also makes its data set, about 5 more)
 *   npm run bench -- --quick      a smoke run (about 4 minutes, small data)
 *   npm run bench -- --help       every option
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseOptions, withoutDatabase, type BenchOptions } from './lib/options.ts';
import { admin, createDatabase, dropDatabases, ignoreIdleErrors } from './lib/database.ts';
import { startServers, stopAllServers } from './lib/server.ts';
import { Fixtures } from './lib/fixtures.ts';
import type { BenchContext } from './lib/context.ts';
import { describeMachine, printReport, readAnalysis, writeResults, type Section } from './lib/report.ts';
import { runSubmit } from './benchmarks/submit.ts';
import { runLifecycle } from './benchmarks/lifecycle.ts';
import { runPeer } from './benchmarks/peer.ts';
import { runApproveAndHistory } from './benchmarks/approve.ts';
import { prepareH5, removeH5Build } from './lib/h5-build.ts';
import { stopAllChromium } from './lib/chromium.ts';
import { measureBundle } from './benchmarks/h5-bundle.ts';
import { runLighthouse } from './benchmarks/lighthouse.ts';
import { runTodoList } from './benchmarks/todo-list.ts';
import { dropTodoClones } from './lib/todo-cache.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const startedAt = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** Starts servers on a fresh database and hands the benchmarks their context; always cleans up. */
async function withDatabase<T>(options: BenchOptions, purpose: string, work: (context: BenchContext) => Promise<T>): Promise<T> {
  const database = await createDatabase(options.adminUrl, purpose);
  log(`database ${database.name}: starting ${options.serverProcesses} server process(es)`);
  const servers = await startServers({ databaseUrl: database.url, processes: options.serverProcesses, poolSize: options.serverPoolSize, nodeArgs: options.serverNodeArgs, logLevel: options.serverLogLevel });
  const pool = ignoreIdleErrors(new pg.Pool({ connectionString: database.url, max: 8 }));
  const fixtures = await Fixtures.open(database.url, pool);
  try {
    return await work({ options, database, pool, adminPool: admin(options.adminUrl), servers, fixtures, log });
  } finally {
    await servers.stop();
    await fixtures.close();
    await pool.end();
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  // h5-bundle alone needs no PostgreSQL.
  const needsDatabase = [...options.only].some((name) => !withoutDatabase.has(name));
  const postgresVersion = needsDatabase ? (await admin(options.adminUrl).query<{ version: string }>('select version()')).rows[0]!.version.split(' on ')[0]! : 'PostgreSQL not used';
  const machine = describeMachine(postgresVersion);
  log(`${machine.cores} cores, ${machine.memory}, ${machine.cpu}; Node ${machine.node}; ${postgresVersion}; load ${machine.load}`);
  const sections: Section[] = [];
  const wants = (name: string) => options.only.has(name);

  if (wants('submit') || wants('lifecycle') || wants('peer')) {
    await withDatabase(options, 'main', async (context) => {
      if (wants('submit')) sections.push(await runSubmit(context));
      if (wants('lifecycle') || wants('peer')) {
        const lifecycle = await runLifecycle(context);
        if (wants('lifecycle')) sections.push(lifecycle.section);
        if (wants('peer')) sections.push(await runPeer(context, lifecycle.completedPerSecond));
      }
    });
  }
  if (wants('approve') || wants('history')) {
    await withDatabase(options, 'approve', async (context) => {
      sections.push(...(await runApproveAndHistory(context, { approve: wants('approve'), history: wants('history') })));
    });
  }

  if (wants('h5-bundle') || wants('lighthouse')) {
    const build = await prepareH5(options.h5Dist, log);
    if (wants('h5-bundle')) sections.push(measureBundle(build));
    if (wants('lighthouse')) sections.push(await runLighthouse(options, build, log));
  }
  if (wants('todo-list-1m')) sections.push(await runTodoList(options, log));

  printReport(sections);
  const failed = sections.flatMap((s) => s.rows).filter((row) => row.pass === false);
  if (options.writeResults) {
    const file = path.join(benchDir, 'RESULTS.md');
    const settings = [
      `settings: ${options.durationSeconds} s timed after ${options.warmupSeconds} s warm-up per measurement; ${options.serverProcesses} server process(es), DATABASE_POOL_SIZE ${options.serverPoolSize ?? '10 (default)'}; approve race factor ${options.approveRace}; history ${options.historySmallRows.toLocaleString('en-US')} vs ${options.historyRows.toLocaleString('en-US')} timeline rows; Lighthouse ${options.lighthouseRuns} run(s) per page; todo-list-1m scale ${options.todoScale}`,
      'PostgreSQL as configured on the machine (synchronous_commit on); load generator, hall server and PostgreSQL share the same cores',
    ];
    writeResults(file, machine, sections, { command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`, settings, analysis: readAnalysis(file) });
    log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  log(`${failed.length === 0 ? 'every target met' : `${failed.length} figure(s) missed their target`}`);
  // Sizes are the same on every machine, so a bundle over its budget fails the run; times and scores only report.
  const oversized = sections.some((s) => s.benchmark === 'h5-bundle' && s.rows.some((row) => row.pass === false));
  if (oversized) log('h5-bundle: over budget, exit code 2');
  return oversized ? 2 : 0;
}

let exitCode = 1;
let cleaning = false;
async function cleanUp(): Promise<void> {
  if (cleaning) return;
  cleaning = true;
  await stopAllChromium();
  await stopAllServers();
  removeH5Build();
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options.keepDatabases) log('--keep-databases: the onehall_bench_* databases are left in place');
  else {
    await dropTodoClones(options.adminUrl);
    await dropDatabases(options.adminUrl);
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping servers and dropping the benchmark databases`);
    cleanUp().finally(() => process.exit(130));
  });
}
try {
  exitCode = await main();
} catch (error) {
  console.error(error);
} finally {
  await cleanUp();
}
process.exit(exitCode);
