import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, sampleData, type TestHall } from './helpers.ts';

let hall: TestHall;
let admin: ReturnType<typeof client>;
let adminAccountNo: string;

beforeAll(async () => {
  // Lookups kept for a minute, as in production: a committed import must still show in this process at once.
  hall = await createTestHall({ LOOKUP_CACHE_SECONDS: '60' });
  const adminPerson = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
  adminAccountNo = adminPerson.accountNo;
  admin = client(hall.app, await login(hall.app, adminPerson.accountNo, adminPerson.password));
});
afterAll(() => hall.close());

let serial = 0;
/** A code prefix no other test uses. */
const prefix = () => `T${(serial++).toString(36).toUpperCase()}${Date.now().toString(36).slice(-4).toUpperCase()}`;
const departmentsCsv = (...lines: string[]) => `部门编码,部门名称,上级部门编码,联系电话,负责人工号\n${lines.join('\n')}\n`;
const classesCsv = (...lines: string[]) => `班级编码,班级名称,年级,部门编码,辅导员工号\n${lines.join('\n')}\n`;
const importOrganization = (kind: 'departments' | 'classes', csv: string, commit: boolean) => admin.post(`/api/admin/organization/${kind}/import`, { csv, commit });
const department = (code: string) => hall.db.selectFrom('department').selectAll().where('code', '=', code).executeTakeFirst();
const departmentById = (id: string | null) => (id ? hall.db.selectFrom('department').select('code').where('id', '=', id).executeTakeFirstOrThrow().then((row) => row.code) : null);
const classRow = (code: string) => hall.db.selectFrom('class').selectAll().where('code', '=', code).executeTakeFirst();

describe('departments import (导入部门)', () => {
  it('creates a tree (a child may come before its parent) with heads, writes nothing on the check, all on the import, and updates only what a row fills', async () => {
    const p = prefix();
    const head = await buildPerson(hall.db, { kind: 'teacher', name: '院长甲' });
    const file = departmentsCsv(
      `${p}-JSJ,计算机学院,${p}-XX,029-88880001,${head.accountNo}`,
      `${p}-XX,信息学部,,,`,
      `${p}-RJ,软件系,${p}-JSJ,,`,
    );
    const checked = await importOrganization('departments', file, false);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toEqual({
      committed: false,
      rows: 3,
      counts: { create: 3, update: 0, unchanged: 0 },
      problems: [],
      changes: [
        { line: 2, code: `${p}-JSJ`, name: '计算机学院', action: 'create', changedColumns: [] },
        { line: 3, code: `${p}-XX`, name: '信息学部', action: 'create', changedColumns: [] },
        { line: 4, code: `${p}-RJ`, name: '软件系', action: 'create', changedColumns: [] },
      ],
    });
    expect(await department(`${p}-JSJ`)).toBeUndefined();

    const done = await importOrganization('departments', file, true);
    expect(done.json()).toMatchObject({ committed: true, counts: { create: 3, update: 0, unchanged: 0 }, problems: [] });
    const jsj = (await department(`${p}-JSJ`))!;
    expect(jsj).toMatchObject({ name: '计算机学院', phone: '029-88880001', head_person_id: head.personId });
    expect(await departmentById(jsj.parent_id)).toBe(`${p}-XX`);
    expect(await departmentById((await department(`${p}-RJ`))!.parent_id)).toBe(`${p}-JSJ`);
    expect((await department(`${p}-XX`))!.parent_id).toBeNull();

    // Again: nothing changes. Then a new name and a new head; the empty cells leave phone and parent as they are.
    expect((await importOrganization('departments', file, true)).json()).toMatchObject({ committed: true, counts: { create: 0, update: 0, unchanged: 3 } });
    const newHead = await buildPerson(hall.db, { kind: 'teacher', name: '院长乙' });
    const renamed = await importOrganization('departments', departmentsCsv(`${p}-JSJ,计算机科学与技术学院,,,${newHead.accountNo}`), true);
    expect(renamed.json()).toMatchObject({ committed: true, counts: { create: 0, update: 1, unchanged: 0 }, changes: [{ line: 2, action: 'update', changedColumns: ['部门名称', '负责人工号'] }] });
    expect(await department(`${p}-JSJ`)).toMatchObject({ name: '计算机科学与技术学院', phone: '029-88880001', head_person_id: newHead.personId, parent_id: jsj.parent_id });

    // Audited, by whom and with the figures.
    const audit = await hall.db.selectFrom('audit_log').select(['actor_label', 'detail']).where('action', '=', 'departmentsImported').orderBy('id').execute();
    expect(audit.map((row) => [row.actor_label, row.detail])).toEqual([
      [adminAccountNo, { rows: 3, create: 3, update: 0, unchanged: 0 }],
      [adminAccountNo, { rows: 3, create: 0, update: 0, unchanged: 3 }],
      [adminAccountNo, { rows: 1, create: 0, update: 1, unchanged: 0 }],
    ]);

    // The console's view: parents before children, with the head by name and number.
    const view = await admin.get('/api/admin/organization');
    expect(view.statusCode).toBe(200);
    const mine = (view.json().departments as { code: string; parentCode: string | null; head: { name: string; accountNo: string } | null }[]).filter((d) => d.code.startsWith(p));
    expect(mine.map((d) => [d.code, d.parentCode, d.head?.name ?? null])).toEqual([
      [`${p}-XX`, null, null],
      [`${p}-JSJ`, `${p}-XX`, '院长乙'],
      [`${p}-RJ`, `${p}-JSJ`, null],
    ]);
    expect(mine[1]!.head!.accountNo).toBe(newHead.accountNo);
  });

  it('names every problem by line and column, and writes nothing when there is one', async () => {
    const p = prefix();
    const top = await importOrganization('departments', departmentsCsv(`${p}-A,甲部,,,`, `${p}-B,乙部,${p}-A,,`), true);
    expect(top.json().committed).toBe(true);
    const left = await buildPerson(hall.db, { kind: 'staff' });
    await hall.db.updateTable('account').set({ status: 'disabled' }).where('account_no', '=', left.accountNo).execute();
    const file = departmentsCsv(
      `${p}-A,甲部,${p}-B,,`, // A under B, and B is under A: a cycle
      `${p}-C,丙部,${p}-C,,`,
      `${p}-D,丁部,${p}-NONE,,`,
      `${p}-E,戊部,,电话号码,`,
      `${p}-F,己部,,,NOSUCH01`,
      `${p}-G,庚部,,,${left.accountNo}`,
      `bad code!,辛部,,,`,
      `${p}-H,,,,`,
      `${p}-I,壬部,,,`,
      `${p}-I,壬部again,,,`,
      `${p}-NEW,新部门,,,`,
    );
    const checked = await importOrganization('departments', file, true);
    expect(checked.statusCode).toBe(200);
    expect(checked.json().committed).toBe(false);
    expect(checked.json().problems.map((problem: { line: number; column: string | null; code: string }) => [problem.line, problem.column, problem.code])).toEqual([
      [2, '上级部门编码', 'PARENT_CYCLE'],
      [3, '上级部门编码', 'PARENT_SELF'],
      [4, '上级部门编码', 'PARENT_UNKNOWN'],
      [5, '联系电话', 'PHONE_INVALID'],
      [6, '负责人工号', 'ACCOUNT_UNKNOWN'],
      [7, '负责人工号', 'ACCOUNT_DISABLED'],
      [8, '部门编码', 'CODE_INVALID'],
      [9, '部门名称', 'NAME_REQUIRED'],
      [11, '部门编码', 'DUPLICATE_CODE'],
    ]);
    expect(checked.json().problems[0].message).toBe(`上级部门形成循环：${p}-A → ${p}-B → ${p}-A`);
    expect(checked.json().problems[4].message).toBe('没有学号/工号为“NOSUCH01”的账号：请先导入该人员，或检查工号');
    expect(await department(`${p}-NEW`)).toBeUndefined();
    expect((await department(`${p}-A`))!.parent_id).toBeNull();

    // A file that is not the template, and one with only its header.
    const wrong = await importOrganization('departments', '编号,名字\nX,Y\n', false);
    expect(wrong.json().problems.map((problem: { code: string; column: string }) => [problem.code, problem.column])).toEqual([
      ['MISSING_COLUMN', '部门编码'],
      ['MISSING_COLUMN', '部门名称'],
    ]);
    expect((await importOrganization('departments', departmentsCsv(), false)).json().problems).toEqual([
      { line: 1, column: null, code: 'NO_ROWS', message: '文件中没有数据：第一行为表头，从第二行起每行一个部门' },
    ]);
  });

  it('is for administrators only', async () => {
    const someone = await buildPerson(hall.db, { kind: 'teacher' });
    const api = client(hall.app, await login(hall.app, someone.accountNo, someone.password));
    expect((await api.post('/api/admin/organization/departments/import', { csv: departmentsCsv('X1,某部,,,'), commit: true })).statusCode).toBe(403);
    expect((await api.get('/api/admin/organization')).statusCode).toBe(403);
    expect((await admin.post('/api/admin/organization/roles/import', { csv: 'x', commit: false })).statusCode).toBe(400);
  });
});

describe('classes import (导入班级)', () => {
  it('creates classes in imported departments with their counsellors, whom a counsellor step then asks at once; a class with students keeps its department', async () => {
    const p = prefix();
    const counsellor = await buildPerson(hall.db, { kind: 'teacher', name: '辅导员甲' });
    const other = await buildPerson(hall.db, { kind: 'teacher', name: '辅导员乙' });
    expect((await importOrganization('departments', departmentsCsv(`${p}-JSJ,计算机学院,,,`, `${p}-WX,文学院,,,`), true)).json().committed).toBe(true);

    const file = classesCsv(`${p}-2601,计科 2601 班,2026,${p}-JSJ,${counsellor.accountNo}`, `${p}-2602,计科 2602 班,2026,${p}-JSJ,`);
    const checked = await importOrganization('classes', file, false);
    expect(checked.json()).toMatchObject({ committed: false, counts: { create: 2, update: 0, unchanged: 0 }, problems: [] });
    expect(await classRow(`${p}-2601`)).toBeUndefined();
    expect((await importOrganization('classes', file, true)).json().committed).toBe(true);
    const jsj = (await department(`${p}-JSJ`))!;
    expect(await classRow(`${p}-2601`)).toMatchObject({ name: '计科 2601 班', grade: '2026', department_id: jsj.id, counsellor_person_id: counsellor.personId });

    // The people import takes the new codes.
    const people = await admin.post('/api/admin/people/import', { csv: `学号/工号,姓名,部门编码,班级编码\n${counsellor.accountNo},辅导员甲,${p}-JSJ,\n`, commit: false });
    expect(people.json().problems).toEqual([]);

    // A student of the class applies: the counsellor step goes to the class's counsellor.
    const student = await buildPerson(hall.db, { kind: 'student', departmentId: jsj.id });
    const cls = (await classRow(`${p}-2601`))!;
    await hall.db.updateTable('person').set({ class_id: cls.id }).where('id', '=', student.personId).execute();
    const service = await buildService(hall.db, { process: { nodes: [{ id: 'c', type: 'approver', name: '辅导员审批', assignee: { kind: 'counsellor' } }] } });
    const studentApi = client(hall.app, await login(hall.app, student.accountNo, student.password));
    const assigneeOfNewApplication = async (key: string) => {
      const sent = await studentApi.post('/api/applications', { serviceCode: service.code, data: sampleData, idempotencyKey: `${p}-${key}` });
      expect(sent.statusCode, sent.body).toBe(201);
      const task = await hall.db.selectFrom('task').select('assignee_person_id').where('application_id', '=', sent.json().id).executeTakeFirstOrThrow();
      return task.assignee_person_id;
    };
    expect(await assigneeOfNewApplication('first')).toBe(counsellor.personId);

    // A new counsellor for the class: the next application goes to them, though lookups are kept for a minute.
    const changed = await importOrganization('classes', classesCsv(`${p}-2601,计科 2601 班,,,${other.accountNo}`), true);
    expect(changed.json()).toMatchObject({ committed: true, counts: { update: 1 }, changes: [{ action: 'update', changedColumns: ['辅导员工号'] }] });
    expect(await assigneeOfNewApplication('second')).toBe(other.personId);

    // The class has a student now: it cannot move to 文学院. The empty one can.
    const moved = await importOrganization('classes', classesCsv(`${p}-2601,计科 2601 班,,${p}-WX,`, `${p}-2602,计科 2602 班,,${p}-WX,`), true);
    expect(moved.json().committed).toBe(false);
    expect(moved.json().problems).toEqual([
      { line: 2, column: '部门编码', code: 'CLASS_HAS_PEOPLE', message: `班级“${p}-2601”已有 1 人，不能改到其他部门：请先调整这些学生的班级` },
    ]);
    expect((await importOrganization('classes', classesCsv(`${p}-2602,计科 2602 班,,${p}-WX,`), true)).json().committed).toBe(true);
    expect((await classRow(`${p}-2602`))!.department_id).toBe((await department(`${p}-WX`))!.id);

    // The view lists each department's classes with counsellor and head count.
    const view = (await admin.get('/api/admin/organization')).json() as { departments: { code: string; people: number; classes: { code: string; people: number; counsellor: { name: string } | null }[] }[] };
    const computing = view.departments.find((d) => d.code === `${p}-JSJ`)!;
    expect(computing.people).toBe(1);
    expect(computing.classes.map((c) => [c.code, c.people, c.counsellor?.name ?? null])).toEqual([[`${p}-2601`, 1, '辅导员乙']]);
  });

  it('refuses a new class without a department, an unknown department, a long grade and an unknown counsellor', async () => {
    const p = prefix();
    await buildDepartment(hall.db);
    const checked = await importOrganization('classes', classesCsv(`${p}-1,一班,2026,,`, `${p}-2,二班,2026,${p}-NONE,`, `${p}-3,三班,${'年'.repeat(21)},,`, `${p}-4,四班,,,NOSUCH02`), true);
    expect(checked.json().committed).toBe(false);
    expect(checked.json().problems.map((problem: { line: number; code: string }) => [problem.line, problem.code])).toEqual([
      [2, 'DEPARTMENT_REQUIRED'],
      [3, 'DEPARTMENT_UNKNOWN'],
      [4, 'GRADE_TOO_LONG'],
      [5, 'ACCOUNT_UNKNOWN'],
    ]);
    expect(await classRow(`${p}-1`)).toBeUndefined();
  });
});

describe('editing one department or class (组织机构 › 编辑)', () => {
  it('sets every field, an empty one clearing it; refuses a cycle, an unknown person and a class with students moved, naming the field', async () => {
    const p = prefix();
    const head = await buildPerson(hall.db, { kind: 'teacher', name: '新院长' });
    expect((await importOrganization('departments', departmentsCsv(`${p}-U,某大学,,,`, `${p}-C,某学院,${p}-U,029-1,`, `${p}-S,某系,${p}-C,,`), true)).json().committed).toBe(true);
    const edit = (code: string, body: object) => admin.put(`/api/admin/organization/departments/${code}`, body);

    const done = await edit(`${p}-C`, { name: '某某学院', parentCode: `${p}-U`, phone: null, headAccountNo: head.accountNo });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().departments.find((d: { code: string }) => d.code === `${p}-C`)).toMatchObject({ name: '某某学院', parentCode: `${p}-U`, phone: null, head: { name: '新院长' } });
    // Its head cleared, and made top-level.
    expect((await edit(`${p}-C`, { name: '某某学院', parentCode: null, phone: null, headAccountNo: null })).json().departments.find((d: { code: string }) => d.code === `${p}-C`)).toMatchObject({ parentCode: null, head: null });

    const refused = await edit(`${p}-C`, { name: '某某学院', parentCode: `${p}-S`, phone: '029-2', headAccountNo: 'NOSUCH03' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([
      { key: 'parentCode', code: 'PARENT_CYCLE', message: `上级部门形成循环：${p}-C → ${p}-S → ${p}-C` },
      { key: 'headAccountNo', code: 'ACCOUNT_UNKNOWN', message: '没有学号/工号为“NOSUCH03”的账号：请先导入该人员，或检查工号' },
    ]);
    expect((await department(`${p}-C`))!.phone).toBeNull();
    expect((await edit(`${p}-NONE`, { name: 'x', parentCode: null, phone: null, headAccountNo: null })).json().error.code).toBe('DEPARTMENT_NOT_FOUND');
    expect((await edit(`${p}-C`, { name: '', parentCode: null, phone: 'abc', headAccountNo: null })).json().error.code).toBe('VALIDATION_FAILED');

    // A class: its counsellor set, then cleared; with a student in it, it stays in its department.
    expect((await importOrganization('classes', classesCsv(`${p}-K1,一班,2026,${p}-C,`), true)).json().committed).toBe(true);
    const editClass = (body: object) => admin.put(`/api/admin/organization/classes/${p}-K1`, body);
    const counsellor = await buildPerson(hall.db, { kind: 'teacher', name: '新辅导员' });
    expect((await editClass({ name: '一班', grade: '2026', departmentCode: `${p}-C`, counsellorAccountNo: counsellor.accountNo })).statusCode).toBe(200);
    expect((await classRow(`${p}-K1`))!.counsellor_person_id).toBe(counsellor.personId);
    const student = await buildPerson(hall.db, { departmentId: (await department(`${p}-C`))!.id });
    await hall.db.updateTable('person').set({ class_id: (await classRow(`${p}-K1`))!.id }).where('id', '=', student.personId).execute();
    const moved = await editClass({ name: '一班', grade: null, departmentCode: `${p}-S`, counsellorAccountNo: null });
    expect(moved.json().error.fields).toEqual([{ key: 'departmentCode', code: 'CLASS_HAS_PEOPLE', message: '班级已有 1 人，不能改到其他部门：请先调整这些学生的班级' }]);
    expect((await classRow(`${p}-K1`))!.counsellor_person_id).toBe(counsellor.personId);
    expect((await editClass({ name: '一班（更名）', grade: null, departmentCode: `${p}-C`, counsellorAccountNo: null })).statusCode).toBe(200);
    expect(await classRow(`${p}-K1`)).toMatchObject({ name: '一班（更名）', grade: null, counsellor_person_id: null });

    const audit = await hall.db.selectFrom('audit_log').select(['action', 'target']).where('target', 'in', [`department:${p}-C`, `class:${p}-K1`]).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['departmentChanged', 'departmentChanged', 'classChanged', 'classChanged']);
  });
});
