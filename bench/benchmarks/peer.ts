/**
 * peer: ours ÷ theirs in completed two-step lifecycles per second. Ours is
 * the lifecycle benchmark (over HTTP, with sessions, validation, tasks,
 * timeline and jobs); theirs is bpmn-engine in its own process saving its
 * state to the same PostgreSQL after every step (bench/peer-process.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForQuiet, type BenchContext } from '../lib/context.ts';
import { startCpuProbe, describeCpu } from '../lib/cpu.ts';
import { fmt, type Section } from '../lib/report.ts';
import { lifecycleWorkers } from './lifecycle.ts';

const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

interface PeerResult {
  completed: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  p50: number;
  p99: number;
  completedRows: number;
  stateBytes: number;
}

export async function runPeer(context: BenchContext, ours: number): Promise<Section> {
  const { options, log } = context;
  await waitForQuiet(context);
  log(`peer: bpmn-engine, ${lifecycleWorkers} concurrent lifecycles for ${options.durationSeconds} s`);
  const child = spawn(process.execPath, [path.join(benchDir, 'peer-process.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: context.database.url,
      PEER_CLIENTS: String(lifecycleWorkers),
      PEER_POOL_SIZE: String(options.serverPoolSize ?? 10),
      PEER_WARMUP: String(options.warmupSeconds),
      PEER_DURATION: String(options.durationSeconds),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const probe = await startCpuProbe([], context.adminPool, context.database.name, () => (child.pid ? [child.pid] : []));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`peer process exited with ${code}`)));
  });
  const cpu = await probe.stop();
  child.stdin.end();
  if ((await exited) !== 0) throw new Error('peer process failed to stop');
  const result = JSON.parse(line) as PeerResult;
  const theirs = result.completed / result.seconds;
  const ratio = ours / theirs;
  return {
    benchmark: 'peer',
    rows: [
      { benchmark: 'peer', figure: 'ours ÷ bpmn-engine (completed/s)', value: `${fmt.rate(ours)} /s ours`, baseline: `${fmt.rate(theirs)} /s bpmn-engine`, ratio: fmt.ratio(ratio), target: '≥ 5×', pass: theirs > 0 && ours > 0 && ratio >= 5 && result.errors === 0 },
    ],
    notes: [
      `bpmn-engine: ${fmt.int(result.completed)} lifecycles in ${result.seconds.toFixed(1)} s, ${result.errors} errors${result.firstError ? ` (${result.firstError})` : ''}; p50 ${fmt.ms(result.p50)}, p99 ${fmt.ms(result.p99)}; saved state ${fmt.int(result.stateBytes)} bytes per process (jsonb, as stored)`,
      `bpmn-engine runs in-process with no HTTP, sessions, form validation, tasks, timeline or jobs: the comparison favours it`,
      `bpmn-engine ${describeCpu(cpu).replace('server', 'bpmn-engine process')} (load generator: none, the process drives itself)`,
    ],
  };
}
