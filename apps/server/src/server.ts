import { buildApp, hallLoggerOptions } from './app.ts';
import type { Config } from './platform/config.ts';
import { migrateToLatest, openDatabase } from './platform/db.ts';
import { startWorker } from './platform/jobs.ts';
import { seedDemo } from './seed/seed-demo.ts';

export interface StartServerOptions {
  /**
   * Where the log lines go instead of stdout: one JSON line per `write`
   * (pino's destination). The end-to-end tests pass one to read what the
   * log SMS provider "sent"; the level is still config.LOG_LEVEL.
   */
  logDestination?: { write(line: string): void };
}

/**
 * Starts a hall process: open the database, migrate, seed the demo data
 * into an empty database, serve HTTP and run the job worker. Returns a
 * function that shuts everything down in order.
 */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: config.DATABASE_POOL_SIZE });
  const { app, jobHandlers, recurringJobs } = await buildApp({
    config,
    db: database.db,
    logger: {
      ...hallLoggerOptions(config),
      // pino takes a destination or a transport, not both: a destination given wins.
      ...(options.logDestination
        ? { stream: options.logDestination }
        : (config.LOG_PRETTY ?? (config.NODE_ENV === 'development' && process.stdout.isTTY))
          ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } }
          : {}),
    },
  });
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');
  if (config.SEED_DEMO) {
    const accounts = await database.db.selectFrom('account').select('id').limit(1).execute();
    if (accounts.length === 0) {
      const result = await seedDemo(database.db);
      app.log.info(result, 'demo data seeded');
    }
  }
  const stopWorker = config.WORKER_ENABLED ? startWorker({ db: database.db, handlers: jobHandlers, recurring: recurringJobs, log: app.log, pollMs: config.WORKER_POLL_MS }) : async () => {};
  const url = await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info(`一站式网上办事大厅 OneHall: ${url.replace('0.0.0.0', 'localhost')} (admin: /admin, API docs: /api/docs, database: ${database.kind})`);
  return {
    url,
    stop: async () => {
      await app.close();
      await stopWorker();
      await database.close();
    },
  };
}
