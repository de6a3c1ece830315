import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../src/modules/identity/id-number.ts';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, sampleData, type TestHall } from './helpers.ts';

let hall: TestHall;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  hall = await createTestHall();
  const adminPerson = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
  admin = client(hall.app, await login(hall.app, adminPerson.accountNo, adminPerson.password));
});
afterAll(() => hall.close());

let serial = 100;
/** A fresh, valid resident ID number (GB 11643 check character). */
function idNumber(): string {
  const first17 = `11010120060101${String(serial++).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
const unique = () => `${Date.now().toString(36).slice(-5)}${serial++}`.toUpperCase();
const csv = (...lines: string[]) => `学号/工号,姓名,类别,部门编码,班级编码,手机号,身份证号,邮箱\n${lines.join('\n')}\n`;
const importPeople = (text: string, commit: boolean) => admin.post('/api/admin/people/import', { csv: text, commit });
const countPeople = async () => Number((await hall.db.selectFrom('person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('people import (人员导入)', () => {
  it('creates people, links a new number to the person with the same ID number, updates changed people; the check writes nothing, the import writes all', async () => {
    const department = await buildDepartment(hall.db, { name: '预科部' });
    const college = await buildDepartment(hall.db, { name: '计算机学院' });
    const cls = await hall.db.insertInto('class').values({ code: `C${unique()}`, name: '计科2601', grade: '2026', department_id: college.id }).returning(['id', 'code']).executeTakeFirstOrThrow();
    const preId = idNumber();
    const pre = await buildPerson(hall.db, { name: '预科生甲', departmentId: department.id, idNumber: preId });
    const stays = await buildPerson(hall.db, { name: '老生乙', departmentId: college.id, phone: '13900000001' });
    const service = await buildService(hall.db, { process: { nodes: [{ id: 'a', type: 'approver', name: '审核', assignee: { kind: 'applicant' } }] } });
    const sent = await client(hall.app, await login(hall.app, pre.accountNo, pre.password)).post('/api/applications', { serviceCode: service.code, data: sampleData, idempotencyKey: `import-${pre.accountNo}` });
    expect(sent.statusCode).toBe(201);

    const newNo = `B${unique()}`;
    const freshNo = `S${unique()}`;
    const freshId = idNumber();
    const file = csv(
      `${newNo},预科生甲,本科生,${college.code},${cls.code},13700000002,${preId.toLowerCase()},`,
      `${freshNo},新生丙,学生,,${cls.code},13700000003,${freshId},bing@example.edu.cn`,
      `${stays.accountNo},老生乙,,,,13900000009,,`,
      `${pre.accountNo},预科生甲,,,,,,`,
    );
    const before = await countPeople();
    const checked = await importPeople(file, false);
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ committed: false, rows: 4, counts: { create: 1, link: 1, update: 1, unchanged: 1 }, problems: [] });
    expect(checked.json().changes).toEqual([
      { line: 2, accountNo: newNo, name: '预科生甲', action: 'link', existingAccounts: [pre.accountNo], changedColumns: ['部门编码', '班级编码', '手机号'] },
      { line: 3, accountNo: freshNo, name: '新生丙', action: 'create', existingAccounts: [], changedColumns: [] },
      { line: 4, accountNo: stays.accountNo, name: '老生乙', action: 'update', existingAccounts: [], changedColumns: ['手机号'] },
    ]);
    expect(await countPeople()).toBe(before);
    expect(await hall.db.selectFrom('account').select('id').where('account_no', 'in', [newNo, freshNo]).execute()).toEqual([]);

    const done = await importPeople(file, true);
    expect(done.json()).toMatchObject({ committed: true, counts: { create: 1, link: 1, update: 1, unchanged: 1 }, problems: [] });
    expect(await countPeople()).toBe(before + 1);

    // The new number belongs to the same person: it logs in with the initial password (last 8 of the ID number) and finds the old application.
    const linked = await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: newNo, password: preId.slice(-8) } });
    expect(linked.json()).toMatchObject({ personId: pre.personId, name: '预科生甲', mustChangePassword: true, departmentName: '计算机学院', className: '计科2601' });
    const renewed = client(hall.app, await login(hall.app, newNo, preId.slice(-8)));
    expect((await renewed.post('/api/auth/password', { oldPassword: preId.slice(-8), newPassword: 'Ben#Ke2026x' })).statusCode).toBe(200);
    expect((await renewed.get('/api/applications/sent')).json().items.map((i: { id: string }) => i.id)).toEqual([sent.json().id]);
    expect((await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: newNo, password: preId.slice(-8) } })).json().error.code).toBe('INVALID_CREDENTIALS');

    // The new person: department from the class, ID number stored with its hash; a wrong initial password counts as a failure.
    const fresh = await hall.db.selectFrom('account as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['p.department_id', 'p.class_id', 'p.email', 'p.id_number_hash', 'a.must_change_password']).where('a.account_no', '=', freshNo).executeTakeFirstOrThrow();
    expect(fresh).toMatchObject({ department_id: college.id, class_id: cls.id, email: 'bing@example.edu.cn', must_change_password: true });
    expect(fresh.id_number_hash).toMatch(/^[\w-]{43}$/);
    expect((await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: freshNo, password: freshId.slice(-7) + '0' } })).json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', attemptsLeft: 4 } });
    expect((await hall.db.selectFrom('person').select('phone').where('id', '=', stays.personId).executeTakeFirstOrThrow()).phone).toBe('13900000009');

    // Running the same file again changes nothing.
    expect((await importPeople(file, true)).json()).toMatchObject({ committed: true, counts: { create: 0, link: 0, update: 0, unchanged: 4 }, changes: [] });
    const audit = await hall.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'peopleImported').orderBy('id').execute();
    expect(audit.map((a) => a.detail)).toEqual([
      { rows: 4, create: 1, link: 1, update: 1, unchanged: 1 },
      { rows: 4, create: 0, link: 0, update: 0, unchanged: 4 },
    ]);
  });

  it('names every problem by line and column, and a file with any problem writes nothing', async () => {
    const department = await buildDepartment(hall.db);
    const taken = await buildPerson(hall.db, { idNumber: idNumber() });
    const takenId = (await hall.db.selectFrom('person').select('id_number').where('id', '=', taken.personId).executeTakeFirstOrThrow()).id_number!;
    const other = await buildPerson(hall.db, { idNumber: idNumber() });
    const good = `G${unique()}`;
    const twin = idNumber();
    const file = csv(
      `${good},好人,学生,${department.code},,,${idNumber()},`,
      `${good},重复,学生,,,,${idNumber()},`,
      `ab,短号,学生,,,,${idNumber()},`,
      `N${unique()},,学生,,,,${idNumber()},`,
      `N${unique()},类别错,学者,NOPE,NOCLASS,1380000,110101200601019999,not-an-email`,
      `N${unique()},没身份证,学生,,,,,`,
      `${other.accountNo},换证,,,,,${takenId},`,
      `N${unique()},双胞胎,学生,,,,${twin},`,
      `N${unique()},双胞胎二号,学生,,,,${twin},`,
    );
    const before = await countPeople();
    const report = (await importPeople(file, true)).json();
    expect(report.committed).toBe(false);
    expect(report.problems.map((p: { line: number; column: string | null; code: string }) => `${p.line}:${p.column}:${p.code}`)).toEqual([
      '3:学号/工号:DUPLICATE_ACCOUNT',
      '4:学号/工号:ACCOUNT_NO_INVALID',
      '5:姓名:NAME_REQUIRED',
      '6:类别:KIND_INVALID',
      '6:部门编码:DEPARTMENT_UNKNOWN',
      '6:班级编码:CLASS_UNKNOWN',
      '6:手机号:PHONE_INVALID',
      '6:证件号码:ID_NUMBER_INVALID',
      '6:邮箱:EMAIL_INVALID',
      '7:证件号码:ID_NUMBER_REQUIRED',
      '8:证件号码:ID_NUMBER_MISMATCH',
    ]);
    expect(report.problems.find((p: { code: string }) => p.code === 'DUPLICATE_ACCOUNT').message).toBe('与第 2 行的学号/工号重复');
    // Two new numbers with one ID number are one person with two accounts (linked to the first row's new person).
    expect(report.counts).toMatchObject({ create: 2, link: 1 });
    expect(await countPeople()).toBe(before);
  });

  it('an account with no ID number yet gets one, unless it belongs to someone else; one ID number on two people is never guessed', async () => {
    const holder = await buildPerson(hall.db, { name: '持证人', idNumber: idNumber() });
    const holderId = (await hall.db.selectFrom('person').select('id_number').where('id', '=', holder.personId).executeTakeFirstOrThrow()).id_number!;
    const blank = await buildPerson(hall.db, { name: '无证人' });
    const refused = (await importPeople(csv(`${blank.accountNo},无证人,,,,,${holderId},`), true)).json();
    expect(refused.problems).toEqual([{ line: 2, column: '证件号码', code: 'ID_NUMBER_TAKEN', message: `该证件号码已属于另一人员（持证人，${holder.accountNo}）` }]);

    const ownId = idNumber();
    expect((await importPeople(csv(`${blank.accountNo},无证人,,,,,${ownId},`), true)).json()).toMatchObject({ committed: true, counts: { update: 1 }, changes: [{ changedColumns: ['证件号码'] }] });
    const linkedNo = `L${unique()}`;
    expect((await importPeople(csv(`${linkedNo},无证人,职工,,,,${ownId},`), true)).json()).toMatchObject({ committed: true, changes: [{ action: 'link', existingAccounts: [blank.accountNo], changedColumns: ['类别'] }] });

    // Dirty data from before the import: two people with one ID number.
    const dupId = idNumber();
    await buildPerson(hall.db, { idNumber: dupId });
    await buildPerson(hall.db, { idNumber: dupId });
    expect((await importPeople(csv(`Q${unique()},某人,学生,,,,${dupId},`), false)).json().problems).toMatchObject([{ code: 'ID_NUMBER_AMBIGUOUS' }]);
  });

  it('reads the header by its aliases, refuses a file without the required columns or with broken quotes', async () => {
    const no = `H${unique()}`;
    const aliased = `\uFEFF序号,工号,name,人员类别,证件号\r\n1,${no},别名,教师,${idNumber()}\r\n`;
    expect((await importPeople(aliased, false)).json()).toMatchObject({ problems: [], counts: { create: 1 }, changes: [{ accountNo: no, name: '别名' }] });
    expect((await importPeople('姓名,手机号\n张三,13800000000\n', false)).json().problems).toEqual([{ line: 1, column: '学号/工号', code: 'MISSING_COLUMN', message: '缺少“学号/工号”列：请使用导入模板的表头' }]);
    expect((await importPeople(csv(`"X${unique()},坏引号,学生`), false)).json().problems).toMatchObject([{ code: 'CSV_MALFORMED' }]);
    expect((await importPeople('学号/工号,姓名\n', false)).json().problems).toMatchObject([{ code: 'NO_ROWS' }]);
    expect((await importPeople('', false)).statusCode).toBe(400);
  });

  it('an international student with a passport, and a Hong Kong student with a travel permit: imported, masked, logging in with its last 8, found again by it at a new number', async () => {
    const department = await buildDepartment(hall.db, { name: '国际教育学院' });
    const passport = `E${String(serial++).padStart(8, '0')}`;
    const permit = `H${String(serial++).padStart(8, '0')}`;
    const alice = `I${unique()}`;
    const header = '学号/工号,姓名,类别,部门编码,证件类型,证件号码\n';
    const file = `${header}${alice},Alice Martin,学生,${department.code},护照,${passport.toLowerCase()}\nK${unique()},陈港生,学生,${department.code},港澳通行证,${permit}\n`;
    const done = (await importPeople(file, true)).json();
    expect(done).toMatchObject({ committed: true, counts: { create: 2 }, problems: [] });
    const stored = await hall.db.selectFrom('person').select(['id', 'id_type', 'id_number']).where('id_number', 'in', [passport, permit]).orderBy('id_number').execute();
    expect(stored.map((row) => [row.id_type, row.id_number])).toEqual([
      ['passport', passport],
      ['hkMacaoPermit', permit],
    ]);
    // Masked to its first and last two; the list says which document it is.
    const listed = (await admin.get(`/api/admin/people?q=${alice}`)).json().items[0];
    expect(listed).toMatchObject({ name: 'Alice Martin', idType: 'passport', idNumber: `E******${passport.slice(-2)}` });
    // The initial password is the last 8 of the passport number.
    const first = await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: alice, password: passport.slice(-8) } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ mustChangePassword: true });

    // A master's number a year later: the same passport finds her, the same number under another document does not.
    const master = `M${unique()}`;
    const again = (await importPeople(`${header}${master},Alice Martin,学生,,护照,${passport}\nT${unique()},同号不同证,学生,,台胞证,${passport.slice(1)}\n`, false)).json();
    expect(again.problems).toEqual([]);
    expect(again.changes).toMatchObject([
      { accountNo: master, action: 'link', existingAccounts: [alice] },
      { action: 'create' },
    ]);

    // Wrong forms are named with the document's rule; a type without a number, or an unknown type, too.
    const wrong = (await importPeople(`${header}W${unique()},甲,学生,,护照,E1\nW${unique()},乙,学生,,港澳通行证,X12345678\nW${unique()},丙,学生,,居留证,X1\nW${unique()},丁,学生,,护照,\n`, false)).json();
    expect(wrong.problems.map((p: { line: number; column: string; code: string; message: string }) => [p.line, p.column, p.code, p.message])).toEqual([
      [2, '证件号码', 'ID_NUMBER_INVALID', '护照号码不正确（5–17 位字母或数字）'],
      [3, '证件号码', 'ID_NUMBER_INVALID', '港澳居民来往内地通行证号码不正确（H 或 M 开头，后跟 8 位或 10 位数字）'],
      [4, '证件类型', 'ID_TYPE_INVALID', '证件类型应为 居民身份证、护照、港澳居民来往内地通行证、台湾居民来往大陆通行证、外国人永久居留身份证 之一'],
      [5, '证件号码', 'ID_NUMBER_REQUIRED', '填写了证件类型，请同时填写证件号码'],
    ]);
  });

  it('is for administrators only', async () => {
    const person = await buildPerson(hall.db);
    const api = client(hall.app, await login(hall.app, person.accountNo, person.password));
    expect((await api.post('/api/admin/people/import', { csv: csv(`Z${unique()},某,学生,,,,${idNumber()},`), commit: true })).statusCode).toBe(403);
    expect((await api.get('/api/admin/people')).statusCode).toBe(403);
  });
});

describe('the administrators’ people list', () => {
  it('finds people by part of the name or the start of an account number, masks phone and ID number, pages newest first', async () => {
    const department = await buildDepartment(hall.db, { name: '档案馆' });
    const people = [];
    for (const n of [1, 2, 3]) people.push(await buildPerson(hall.db, { name: `档案员${n}号`, departmentId: department.id, phone: '13812345678', idNumber: idNumber() }));
    const found = (await admin.get(`/api/admin/people?q=${encodeURIComponent('档案员')}&limit=2`)).json();
    expect(found.items.map((p: { name: string }) => p.name)).toEqual(['档案员3号', '档案员2号']);
    expect(found.items[0]).toMatchObject({ departmentName: '档案馆', phone: '138****5678', accounts: [{ accountNo: people[2]!.accountNo, status: 'active' }] });
    expect(found.items[0].idNumber).toMatch(/^110\*{11}\d{3}[\dX]$/);
    const next = (await admin.get(`/api/admin/people?q=${encodeURIComponent('档案员')}&limit=2&cursor=${found.nextCursor}`)).json();
    expect(next).toMatchObject({ items: [{ name: '档案员1号' }], nextCursor: null });
    expect((await admin.get(`/api/admin/people?q=${people[0]!.accountNo}`)).json().items.map((p: { personId: string }) => p.personId)).toEqual([people[0]!.personId]);
    // LIKE wildcards are text, not patterns.
    expect((await admin.get(`/api/admin/people?q=${encodeURIComponent('%')}`)).json().items).toEqual([]);
    expect((await admin.get('/api/admin/people?cursor=not-a-cursor')).json().error.code).toBe('VALIDATION_FAILED');
  });
});
