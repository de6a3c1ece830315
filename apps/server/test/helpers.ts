import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { FormDefinitionInput } from '@onehall/forms';
import type { ProcessDefinitionInput } from '@onehall/engine';
import { buildApp } from '../src/app.ts';
import type { Services } from '../src/services.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { migrateToLatest, openDatabase, type Db } from '../src/platform/db.ts';
import type { JobHandler } from '../src/platform/jobs.ts';
import { hashPassword } from '../src/modules/identity/password.ts';
import { hashIdNumber } from '../src/modules/identity/id-number.ts';
import { readIdNumberSalt } from '../src/modules/identity/people.repository.ts';
import { createFormsService } from '../src/modules/forms/forms.service.ts';
import { createDefinitionsService } from '../src/modules/workflow/definitions.service.ts';
import { saveService } from '../src/modules/catalog/catalog.service.ts';
import type { PersonKind } from '@onehall/contracts';

/**
 * Test harness: one hall per test file on a fresh database. TEST_DB (set by
 * the vitest project) picks PGlite in memory or a new PostgreSQL database on
 * the server named by TEST_DATABASE_URL, dropped afterwards.
 */
export interface TestHall {
  app: FastifyInstance;
  db: Db;
  config: Config;
  jobHandlers: Record<string, JobHandler>;
  services: Services;
  kind: 'pglite' | 'postgres';
  /** A URL for a second connection pool (PostgreSQL only), for concurrency tests. */
  databaseUrl: string | undefined;
  close(): Promise<void>;
}

export const testDbKind = (): 'pglite' | 'postgres' => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the postgres test project');
  const name = `onehall_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }) });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // The pool's connections close asynchronously; wait for them rather than killing them (FORCE would
      // make the closing clients emit errors).
      for (let attempt = 0; ; attempt++) {
        try {
          await sql`drop database if exists ${sql.id(name)}`.execute(admin);
          break;
        } catch (error) {
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await admin.destroy();
    },
  };
}

export async function createTestHall(env: Record<string, string> = {}): Promise<TestHall> {
  const kind = testDbKind();
  const pgDatabase = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  // Factories write the directory and catalog straight to the database, so lookups are not reused unless a test asks.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WORKER_ENABLED: 'false', DATA_DIR: 'memory://', LOOKUP_CACHE_SECONDS: '0', ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : {}), ...env });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: 'memory://', poolSize: 10 });
  await migrateToLatest(database.db);
  const { app, jobHandlers, services } = await buildApp({ config, db: database.db, logger: false });
  await app.ready();
  return {
    app,
    db: database.db,
    config,
    jobHandlers,
    services,
    kind,
    databaseUrl: pgDatabase?.url,
    close: async () => {
      await app.close();
      await database.close();
      await pgDatabase?.drop();
    },
  };
}

// ── factories: each builds what it needs, so tests do not depend on each other ──

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function buildDepartment(db: Db, values: { name?: string; parentId?: string } = {}) {
  return db
    .insertInto('department')
    .values({ code: unique('D'), name: values.name ?? unique('测试部门'), parent_id: values.parentId ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface BuiltPerson {
  personId: string;
  accountNo: string;
  password: string;
  departmentId: string;
  name: string;
}

/** A person with an account whose password is already changed (unless mustChangePassword). */
export async function buildPerson(
  db: Db,
  values: { departmentId?: string; name?: string; kind?: 'student' | 'teacher' | 'staff'; roles?: { role: string; departmentId?: string }[]; mustChangePassword?: boolean; password?: string; idNumber?: string; phone?: string } = {},
): Promise<BuiltPerson> {
  const departmentId = values.departmentId ?? (await buildDepartment(db)).id;
  const password = values.password ?? 'Test-Passw0rd';
  const name = values.name ?? unique('测试');
  const person = await db
    .insertInto('person')
    .values({ name, kind: values.kind ?? 'student', department_id: departmentId, class_id: null, phone: values.phone ?? '13800138000', id_number: values.idNumber ?? null, id_number_hash: values.idNumber ? hashIdNumber(await readIdNumberSalt(db), values.idNumber) : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const accountNo = unique('A');
  await db.insertInto('account').values({ person_id: person.id, account_no: accountNo, kind: values.kind ?? 'student', password_hash: await hashPassword(password), must_change_password: values.mustChangePassword ?? false }).execute();
  for (const role of values.roles ?? []) {
    await db.insertInto('role').values({ code: role.role, name: role.role }).onConflict((oc) => oc.column('code').doNothing()).execute();
    await db.insertInto('person_role').values({ person_id: person.id, role_code: role.role, department_id: role.departmentId ?? null }).execute();
  }
  return { personId: person.id, accountNo, password, departmentId, name };
}

export async function makeHead(db: Db, departmentId: string, personId: string) {
  await db.updateTable('department').set({ head_person_id: personId }).where('id', '=', departmentId).execute();
}

export const sampleForm: FormDefinitionInput = {
  fields: [
    { key: 'siteName', type: 'text', label: '网站名称', required: true, maxLength: 50 },
    { key: 'siteUrl', type: 'url', label: '网站地址', required: true },
    { key: 'changeType', type: 'select', label: '变更类型', required: true, options: [{ value: 'content', label: '内容更新' }, { value: 'offline', label: '网站下线' }] },
    { key: 'contactPhone', type: 'phone', label: '联系电话', required: true },
  ],
};

export const sampleData = { siteName: '测试学院官网', siteUrl: 'https://test.example.edu.cn', changeType: 'content', contactPhone: '13912345678' };

/**
 * A published service with a form and a process of its own, saved as the
 * catalog saves services (with the readings of its name for search).
 */
export async function buildService(db: Db, values: { process: ProcessDefinitionInput; form?: FormDefinitionInput; departmentId?: string; name?: string; audiences?: PersonKind[] }) {
  const code = unique('svc-');
  const departmentId = values.departmentId ?? (await buildDepartment(db)).id;
  const category = await db.insertInto('category').values({ name: unique('分类') }).returning('id').executeTakeFirstOrThrow();
  const forms = createFormsService({ db });
  await forms.publish(code, values.form ?? sampleForm);
  await createDefinitionsService({ db, forms }).publish(code, values.process);
  const id = await saveService(db, {
    code,
    name: values.name ?? unique('测试服务'),
    categoryId: category.id,
    departmentId,
    guide: { purpose: '测试', audience: '全体', materials: [], timeLimit: '1 天', process: '审批', departmentName: '测试部门', contactPhone: '029-1' },
    formKey: code,
    processKey: code,
    audiences: values.audiences ?? [],
  });
  return { code, id, categoryId: category.id };
}

// ── HTTP helpers ──

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(app: FastifyInstance, accountNo: string, password: string): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo, password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'hall_sid');
  return { cookie: `hall_sid=${cookie!.value}`, csrf: response.json().csrfToken };
}

/** A small client bound to a session: GET, POST and PUT with the cookie and the CSRF token. */
export function client(app: FastifyInstance, session: Session) {
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  return {
    get: (url: string): Promise<LightMyRequestResponse> => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload: object = {}): Promise<LightMyRequestResponse> => app.inject({ method: 'POST', url, headers, payload }),
    put: (url: string, payload: object): Promise<LightMyRequestResponse> => app.inject({ method: 'PUT', url, headers, payload }),
  };
}
