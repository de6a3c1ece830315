/**
 * A closed-loop load generator: N clients, each sending its next request as
 * soon as the previous one answered. A warm-up phase (not recorded) opens
 * connections and warms the JIT on both sides and brings the system to a
 * steady state; then every step that finishes inside the timed window counts
 * (throughput = completions per second of the window), with its latency.
 * No step starts after the window; those still running at its end are not counted.
 */
import { performance } from 'node:perf_hooks';

/** What one step reports: an outcome name ('ok', 'conflict', …) or 'exhausted' when this client has no more work. */
export type Outcome = string;

export interface LoadResult {
  seconds: number;
  counts: Record<Outcome, number>;
  /** Latencies in milliseconds of the counted steps, by outcome. */
  latencies: Record<Outcome, number[]>;
  errors: string[];
}

export interface LoadOptions {
  clients: number;
  warmupSeconds: number;
  durationSeconds: number;
  step: (client: number) => Promise<Outcome>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runClosedLoop(options: LoadOptions): Promise<LoadResult> {
  const counts: Record<Outcome, number> = {};
  const latencies: Record<Outcome, number[]> = {};
  const errors: string[] = [];
  const begin = performance.now();
  const windowStart = begin + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.durationSeconds * 1000;
  let lastCounted = windowStart;
  let stopped = false;

  async function client(index: number): Promise<void> {
    while (!stopped) {
      const started = performance.now();
      if (started >= windowEnd) return;
      let outcome: Outcome;
      try {
        outcome = await options.step(index);
      } catch (error) {
        outcome = 'error';
        if (errors.length < 20) errors.push(error instanceof Error ? error.message : String(error));
        await sleep(10); // never spin on a broken server
      }
      const finished = performance.now();
      if (outcome === 'exhausted') return;
      if (finished >= windowStart && finished <= windowEnd) {
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        (latencies[outcome] ??= []).push(finished - started);
        lastCounted = Math.max(lastCounted, finished);
      }
    }
  }

  const timer = setTimeout(() => {
    stopped = true;
  }, windowEnd - begin);
  await Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
  clearTimeout(timer);
  // When every client ran out of work early (a finite pool), the window ends at the last answer.
  const end = Math.min(windowEnd, Math.max(lastCounted, windowStart + 1));
  return { seconds: (end - windowStart) / 1000, counts, latencies, errors };
}

/** The q-quantile (0..1) of a list of numbers, by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** All latencies of a result, whatever the outcome. */
export function allLatencies(result: LoadResult, outcomes?: Outcome[]): number[] {
  return Object.entries(result.latencies)
    .filter(([outcome]) => !outcomes || outcomes.includes(outcome))
    .flatMap(([, values]) => values);
}
