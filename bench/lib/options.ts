/**
 * Benchmark options, from flags (`npm run bench -- --quick --duration 5`)
 * or the environment (BENCH_DURATION=5). Flags win over the environment.
 */
export interface BenchOptions {
  /** A smoke run: short timings and small data. */
  quick: boolean;
  /** Timed seconds of each measurement. */
  durationSeconds: number;
  /** Untimed seconds before each measurement (connections, JIT). */
  warmupSeconds: number;
  /** Timeline rows of the large history database (the issue asks for 10 million). */
  historyRows: number;
  /** Timeline rows of the small history database (the issue asks for 10 thousand). */
  historySmallRows: number;
  /** How many clients are offered each application in the approve benchmark (2: every approval is raced). */
  approveRace: number;
  /** Hall server processes (clients are spread over them); 1 by default. */
  serverProcesses: number;
  /** DATABASE_POOL_SIZE of each server process; the server's default (10) unless given. */
  serverPoolSize: number | undefined;
  /** Only these benchmarks (comma separated: submit,approve,lifecycle,peer,history). */
  only: Set<string>;
  /** PostgreSQL server to create the benchmark databases on. */
  adminUrl: string;
  /** Extra node flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  serverNodeArgs: string[];
  /** LOG_LEVEL of the server processes (silent unless debugging the bench). */
  serverLogLevel: string;
  /** Before each benchmark, wait up to this many seconds for the machine to be quiet (under 0.3 cores busy). */
  waitQuietSeconds: number;
  /** Leave the benchmark databases in place for inspection (drop them by hand: onehall_bench_*). */
  keepDatabases: boolean;
  /** Write bench/RESULTS.md (off for --quick unless --write is given). */
  writeResults: boolean;
  /** h5-bundle, lighthouse: measure this existing H5 build (made with `vite build --manifest`) instead of building one. */
  h5Dist: string | undefined;
  /** lighthouse: the Chromium binary (Debian's; nothing is downloaded). */
  chromium: string;
  /** lighthouse: audits per page; the median is reported. */
  lighthouseRuns: number;
  /** lighthouse: write each run's full report (JSON, for the Lighthouse viewer) into this directory. */
  lighthouseReports: string | undefined;
  /** todo-list-1m: share of the data set (1 = 1 million applications; 0.01 for a smoke run). */
  todoScale: number;
  /** todo-list-1m: make the cached data set again even if it exists. */
  todoRegenerate: boolean;
}

export const benchmarkNames = ['submit', 'approve', 'lifecycle', 'peer', 'history', 'h5-bundle', 'lighthouse', 'todo-list-1m'] as const;

/** Benchmarks that need no database. */
export const withoutDatabase = new Set<string>(['h5-bundle']);

function flagValue(argv: string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  if (arg.includes('=')) return arg.slice(arg.indexOf('=') + 1);
  const next = argv[index + 1];
  return next && !next.startsWith('--') ? next : 'true';
}

function numberOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name}: not a number: ${value}`);
  return parsed;
}

export function parseOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const get = (name: string) => flagValue(argv, name) ?? env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  if (get('help') !== undefined) {
    console.log(`npm run bench [-- options]   (each also as BENCH_<NAME> in the environment)
  --quick                 smoke run: 2 s per measurement, 100k history rows, todo data at scale 0.01, 1 Lighthouse run
  --duration S            timed seconds per measurement (default 10, quick 2)
  --warmup S              untimed seconds before each measurement (default 2, quick 1)
  --history-rows N        timeline rows of the large history database (default 10000000)
  --history-small-rows N  timeline rows of the small history database (default 10000)
  --approve-race N        clients offered each application in the approve benchmark (default 2)
  --server-processes N    hall server processes (default 1)
  --server-pool-size N    DATABASE_POOL_SIZE per server process (default: the server's own, 10)
  --only a,b              only these benchmarks: ${benchmarkNames.join(', ')}
  --server-node-args="…" extra node flags for the server process (e.g. ="--cpu-prof --cpu-prof-dir=/tmp/prof")
  --server-log-level L    LOG_LEVEL of the server processes (default silent; error to see 500s)
  --wait-quiet S          before each benchmark wait up to S seconds for a quiet machine (< 0.3 cores busy; default 0)
  --keep-databases        leave the onehall_bench_* databases for inspection (drop them yourself)
  --write                 write bench/RESULTS.md even for a quick or partial run
  --admin-url URL         PostgreSQL to create onehall_bench_* databases on (default postgres://postgres@127.0.0.1:5432/postgres)
  --h5-dist DIR           h5-bundle, lighthouse: use this H5 build (made with vite build --manifest) instead of building one
  --chromium PATH         lighthouse: the browser (default /usr/bin/chromium)
  --lighthouse-runs N     lighthouse: audits per page, median reported (default 3, quick 1)
  --lighthouse-reports D  lighthouse: write each run's full report (JSON) into directory D
  --todo-scale F          todo-list-1m: share of the 1 million applications (default 1, quick 0.01; at least 0.01)
  --todo-regenerate       todo-list-1m: make the cached data set again`);
    process.exit(0);
  }
  const quick = get('quick') === 'true' || get('quick') === '1';
  const onlyRaw = get('only');
  const only = new Set(onlyRaw ? onlyRaw.split(',').map((name) => name.trim()) : benchmarkNames);
  for (const name of only) if (!(benchmarkNames as readonly string[]).includes(name)) throw new Error(`--only: unknown benchmark ${name}`);
  const adminUrl = get('admin-url') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const host = new URL(adminUrl).hostname;
  // This machine may only send load to itself.
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`--admin-url must be a loopback address, not ${host}`);
  const poolSize = get('server-pool-size');
  const write = get('write');
  return {
    quick,
    durationSeconds: numberOption(get('duration'), quick ? 2 : 10, 'duration'),
    warmupSeconds: numberOption(get('warmup'), quick ? 1 : 2, 'warmup'),
    historyRows: numberOption(get('history-rows'), quick ? 100_000 : 10_000_000, 'history-rows'),
    historySmallRows: numberOption(get('history-small-rows'), 10_000, 'history-small-rows'),
    approveRace: Math.max(1, Math.round(numberOption(get('approve-race'), 2, 'approve-race'))),
    serverProcesses: Math.max(1, Math.round(numberOption(get('server-processes'), 1, 'server-processes'))),
    serverPoolSize: poolSize === undefined ? undefined : numberOption(poolSize, 10, 'server-pool-size'),
    only,
    adminUrl,
    waitQuietSeconds: numberOption(get('wait-quiet'), 0, 'wait-quiet'),
    keepDatabases: get('keep-databases') === 'true',
    serverLogLevel: get('server-log-level') ?? 'silent',
    serverNodeArgs: (get('server-node-args') ?? '').split(' ').filter(Boolean),
    writeResults: write === 'true' || (!quick && only.size === benchmarkNames.length),
    h5Dist: get('h5-dist'),
    chromium: get('chromium') ?? '/usr/bin/chromium',
    lighthouseRuns: Math.max(1, Math.round(numberOption(get('lighthouse-runs'), quick ? 1 : 3, 'lighthouse-runs'))),
    lighthouseReports: get('lighthouse-reports'),
    todoScale: Math.max(0.01, numberOption(get('todo-scale'), quick ? 0.01 : 1, 'todo-scale')),
    todoRegenerate: get('todo-regenerate') === 'true',
  };
}
