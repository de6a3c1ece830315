import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { MyCatalogDto, PersonKind } from '@onehall/contracts';
import { buildPerson, buildService, createTestHall, login, sampleData, type BuiltPerson, type TestHall } from './helpers.ts';
import { Migrator } from 'kysely/migration';
import { saveService } from '../src/modules/catalog/catalog.service.ts';
import { openDatabase } from '../src/platform/db.ts';
import { migrations } from '../src/platform/migrations/index.ts';

/**
 * 我的服务: search by name, pinyin and initials; 我的收藏; 最近使用; 热门服务;
 * and audiences (a service for teachers is neither shown to nor open to students).
 * Every test builds its own services and people; the catalog shows all of the
 * file's services, so assertions look only at the test's own.
 */
let hall: TestHall;
let approver: BuiltPerson;
beforeAll(async () => {
  hall = await createTestHall();
  approver = await buildPerson(hall.db, { kind: 'teacher', name: '审批老师' });
});
afterAll(() => hall?.close());

const process = () => ({ nodes: [{ id: 'review', type: 'approver' as const, name: '审核', assignee: { kind: 'people' as const, personIds: [approver.personId] } }] });

const service = (name: string, audiences: PersonKind[] = []) => buildService(hall.db, { name, process: process(), audiences });

/** A person of a kind with a client that speaks for them: GET, POST, PUT, DELETE with the session and its CSRF token. */
async function member(kind: PersonKind = 'student') {
  const person = await buildPerson(hall.db, { kind });
  const session = await login(hall.app, person.accountNo, person.password);
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => hall.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return {
    person,
    headers,
    get: (url: string) => call('GET', url),
    post: (url: string, payload: object = {}) => call('POST', url, payload),
    favorite: (code: string) => call('PUT', `/api/services/${code}/favorite`),
    unfavorite: (code: string) => call('DELETE', `/api/services/${code}/favorite`),
    catalog: async (q?: string): Promise<MyCatalogDto> => {
      const response = await call('GET', q === undefined ? '/api/catalog' : `/api/catalog?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      return response.json();
    },
    apply: (code: string) => call('POST', '/api/applications', { serviceCode: code, data: sampleData, idempotencyKey: randomUUID() }),
  };
}

const codesOf = (catalog: MyCatalogDto) => catalog.categories.flatMap((category) => category.services.map((s) => s.code));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('search by name, pinyin and initials', () => {
  it('finds 网站变更申请 by "wzbg", "wangzhan", "网站bg" and more; 行政 reads xingzheng and 银行 yinhang', async () => {
    const website = await service('网站变更申请');
    const car = await service('行政用车申请');
    const bank = await service('银行卡信息变更');
    const vpn = await service('VPN 账号申请');
    const ours = [website.code, car.code, bank.code, vpn.code];
    const student = await member();
    const found = async (q: string) => codesOf(await student.catalog(q)).filter((code) => ours.includes(code));

    expect(await found('wzbg')).toEqual([website.code]);
    expect(await found('WZBG')).toEqual([website.code]);
    expect(await found('wangzhan')).toEqual([website.code]);
    expect(await found('wang zhan')).toEqual([website.code]);
    expect(await found('网站bg')).toEqual([website.code]);
    expect(await found('wz变更')).toEqual([website.code]);
    expect(await found('网站')).toEqual([website.code]);
    expect(await found('biangeng')).toEqual([website.code, bank.code]); // pinyin inside the name
    expect(await found('xingzheng')).toEqual([car.code]);
    expect(await found('xzyc')).toEqual([car.code]);
    expect(await found('yinhang')).toEqual([bank.code]);
    expect(await found('yhk')).toEqual([bank.code]);
    expect(await found('vpn')).toEqual([vpn.code]);
    expect(await found('vpnzh')).toEqual([vpn.code]);
    // Initials match from the start of the name only: "zbg" is not how anyone abbreviates 网站变更.
    expect(await found('zbg')).toEqual([]);
    expect(await found('网站sq')).toEqual([]);
    // A polyphonic character's other reading still finds it (行 as hang).
    expect(await found('hangzheng')).toEqual([car.code]);
    // Punctuation is looked for as it is, not as a pattern.
    expect(await found('%')).toEqual([]);
    expect(await found('_')).toEqual([]);

    // The catalog carries the stored readings, for the H5 to filter as the person types.
    const all = (await student.catalog()).categories.flatMap((c) => c.services);
    const site = all.find((s) => s.code === website.code)!;
    expect(site.pinyin.split(' ')[0]).toBe('wangzhanbiangengshenqing');
    expect(site.initials.split(' ')[0]).toBe('wzbgsq');
    expect(all.find((s) => s.code === car.code)!.pinyin.split(' ')[0]).toBe('xingzhengyongcheshenqing');
    expect(all.find((s) => s.code === bank.code)!.pinyin.split(' ')[0]).toBe('yinhangkaxinxibiangeng');
    expect(all.find((s) => s.code === vpn.code)!.initials.split(' ')[0]).toBe('vpnzhsq');
  });

  it('stores the readings with the service and renews them when the name changes', async () => {
    const built = await service('场地借用');
    const row = await hall.db.selectFrom('service').select(['name_pinyin', 'name_initials']).where('code', '=', built.code).executeTakeFirstOrThrow();
    expect(row.name_pinyin.split(' ')[0]).toBe('changdijieyong');
    expect(row.name_initials.split(' ')[0]).toBe('cdjy');

    const current = await hall.db.selectFrom('service').selectAll().where('code', '=', built.code).executeTakeFirstOrThrow();
    await saveService(hall.db, {
      code: built.code,
      name: '会议室预约',
      categoryId: current.category_id,
      departmentId: current.department_id,
      guide: current.guide,
      formKey: current.form_key,
      processKey: current.process_key,
    });
    const student = await member();
    expect(codesOf(await student.catalog('hysyy'))).toContain(built.code);
    expect(codesOf(await student.catalog('cdjy'))).not.toContain(built.code);
  });
});

describe('我的收藏', () => {
  it('adds and removes idempotently, most recent first, and shows on the service page', async () => {
    const first = await service('邮箱申请');
    const second = await service('校园卡挂失');
    const student = await member();

    for (let n = 0; n < 2; n++) {
      const added = await student.favorite(first.code);
      expect(added.statusCode).toBe(200);
      expect(added.json()).toEqual({ code: first.code, isFavorite: true });
    }
    await pause(5);
    expect((await student.favorite(second.code)).json()).toEqual({ code: second.code, isFavorite: true });
    expect((await student.catalog()).favorites).toEqual([second.code, first.code]);
    const rows = await hall.db.selectFrom('service_favorite').select('service_id').where('person_id', '=', student.person.personId).execute();
    expect(rows).toHaveLength(2);
    expect((await student.get(`/api/services/${first.code}`)).json().isFavorite).toBe(true);

    for (let n = 0; n < 2; n++) {
      const removed = await student.unfavorite(first.code);
      expect(removed.statusCode).toBe(200);
      expect(removed.json()).toEqual({ code: first.code, isFavorite: false });
    }
    expect((await student.catalog()).favorites).toEqual([second.code]);
    expect((await student.get(`/api/services/${first.code}`)).json().isFavorite).toBe(false);

    // Someone else's favorites are their own.
    const other = await member();
    expect((await other.catalog()).favorites).toEqual([]);
  });

  it('refuses an unknown service, a write without the CSRF token, and leaves out a service taken offline', async () => {
    const student = await member();
    const unknown = await student.favorite('no-such-service');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('SERVICE_NOT_FOUND');

    const built = await service('宿舍报修');
    const forged = await hall.app.inject({ method: 'PUT', url: `/api/services/${built.code}/favorite`, headers: { cookie: student.headers.cookie } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_FAILED');

    await student.favorite(built.code);
    await hall.db.updateTable('service').set({ status: 'offline' }).where('code', '=', built.code).execute();
    expect((await student.catalog()).favorites).not.toContain(built.code);
    // It can still be taken out of 我的收藏.
    expect((await student.unfavorite(built.code)).json()).toEqual({ code: built.code, isFavorite: false });
  });
});

describe('最近使用', () => {
  it('lists what the person last opened or applied to, most recent first, once each', async () => {
    const a = await service('成绩单打印');
    const b = await service('学生证补办');
    const c = await service('缓考申请');
    const student = await member();
    expect((await student.catalog()).recent).toEqual([]);

    await student.get(`/api/services/${a.code}`);
    await pause(5);
    await student.get(`/api/services/${b.code}`);
    await pause(5);
    expect((await student.catalog()).recent).toEqual([b.code, a.code]);

    await student.get(`/api/services/${a.code}`); // opened again: first once more, and only once
    await pause(5);
    expect((await student.catalog()).recent).toEqual([a.code, b.code]);

    // Applying counts too, without opening the page (an application made elsewhere, e.g. through the API).
    expect((await student.apply(c.code)).statusCode).toBe(201);
    expect((await student.catalog()).recent).toEqual([c.code, a.code, b.code]);

    // Another person's use is not mine.
    expect((await (await member()).catalog()).recent).toEqual([]);
  });
});

describe('热门服务', () => {
  it('orders services by applications across the hall in the last 30 days', async () => {
    const busy = await service('奖学金申请');
    const quiet = await service('助学金申请');
    const old = await service('勤工助学申请');
    const unused = await service('转专业申请');
    const [one, two] = [await member(), await member()];
    for (const who of [one, two, one]) expect((await who.apply(busy.code)).statusCode).toBe(201);
    expect((await two.apply(quiet.code)).statusCode).toBe(201);
    for (let n = 0; n < 4; n++) expect((await one.apply(old.code)).statusCode).toBe(201);
    // The applications to `old` were made 31 days ago: they no longer count.
    // (submitted_at is never updated by the hall: the test moves it back with plain SQL.)
    await sql`update application set submitted_at = now() - interval '31 days' where service_id = ${old.id}`.execute(hall.db);

    const hot = (await (await member()).catalog()).hot;
    expect(hot.indexOf(busy.code)).toBeGreaterThanOrEqual(0);
    expect(hot.indexOf(busy.code)).toBeLessThan(hot.indexOf(quiet.code));
    expect(hot).not.toContain(old.code);
    expect(hot).not.toContain(unused.code);
  });
});

describe('audiences', () => {
  it('hides a service for teachers and staff from students, and refuses its page, preview, submit and 收藏 to them', async () => {
    const forStaff = await service('行政用车申请', ['teacher', 'staff']);
    const forStudents = await service('学生请假', ['student']);
    const forEveryone = await service('一卡通充值');
    const student = await member('student');
    const teacher = await member('teacher');
    const staff = await member('staff');

    expect(codesOf(await student.catalog())).toEqual(expect.arrayContaining([forStudents.code, forEveryone.code]));
    expect(codesOf(await student.catalog())).not.toContain(forStaff.code);
    expect(codesOf(await student.catalog('xzyc'))).not.toContain(forStaff.code);
    expect(codesOf(await teacher.catalog())).toEqual(expect.arrayContaining([forStaff.code, forEveryone.code]));
    expect(codesOf(await teacher.catalog())).not.toContain(forStudents.code);
    expect(codesOf(await staff.catalog())).toContain(forStaff.code);

    const refusals = [
      await student.get(`/api/services/${forStaff.code}`),
      await student.post(`/api/services/${forStaff.code}/preview`, { data: sampleData }),
      await student.apply(forStaff.code),
      await student.favorite(forStaff.code),
    ];
    for (const refused of refusals) {
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'SERVICE_NOT_FOR_AUDIENCE', message: '该服务仅面向教师、职工，您当前的身份（学生）不能查看或申请' });
    }
    expect(await hall.db.selectFrom('application').select('id').where('service_id', '=', forStaff.id).execute()).toEqual([]);

    const page = await teacher.get(`/api/services/${forStaff.code}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().audiences).toEqual(['teacher', 'staff']);
    expect((await teacher.apply(forStaff.code)).statusCode).toBe(201);
    expect((await staff.apply(forStaff.code)).statusCode).toBe(201);
    // Its applications count for 热门服务, but only those who may see it are shown it there.
    expect((await teacher.catalog()).hot).toContain(forStaff.code);
    expect((await student.catalog()).hot).not.toContain(forStaff.code);
  });

  it('keeps audiences to the known kinds of people', async () => {
    const built = await service('测试对象约束');
    await expect(sql_setAudiences(built.id, ['alumni'])).rejects.toThrow();
  });
});

/** Writes an audience straight to the table, past the types, as a faulty import might. */
function sql_setAudiences(serviceId: string, audiences: string[]) {
  return hall.db.updateTable('service').set({ audiences: audiences as PersonKind[] }).where('id', '=', serviceId).execute();
}

describe('the API document', () => {
  it('describes 我的服务 and 收藏', async () => {
    const openapi = await hall.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(openapi.statusCode).toBe(200);
    const paths = openapi.json().paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/catalog', '/api/services/{code}', '/api/services/{code}/favorite']));
    expect(Object.keys(paths['/api/services/{code}/favorite'])).toEqual(expect.arrayContaining(['put', 'delete']));
  });
});

describe('the migration', () => {
  it('gives the services that exist the readings of their names, and everyone as audience', async () => {
    // A database of its own (embedded), stopped just before the migration, with a service from before it.
    const { db, close } = await openDatabase({ dataDir: 'memory://' });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'hall_migration', migrationLockTableName: 'hall_migration_lock' });
      expect((await migrator.migrateTo('2026-11-25T0007-people-import')).error).toBeUndefined();
      const department = await db.insertInto('department').values({ code: 'D1', name: '信息中心' }).returning('id').executeTakeFirstOrThrow();
      const category = await db.insertInto('category').values({ name: '信息化服务' }).returning('id').executeTakeFirstOrThrow();
      await sql`insert into service (code, name, category_id, department_id, guide, form_key, process_key) values ('website-change', '网站变更申请', ${category.id}, ${department.id}, '{}', 'f', 'p')`.execute(db);
      expect((await migrator.migrateTo('2026-11-25T0008-catalog-personal')).error).toBeUndefined();
      const row = await db.selectFrom('service').select(['name_pinyin', 'name_initials', 'audiences']).executeTakeFirstOrThrow();
      expect(row).toEqual({ name_pinyin: 'wangzhanbiangengshenqing', name_initials: 'wzbgsq', audiences: [] });
    } finally {
      await close();
    }
  });
});
