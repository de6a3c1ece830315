import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar, type FormDefinitionInput } from '@onehall/forms';
import { computeNameReadings } from '../src/modules/catalog/catalog.pinyin.ts';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, makeHead, type BuiltPerson, type Session, type TestHall } from './helpers.ts';
import { pdf, png } from './sample-files.ts';

/**
 * Every field type through HTTP: a submit with a value of each, normalised
 * as the forms package says; person and department fields naming nobody
 * refused; computed fields computed by the server whatever is sent; an
 * approver's edits checked in writable mode, computed fields following them;
 * the `last` prefill and the lookups the phone's pickers make.
 */

const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-form-fields-test-'));
let hall: TestHall;
beforeAll(async () => {
  hall = await createTestHall({ FILES_DIR: filesDir });
});
afterAll(async () => {
  await hall?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

const idNumber = (() => {
  const first17 = '11010519491231002';
  return `${first17}${idNumberCheckChar(first17)}`;
})();

const form: FormDefinitionInput = {
  fields: [
    { key: 'notice', type: 'description', label: '须知', content: '请如实填写。' },
    { key: 'title', type: 'text', label: '标题', required: true },
    { key: 'note', type: 'textarea', label: '说明' },
    { key: 'count', type: 'number', label: '人数', integer: true, min: 1 },
    { key: 'amount', type: 'money', label: '金额', required: true },
    { key: 'day', type: 'date', label: '日期' },
    { key: 'at', type: 'time', label: '时间' },
    { key: 'period', type: 'dateRange', label: '期间', required: true },
    { key: 'kind', type: 'select', label: '类别', options: [{ value: 'a', label: '甲' }, { value: 'b', label: '乙' }] },
    { key: 'level', type: 'radio', label: '级别', options: [{ value: 'high', label: '高' }, { value: 'low', label: '低' }] },
    { key: 'tags', type: 'multiSelect', label: '标签', options: [{ value: 'x', label: '标签一' }, { value: 'y', label: '标签二' }, { value: 'z', label: '标签三' }] },
    { key: 'promises', type: 'checkbox', label: '承诺', options: [{ value: 'p1', label: '承诺一' }, { value: 'p2', label: '承诺二' }] },
    { key: 'agree', type: 'switch', label: '同意' },
    { key: 'owner', type: 'person', label: '负责人' },
    { key: 'team', type: 'person', label: '成员', multiple: true },
    { key: 'dept', type: 'department', label: '部门' },
    { key: 'phone', type: 'phone', label: '电话', prefill: 'last' },
    { key: 'mail', type: 'email', label: '邮箱' },
    { key: 'site', type: 'url', label: '网址', prefill: 'last' },
    { key: 'idNumber', type: 'idNumber', label: '身份证号' },
    { key: 'files', type: 'attachment', label: '附件', accept: ['pdf'] },
    { key: 'photos', type: 'image', label: '照片' },
    { key: 'sign', type: 'signature', label: '签名' },
    {
      key: 'items',
      type: 'table',
      label: '明细',
      columns: [
        { key: 'item', type: 'text', label: '项目', required: true },
        { key: 'price', type: 'money', label: '单价', required: true },
        { key: 'qty', type: 'number', label: '数量', integer: true },
      ],
    },
    { key: 'total', type: 'computed', label: '合计', formula: 'sum(items.price)', resultType: 'money' },
    { key: 'days', type: 'computed', label: '天数', formula: 'days(period)', decimals: 0 },
    { key: 'reviewer', type: 'person', label: '复核人' },
  ],
};

interface FileRef {
  id: string;
  name: string;
  size: number;
  type: string;
}

function api(session: Session) {
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  return {
    ...client(hall.app, session),
    async upload(filename: string, content: Buffer): Promise<FileRef> {
      const boundary = `----OneHallTest${randomUUID()}`;
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
      const payload = Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const response = await hall.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },
  };
}
type Api = ReturnType<typeof api>;

/** A department with a head and an applicant; colleagues to name; the service: the head approves and may write `items` and `reviewer`. */
async function world(options: { audiences?: ('student' | 'teacher' | 'staff')[] } = {}) {
  const department = await buildDepartment(hall.db, { name: '表单测试学院' });
  const head = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher', name: '表单主任' });
  await makeHead(hall.db, department.id, head.personId);
  const applicant = await buildPerson(hall.db, { departmentId: department.id, name: '表单申请人' });
  const colleague = await buildPerson(hall.db, { departmentId: department.id, name: '表单同事' });
  const service = await buildService(hall.db, {
    form,
    ...(options.audiences ? { audiences: options.audiences } : {}),
    process: { nodes: [{ id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' }, fields: { items: 'write', reviewer: 'write' } }] },
  });
  const as = async (person: BuiltPerson) => api(await login(hall.app, person.accountNo, person.password));
  return { department, head, applicant, colleague, service, as };
}
type World = Awaited<ReturnType<typeof world>>;

/** A value of every type, as the phone sends them (numbers and amounts as typed text, a computed value made up). */
async function everyValue(w: World, applicant: Api) {
  const [proof, photo, sign] = [await applicant.upload('证明.pdf', pdf), await applicant.upload('现场.png', png), await applicant.upload('签名.png', png)];
  const data = {
    title: '  测试标题  ',
    note: '第一行\n第二行',
    count: '3',
    amount: '1,234.5',
    day: '2026-03-02',
    at: '9:05',
    period: { start: '2026-03-02', end: '2026-03-06', days: 99 },
    kind: 'b',
    level: 'high',
    tags: ['z', 'x'],
    promises: ['p1', 'p2'],
    agree: true,
    owner: w.colleague.personId,
    team: [w.colleague.personId, w.applicant.personId],
    dept: w.department.id,
    phone: '13912345678',
    mail: 'a@example.edu.cn',
    site: 'https://www.example.edu.cn',
    idNumber: idNumber.toLowerCase(),
    files: [proof],
    photos: [photo],
    sign,
    items: [
      { item: '火车票', price: '100.10', qty: '1' },
      { item: '', price: '', qty: '' },
      { item: '住宿', price: '200.20', qty: 2 },
    ],
    total: '999999.00',
    days: 1,
  };
  return { data, proof, photo, sign };
}

const submit = (person: Api, serviceCode: string, data: object) => person.post('/api/applications', { serviceCode, data, idempotencyKey: randomUUID() });

describe('submitting every field type', () => {
  it('stores each value normalised, computes the computed fields itself, and names the people and departments in the detail', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const { data, proof, photo, sign } = await everyValue(w, applicant);
    const response = await submit(applicant, w.service.code, data);
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json();
    expect(detail.data).toEqual({
      title: '测试标题',
      note: '第一行\n第二行',
      count: 3,
      amount: '1234.50',
      day: '2026-03-02',
      at: '09:05',
      period: { start: '2026-03-02', end: '2026-03-06', days: 5 },
      kind: 'b',
      level: 'high',
      tags: ['x', 'z'],
      promises: ['p1', 'p2'],
      agree: true,
      owner: w.colleague.personId,
      team: [w.colleague.personId, w.applicant.personId],
      dept: w.department.id,
      phone: '13912345678',
      mail: 'a@example.edu.cn',
      site: 'https://www.example.edu.cn',
      idNumber,
      files: [proof],
      photos: [photo],
      sign,
      // The blank row is dropped; the amounts are exact.
      items: [
        { item: '火车票', price: '100.10', qty: 1 },
        { item: '住宿', price: '200.20', qty: 2 },
      ],
      total: '300.30',
      days: 5,
    });
    expect(detail.refs).toEqual({
      people: { [w.colleague.personId]: { name: '表单同事', departmentName: '表单测试学院' }, [w.applicant.personId]: { name: '表单申请人', departmentName: '表单测试学院' } },
      departments: { [w.department.id]: { name: '表单测试学院' } },
    });
    // The detail reads the same later, and the files now belong to the application.
    const again = (await applicant.get(`/api/applications/${detail.id}`)).json();
    expect(again.data).toEqual(detail.data);
    expect(again.form.fields.find((f: { key: string }) => f.key === 'files').accept).toEqual(['pdf']);
    const linked = await hall.db.selectFrom('file').select(['id', 'application_id']).where('id', 'in', [proof.id, photo.id, sign.id]).execute();
    expect(linked.every((row) => row.application_id === detail.id)).toBe(true);
  });

  it('refuses a person who does not exist or is no longer active, and a department that does not exist, naming the field', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const base = { title: '引用检查', amount: '1', period: { start: '2026-03-02', end: '2026-03-02' } };
    const gone = await buildPerson(hall.db, { name: '已离校' });
    await hall.db.updateTable('person').set({ status: 'inactive' }).where('id', '=', gone.personId).execute();

    const unknownPerson = await submit(applicant, w.service.code, { ...base, owner: randomUUID() });
    expect(unknownPerson.statusCode).toBe(400);
    expect(unknownPerson.json().error).toMatchObject({ code: 'FORM_INVALID', fields: [{ key: 'owner', code: 'format', message: '负责人中有无效的人员' }] });

    const inactive = await submit(applicant, w.service.code, { ...base, team: [w.colleague.personId, gone.personId] });
    expect(inactive.json().error).toMatchObject({ code: 'FORM_INVALID', fields: [{ key: 'team', message: '成员中有无效的人员' }] });

    const unknownDepartment = await submit(applicant, w.service.code, { ...base, dept: randomUUID(), owner: randomUUID() });
    expect(unknownDepartment.json().error.fields).toEqual([
      { key: 'owner', code: 'format', message: '负责人中有无效的人员' },
      { key: 'dept', code: 'format', message: '部门中有无效的部门' },
    ]);
    // Nothing was created by the refusals.
    expect((await applicant.get('/api/applications/sent')).json().items).toEqual([]);

    // A malformed id is the package's own format error, before any look-up.
    const malformed = await submit(applicant, w.service.code, { ...base, owner: 'not-an-id' });
    expect(malformed.json().error.fields).toEqual([{ key: 'owner', code: 'format', message: '负责人中有无效的人员' }]);
  });

  it('refuses what the package refuses, with its messages', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const bad = await submit(applicant, w.service.code, { title: 'x', amount: '1.234', period: { start: '2026-03-06', end: '2026-03-02' }, items: [{ item: '', price: '5' }], idNumber: '110105194912310021' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { key: string; message: string }) => [f.key, f.message])).toEqual([
      ['amount', '金额最多保留两位小数'],
      ['period', '期间的结束日期不能早于开始日期'],
      ['idNumber', '身份证号不是有效的身份证号'],
      ['items', '明细第 1 行：请填写项目'],
    ]);
  });
});

describe("an approver's edits", () => {
  async function submitted() {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const { data } = await everyValue(w, applicant);
    const created = (await submit(applicant, w.service.code, data)).json();
    const head = await w.as(w.head);
    const taskId = (await head.get(`/api/applications/${created.id}`)).json().myTaskId as string;
    return { w, applicant, head, created, taskId };
  }

  it('checks the writable fields with the package, and refuses fields the step may not write', async () => {
    const { w, head, taskId } = await submitted();
    const invalid = await head.post(`/api/tasks/${taskId}/approve`, { fields: { items: [{ item: '核减', price: '-1' }] } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({ code: 'FORM_INVALID', fields: [{ key: 'items', message: '明细第 1 行：单价不能小于 0' }] });

    const nobody = await head.post(`/api/tasks/${taskId}/approve`, { fields: { reviewer: randomUUID() } });
    expect(nobody.json().error).toMatchObject({ code: 'FORM_INVALID', fields: [{ key: 'reviewer', message: '复核人中有无效的人员' }] });

    const notWritable = await head.post(`/api/tasks/${taskId}/approve`, { fields: { amount: '1.00' } });
    expect([notWritable.statusCode, notWritable.json().error.code]).toEqual([403, 'FIELD_NOT_WRITABLE']);
    // None of the refusals decided the task.
    expect((await head.get(`/api/applications/${(await hall.db.selectFrom('task').select('application_id').where('id', '=', taskId).executeTakeFirstOrThrow()).application_id}`)).json().myTaskId).toBe(taskId);
    void w;
  });

  it('saves the corrected rows normalised and computes the total again from them; a computed value sent is not taken', async () => {
    const { w, head, taskId, created } = await submitted();
    const response = await head.post(`/api/tasks/${taskId}/approve`, { fields: { items: [{ item: '火车票', price: '100.1' }, { item: '住宿（核减）', price: '150' }], reviewer: w.colleague.personId } });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail.data.items).toEqual([
      { item: '火车票', price: '100.10' },
      { item: '住宿（核减）', price: '150.00' },
    ]);
    expect(detail.data.total).toBe('250.10');
    expect(detail.data.reviewer).toBe(w.colleague.personId);
    // The rest of the data is as submitted.
    expect(detail.data.amount).toBe('1234.50');
    expect(detail.data.days).toBe(5);
    const stored = await hall.db.selectFrom('application').select('data').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.data).toMatchObject({ total: '250.10', items: detail.data.items });
  });

  it('approving without touching the fields keeps them, and the computed values stay', async () => {
    const { head, taskId, created } = await submitted();
    const response = await head.post(`/api/tasks/${taskId}/approve`, { opinion: '同意' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data).toMatchObject({ total: '300.30', days: 5, items: created.data.items });
  });
});

describe('the last prefill', () => {
  it('answers nothing before a first application, then the prefill-last fields of the newest one, and only to its applicant', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    expect((await applicant.get(`/api/services/${w.service.code}/last-values`)).json()).toEqual({ applicationId: null, data: null });

    const { data } = await everyValue(w, applicant);
    const first = (await submit(applicant, w.service.code, data)).json();
    const second = (await submit(applicant, w.service.code, { ...data, phone: '13700001111', files: [], photos: [], sign: await applicant.upload('签名2.png', png) })).json();
    const last = (await applicant.get(`/api/services/${w.service.code}/last-values`)).json();
    // Only phone and site ask for it.
    expect(last).toEqual({ applicationId: second.id, data: { phone: '13700001111', site: 'https://www.example.edu.cn' } });
    expect(first.id).not.toBe(second.id);

    // Someone else's last application of the service is not theirs to read.
    const colleague = await w.as(w.colleague);
    expect((await colleague.get(`/api/services/${w.service.code}/last-values`)).json()).toEqual({ applicationId: null, data: null });
    const anonymous = await hall.app.inject({ method: 'GET', url: `/api/services/${w.service.code}/last-values` });
    expect(anonymous.statusCode).toBe(401);
    expect((await applicant.get('/api/services/no-such-service/last-values')).statusCode).toBe(404);
  });

  it('is refused for a service that is not offered to the caller', async () => {
    const w = await world({ audiences: ['teacher', 'staff'] });
    const student = await w.as(w.applicant);
    const response = await student.get(`/api/services/${w.service.code}/last-values`);
    expect([response.statusCode, response.json().error.code]).toEqual([403, 'SERVICE_NOT_FOR_AUDIENCE']);
  });
});

describe("the pickers' look-ups", () => {
  it('finds active people by name, pinyin, initials and number, without phone or ID number', async () => {
    const department = await buildDepartment(hall.db, { name: '拼音测试系' });
    const found = await buildPerson(hall.db, { departmentId: department.id, name: '欧阳娜娜' });
    await hall.db.updateTable('person').set(computeNameReadings('欧阳娜娜')).where('id', '=', found.personId).execute();
    const gone = await buildPerson(hall.db, { departmentId: department.id, name: '欧阳离校' });
    await hall.db.updateTable('person').set({ status: 'inactive', ...computeNameReadings('欧阳离校') }).where('id', '=', gone.personId).execute();
    const searcher = api(await login(hall.app, found.accountNo, found.password));
    const names = async (q: string) => (await searcher.get(`/api/people?q=${encodeURIComponent(q)}`)).json().items.map((p: { name: string }) => p.name);

    expect(await names('欧阳')).toEqual(['欧阳娜娜']);
    expect(await names('ouyangnana')).toEqual(['欧阳娜娜']);
    expect(await names('nana')).toEqual(['欧阳娜娜']);
    expect(await names('oynn')).toEqual(['欧阳娜娜']);
    expect(await names(found.accountNo)).toEqual(['欧阳娜娜']);
    expect(await names('%')).toEqual([]);
    const item = (await searcher.get('/api/people?q=oynn')).json().items[0];
    expect(item).toEqual({ personId: found.personId, name: '欧阳娜娜', departmentName: '拼音测试系', accountNo: found.accountNo });

    // Ids already chosen (a restored draft) are named; inactive ones are not.
    const byIds = (await searcher.get(`/api/people?ids=${found.personId},${gone.personId}`)).json();
    expect(byIds.items.map((p: { personId: string }) => p.personId)).toEqual([found.personId]);
    expect((await searcher.get('/api/people')).statusCode).toBe(400);
    expect((await hall.app.inject({ method: 'GET', url: '/api/people?q=ouyang' })).statusCode).toBe(401);
  });

  it('limits how often one person searches the directory (PEOPLE_SEARCH_PER_MINUTE), each person apart', async () => {
    const limited = await createTestHall({ FILES_DIR: filesDir, PEOPLE_SEARCH_PER_MINUTE: '5' });
    try {
      const first = await buildPerson(limited.db, { name: '连续搜索' });
      const second = await buildPerson(limited.db, { name: '另一个人' });
      const one = client(limited.app, await login(limited.app, first.accountNo, first.password));
      const other = client(limited.app, await login(limited.app, second.accountNo, second.password));
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await one.get(`/api/people?q=${encodeURIComponent('连续')}`)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await one.get('/api/people?q=lianxu');
      expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Someone else in the same minute is not held back.
      expect((await other.get('/api/people?q=lianxu')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('lists the departments with their parents, and says the caller’s own department', async () => {
    const parent = await buildDepartment(hall.db, { name: '上级学院' });
    const child = await buildDepartment(hall.db, { name: '下属系', parentId: parent.id });
    const person = await buildPerson(hall.db, { departmentId: child.id });
    const caller = api(await login(hall.app, person.accountNo, person.password));
    const items = (await caller.get('/api/departments')).json().items;
    expect(items).toContainEqual({ id: child.id, name: '下属系', parentId: parent.id });
    expect(items).toContainEqual({ id: parent.id, name: '上级学院', parentId: null });
    expect((await caller.get('/api/auth/me')).json().departmentId).toBe(child.id);
    expect((await hall.app.inject({ method: 'GET', url: '/api/departments' })).statusCode).toBe(401);
    // Published with the API (their query and answer schemas encode).
    const paths = (await hall.app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/people', '/api/departments', '/api/services/{code}/last-values']));
  });
});
