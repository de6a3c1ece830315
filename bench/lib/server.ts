/**
 * Starts hall server processes (bench/server-process.ts) on a benchmark
 * database and stops them. Each listens on a free loopback port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const running = new Set<ChildProcess>();

export interface ServerHandle {
  urls: string[];
  pids: number[];
  /** SQL statements sent by all server processes since the last call, by statement text. */
  takeQueryCounts(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

interface Started {
  url: string;
  child: ChildProcess;
  /** Resolvers waiting for the next `queries` line. */
  waiting: ((counts: Record<string, number>) => void)[];
}

export interface ServerOptions {
  databaseUrl: string;
  processes: number;
  poolSize: number | undefined;
  nodeArgs: string[];
  logLevel: string;
  /** More settings for the server processes (e.g. SEED_DEMO, STATIC_DIR for the Lighthouse benchmark). */
  env?: Record<string, string>;
}

function startOne(options: ServerOptions): Promise<Started> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_DEMO: 'false',
    LOG_LEVEL: options.logLevel,
    // The outbox worker is off: the benchmarks measure the API; jobs stay queued as rows.
    WORKER_ENABLED: 'false',
    ...(options.poolSize ? { DATABASE_POOL_SIZE: String(options.poolSize) } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [...options.nodeArgs, path.join(benchDir, 'server-process.ts')], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const waiting: Started['waiting'] = [];
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timeout = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    let first = true;
    lines.on('line', (line) => {
      if (line.startsWith('queries ')) return void waiting.shift()?.(JSON.parse(line.slice('queries '.length)) as Record<string, number>);
      // After the URL, whatever the server logs goes to our stderr (LOG_LEVEL is silent unless asked).
      if (!first) return void process.stderr.write(`[server ${child.pid}] ${line}\n`);
      first = false;
      clearTimeout(timeout);
      try {
        resolve({ url: (JSON.parse(line) as { url: string }).url, child, waiting });
      } catch {
        reject(new Error(`unexpected server output: ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`the server exited with code ${code}`));
    });
  });
}

export async function startServers(options: ServerOptions): Promise<ServerHandle> {
  // One at a time: each migrates the database at start (the migrator locks, but why race).
  const started: Started[] = [];
  for (let index = 0; index < options.processes; index++) started.push(await startOne(options));
  return {
    urls: started.map((s) => s.url),
    pids: started.map((s) => s.child.pid!),
    takeQueryCounts: async () => {
      const all = await Promise.all(
        started.map(
          (s) =>
            new Promise<Record<string, number>>((resolve) => {
              s.waiting.push(resolve);
              s.child.kill('SIGUSR2');
            }),
        ),
      );
      const total = new Map<string, number>();
      for (const counts of all) for (const [text, n] of Object.entries(counts)) total.set(text, (total.get(text) ?? 0) + n);
      return total;
    },
    stop: async () => {
      await Promise.all(started.map(({ child }) => stopChild(child)));
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Stops every server this process started; for the exit path. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}
