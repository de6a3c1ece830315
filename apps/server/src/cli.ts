#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { describeConfig, loadConfig } from './platform/config.ts';
import { migrateToLatest, openDatabase } from './platform/db.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { startServer } from './server.ts';

const usage = `hall — OneHall command line

  hall serve            start the hall (same as npm start, without building the front ends)
  hall migrate          bring the database schema up to date
  hall seed --demo      add the demo university (idempotent)
  hall config           list the configuration variables

The database is DATABASE_URL (PostgreSQL) or the embedded one in DATA_DIR.`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
const command = positionals[0];

async function withDatabase<T>(run: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    return await run(database.db);
  } finally {
    await database.close();
  }
}

switch (values.help ? 'help' : command) {
  case 'serve':
    await startServer(loadConfig());
    break;
  case 'migrate': {
    const applied = await withDatabase(migrateToLatest);
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    break;
  }
  case 'seed': {
    if (!values.demo) {
      console.error('hall seed: say --demo to add the demo university');
      process.exit(2);
    }
    const result = await withDatabase(async (db) => {
      await migrateToLatest(db);
      return seedDemo(db);
    });
    console.log(result.created ? `seeded: ${result.people} people, ${result.services} services` : 'demo data already present');
    break;
  }
  case 'config':
    for (const { name, description } of describeConfig()) console.log(`${name.padEnd(24)} ${description}`);
    break;
  default:
    console.log(usage);
    if (command && command !== 'help') process.exit(2);
}
