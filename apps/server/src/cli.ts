#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeCsvBytes, errorMessage, organizationImportActionText, peopleImportActionText, type OrganizationImportKind } from '@onehall/contracts';
import { createAuditService, type AuditService } from './modules/audit/audit.service.ts';
import { createIdentityService } from './modules/identity/identity.service.ts';
import { createOrganizationImport } from './modules/identity/organization-import.ts';
import { createPeopleImport } from './modules/identity/people-import.ts';
import { describeConfig, loadConfig } from './platform/config.ts';
import { createPostgresBroadcast, localBroadcast } from './platform/broadcast.ts';
import { DatabaseInUseError, migrateToLatest, openDatabase, type Db } from './platform/db.ts';
import { isAppError } from './platform/errors.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { startServer } from './server.ts';

const usage = `hall — OneHall command line

  hall serve            start the hall (same as npm start, without building the front ends)
  hall migrate          bring the database schema up to date
  hall seed --demo      add the demo university (idempotent)
  hall import-departments FILE.csv [--commit]
                        check a departments file (导入部门: 部门编码, 部门名称, 上级部门编码, 联系电话, 负责人工号);
                        with --commit, write it: all rows or none
  hall import-classes FILE.csv [--commit]
                        check a classes file (导入班级: 班级编码, 班级名称, 年级, 部门编码, 辅导员工号);
                        with --commit, write it: all rows or none
  hall import-people FILE.csv [--commit]
                        check a people file (人员导入; UTF-8 or GBK CSV, the admin console's template);
                        with --commit, write it: all rows or none
  hall grant-role ACCOUNT_NO ROLE [--department CODE]
                        give a role to the person with this 学号/工号 (授予角色), e.g. the first
                        administrator of a new installation: hall grant-role 10000001 admin
  hall config           list the configuration variables

The database is DATABASE_URL (PostgreSQL) or the embedded one in DATA_DIR.`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { demo: { type: 'boolean' }, commit: { type: 'boolean' }, department: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
const command = positionals[0];

async function withDatabase<T>(run: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir }).catch((error: unknown) => {
    // The hall has the embedded database open: say so in a line, not a stack.
    if (!(error instanceof DatabaseInUseError)) throw error;
    console.error(`hall ${command}: ${error.message}`);
    process.exit(1);
  });
  try {
    return await run(database.db);
  } finally {
    await database.close();
  }
}

/** The command line as the audit log names it. */
const cliActor = { personId: null, label: 'hall cli' };

/** An import's database (migrated first) and audit log. */
function withImportDeps<T>(run: (deps: { db: Db; audit: AuditService }) => Promise<T>): Promise<T> {
  return withDatabase(async (db) => {
    await migrateToLatest(db);
    return run({ db, audit: createAuditService({ db, findPeopleNames: async () => new Map() }) });
  });
}

/** The text of the CSV file an import command names (UTF-8, or GBK as Excel saves it). */
async function readCsvFile(name: string): Promise<string> {
  const file = positionals[1];
  if (!file) {
    console.error(`hall ${name}: name the CSV file`);
    process.exit(2);
  }
  return decodeCsvBytes(await readFile(file));
}

function printProblems(problems: readonly { line: number; column: string | null; code: string; message: string }[]): void {
  for (const problem of problems) console.log(`第 ${problem.line} 行${problem.column ? ` [${problem.column}]` : ''} ${problem.code}: ${problem.message}`);
}

/** The import's last line; a file with problems makes the command fail. */
function printVerdict(report: { committed: boolean; problems: readonly unknown[] }): void {
  console.log(report.committed ? '已导入。' : report.problems.length > 0 ? '未导入：请先改正以上问题。' : '仅检查，未导入：加 --commit 导入。');
  if (report.problems.length > 0) process.exit(1);
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
  case 'import-departments':
  case 'import-classes': {
    const kind: OrganizationImportKind = command === 'import-departments' ? 'departments' : 'classes';
    const name = `import-${kind}`;
    const csv = await readCsvFile(name);
    const report = await withImportDeps((deps) => createOrganizationImport(deps)(kind, cliActor, { csv, commit: values.commit === true }, { ip: null, userAgent: `hall ${name}` }));
    printProblems(report.problems);
    for (const change of report.changes) {
      const more = change.action === 'update' ? `（${change.changedColumns.join('、')}）` : '';
      console.log(`第 ${change.line} 行 ${change.code} ${change.name}: ${organizationImportActionText[change.action].zh}${more}`);
    }
    const { create, update, unchanged } = report.counts;
    console.log(`${report.rows} 行：新建 ${create}，更新 ${update}，无变化 ${unchanged}；问题 ${report.problems.length}`);
    printVerdict(report);
    break;
  }
  case 'import-people': {
    const csv = await readCsvFile('import-people');
    const report = await withImportDeps((deps) => createPeopleImport(deps)(cliActor, { csv, commit: values.commit === true }, { ip: null, userAgent: 'hall import-people' }));
    printProblems(report.problems);
    for (const change of report.changes) {
      const more = change.action === 'link' ? `（原账号 ${change.existingAccounts.join('、')}）` : change.action === 'update' ? `（${change.changedColumns.join('、')}）` : '';
      console.log(`第 ${change.line} 行 ${change.accountNo} ${change.name}: ${peopleImportActionText[change.action].zh}${more}`);
    }
    const { create, link, update, unchanged } = report.counts;
    console.log(`${report.rows} 行：新建 ${create}，关联 ${link}，更新 ${update}，无变化 ${unchanged}；问题 ${report.problems.length}`);
    printVerdict(report);
    break;
  }
  case 'grant-role': {
    const [accountNo, role] = positionals.slice(1);
    if (!accountNo || !role) {
      console.error('hall grant-role: name the 学号/工号 and the role, e.g. hall grant-role 10000001 admin');
      process.exit(2);
    }
    const answer = await withImportDeps(async ({ db, audit }) => {
      const config = loadConfig();
      // On PostgreSQL the running server processes are told to read this person's sessions again.
      const broadcast = config.DATABASE_URL ? createPostgresBroadcast(config.DATABASE_URL, { warn: (...args: unknown[]) => console.warn(...args) }) : localBroadcast;
      const identity = createIdentityService({ db, config, audit, broadcast });
      try {
        return await identity.roles.grant(cliActor, role, { accountNo, ...(values.department ? { departmentCode: values.department } : {}) }, { ip: null, userAgent: 'hall grant-role' });
      } catch (error) {
        if (isAppError(error)) return error;
        throw error;
      }
    });
    if (isAppError(answer)) {
      console.error(`hall grant-role: ${answer.code}: ${errorMessage(answer.code)}`);
      process.exit(1);
    }
    const holders = answer.items.find((item) => item.code === role)?.holders ?? [];
    console.log(`${role} 现由 ${holders.length} 人担任：${holders.map((h) => `${h.name}（${h.accountNo ?? '—'}${h.departmentName ? `，${h.departmentName}` : ''}）`).join('、')}`);
    break;
  }
  case 'config':
    for (const { name, description } of describeConfig()) console.log(`${name.padEnd(24)} ${description}`);
    break;
  default:
    console.log(usage);
    if (command && command !== 'help') process.exit(2);
}
