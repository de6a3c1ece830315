/**
 * One hall server in a process of its own, so the load generator never
 * shares a thread with it. The parent passes the configuration in the
 * environment; we print one JSON line with the URL, and stop on SIGTERM or
 * when the parent's end of stdin closes (the parent died).
 *
 * Query counting: every SQL statement the server sends through `pg` is
 * counted by its text (a map increment per query, negligible beside a round
 * trip). On SIGUSR2 we print the counts since the last SIGUSR2 as one line,
 * `queries {json}`, and start again: the benchmarks divide them by the
 * requests they sent to show what one request costs the database.
 */
import pg from 'pg';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { startServer } from '../apps/server/src/server.ts';

let counts = new Map<string, number>();
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === 'string' ? first : typeof first === 'object' && first !== null && 'text' in first ? String((first as { text: unknown }).text) : '?';
  counts.set(text, (counts.get(text) ?? 0) + 1);
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;
process.on('SIGUSR2', () => {
  process.stdout.write(`queries ${JSON.stringify(Object.fromEntries(counts))}\n`);
  counts = new Map();
});

const { url, stop } = await startServer(loadConfig(process.env));
process.stdout.write(`${JSON.stringify({ url, pid: process.pid })}\n`);

let stopping = false;
function shutDown(): void {
  if (stopping) return;
  stopping = true;
  stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
process.stdin.on('end', shutDown);
process.stdin.resume();
