import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from './db.ts';

/**
 * Tells every server process on the same PostgreSQL database that something
 * changed, so each can drop what it keeps in memory (PostgreSQL's
 * LISTEN/NOTIFY). A message is sent inside the transaction that makes the
 * change and is delivered when it commits, to every process including the
 * sender. Messages can be missed while a listening connection is down: the
 * `onGap` handlers run when listening starts again, and whoever keeps state
 * drops all of it. On the embedded database there is one process: nothing
 * is sent, and callers drop their own state after the change.
 */
export interface Broadcast {
  send(executor: Executor, channel: string, message: string): Promise<void>;
  on(channel: string, handler: (message: string) => void): void;
  onGap(handler: () => void): void;
  /** Starts listening (PostgreSQL only); resolves once listening. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** For the embedded database, and for services built without a listener (tests racing two pools). */
export const localBroadcast: Broadcast = {
  send: async () => {},
  on: () => {},
  onGap: () => {},
  start: async () => {},
  close: async () => {},
};

const channelName = /^[a-z_][a-z0-9_]*$/;

export function createPostgresBroadcast(url: string, log: Pick<FastifyBaseLogger, 'warn'>): Broadcast {
  const handlers = new Map<string, ((message: string) => void)[]>();
  const gapHandlers: (() => void)[] = [];
  let client: import('pg').Client | undefined;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const { default: pg } = await import('pg');
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (note) => {
      for (const handler of handlers.get(note.channel) ?? []) handler(note.payload ?? '');
    });
    next.on('error', (error) => {
      log.warn({ err: error }, 'broadcast: the listening connection failed; reconnecting');
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    await next.connect();
    for (const channel of handlers.keys()) await next.query(`listen ${channel}`);
    client = next;
    retryMs = 500;
    // Whatever was sent while nobody listened is lost: start clean.
    for (const handler of gapHandlers) handler();
  }

  function schedule(): void {
    timer = setTimeout(() => void reconnectLater(), retryMs);
    timer.unref();
  }

  async function reconnectLater(): Promise<void> {
    timer = undefined;
    if (closed) return;
    try {
      await connect();
    } catch (error) {
      log.warn({ err: error }, 'broadcast: cannot listen yet; retrying');
      retryMs = Math.min(retryMs * 2, 30_000);
      schedule();
    }
  }

  function reconnect(failed: import('pg').Client): void {
    if (closed || client !== failed || timer) return;
    client = undefined;
    failed.end().catch(() => {});
    for (const handler of gapHandlers) handler();
    schedule();
  }

  return {
    async send(executor, channel, message) {
      await sql`select pg_notify(${channel}, ${message})`.execute(executor);
    },
    on(channel, handler) {
      if (!channelName.test(channel)) throw new Error(`bad channel name ${channel}`);
      handlers.set(channel, [...(handlers.get(channel) ?? []), handler]);
    },
    onGap(handler) {
      gapHandlers.push(handler);
    },
    start: connect,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
