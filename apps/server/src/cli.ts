#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeCsvBytes, peopleImportActionText } from '@onehall/contracts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createPeopleImport } from './modules/identity/people-import.ts';
import { describeConfig, loadConfig } from './platform/config.ts';
import { migrateToLatest, openDatabase } from './platform/db.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { startServer } from './server.ts';

const usage = `hall — OneHall command line

  hall serve            start the hall (same as npm start, without building the front ends)
  hall migrate          bring the database schema up to date
  hall seed --demo      add the demo university (idempotent)
  hall import-people FILE.csv [--commit]
                        check a people file (人员导入; UTF-8 or GBK CSV, the admin console's template);
                        with --commit, write it: all rows or none
  hall config           list the configuration variables

The database is DATABASE_URL (PostgreSQL) or the embedded one in DATA_DIR.`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { demo: { type: 'boolean' }, commit: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
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
  case 'import-people': {
    const file = positionals[1];
    if (!file) {
      console.error('hall import-people: name the CSV file');
      process.exit(2);
    }
    const csv = decodeCsvBytes(await readFile(file));
    const report = await withDatabase(async (db) => {
      await migrateToLatest(db);
      const audit = createAuditService({ db, findPeopleNames: async () => new Map() });
      return createPeopleImport({ db, audit })({ personId: null, label: 'hall cli' }, { csv, commit: values.commit === true }, { ip: null, userAgent: 'hall import-people' });
    });
    for (const problem of report.problems) console.log(`第 ${problem.line} 行${problem.column ? ` [${problem.column}]` : ''} ${problem.code}: ${problem.message}`);
    for (const change of report.changes) {
      const more = change.action === 'link' ? `（原账号 ${change.existingAccounts.join('、')}）` : change.action === 'update' ? `（${change.changedColumns.join('、')}）` : '';
      console.log(`第 ${change.line} 行 ${change.accountNo} ${change.name}: ${peopleImportActionText[change.action].zh}${more}`);
    }
    const { create, link, update, unchanged } = report.counts;
    console.log(`${report.rows} 行：新建 ${create}，关联 ${link}，更新 ${update}，无变化 ${unchanged}；问题 ${report.problems.length}`);
    console.log(report.committed ? '已导入。' : report.problems.length > 0 ? '未导入：请先改正以上问题。' : '仅检查，未导入：加 --commit 导入。');
    if (report.problems.length > 0) process.exit(1);
    break;
  }
  case 'config':
    for (const { name, description } of describeConfig()) console.log(`${name.padEnd(24)} ${description}`);
    break;
  default:
    console.log(usage);
    if (command && command !== 'help') process.exit(2);
}
