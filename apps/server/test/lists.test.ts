import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type Compilable, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../src/platform/jobs.ts';
import * as lists from '../src/modules/workflow/lists.repository.ts';
import { shanghaiDayRange } from '../src/modules/workflow/workflow.lists.ts';
import * as messages from '../src/modules/notify/messages.repository.ts';
import { pendingTasksOfApplicationsQuery } from '../src/modules/workflow/workflow.repository.ts';
import { createFormsService } from '../src/modules/forms/forms.service.ts';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, makeHead, sampleData, sampleForm, testDbKind, type BuiltPerson, type TestHall } from './helpers.ts';

/**
 * 发出的事项 and 收到的事项 (待办, 已办, 抄送我) with their filters, counts
 * and search; 再次申请 (copy as new); the path on the detail page; the
 * message centre. On PGlite and PostgreSQL; the query plans on PostgreSQL.
 */
let hall: TestHall;
beforeAll(async () => {
  hall = await createTestHall();
});
afterAll(() => hall?.close());

type Api = ReturnType<typeof client>;
type Item = { id: string; status: string; serviceName: string; currentNodeName: string | null; currentApprovers: string[] };
type TaskItem = { taskId: string; canBatchApprove: boolean; application: Item & { title: string; serialNo: string } };

let worlds = 0;

/**
 * A department with a head; an applicant and a second applicant; a reader
 * the first service copies to; a stranger. Service A: head → CC reader;
 * service B: head (an opinion is required to approve, so no batch).
 */
async function world() {
  const tag = `${Date.now().toString(36)}${worlds++}`;
  const department = await buildDepartment(hall.db);
  const head = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher', name: `主任${tag}` });
  await makeHead(hall.db, department.id, head.personId);
  const applicant = await buildPerson(hall.db, { departmentId: department.id, name: `张三${tag}` });
  const second = await buildPerson(hall.db, { departmentId: department.id, name: `李四${tag}` });
  const reader = await buildPerson(hall.db, { kind: 'staff', name: `抄送老师${tag}` });
  const stranger = await buildPerson(hall.db, { name: `路人${tag}` });
  const a = await buildService(hall.db, {
    name: `网站变更${tag}`,
    process: {
      nodes: [
        { id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' } },
        { id: 'copy', type: 'cc', name: '抄送备案', assignee: { kind: 'people', personIds: [reader.personId] } },
      ],
    },
  });
  const b = await buildService(hall.db, {
    name: `邮箱申请${tag}`,
    process: { nodes: [{ id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' }, opinionRequired: { approve: true, reject: true } }] },
  });
  const idOf = async (code: string) => (await hall.db.selectFrom('service').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const services = { a: { ...a, id: await idOf(a.code) }, b: { ...b, id: await idOf(b.code) } };
  const as = async (person: BuiltPerson): Promise<Api> => client(hall.app, await login(hall.app, person.accountNo, person.password));
  const apis = { applicant: await as(applicant), second: await as(second), head: await as(head), reader: await as(reader), stranger: await as(stranger) };
  const submit = async (api: Api, serviceCode: string, data: object = sampleData) => {
    const response = await api.post('/api/applications', { serviceCode, data, idempotencyKey: randomUUID() });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; serialNo: string; title: string; myTaskId: string | null };
  };
  const taskOf = async (applicationId: string) => (await apis.head.get(`/api/applications/${applicationId}`)).json().myTaskId as string;
  return { tag, department, head, applicant, second, reader, stranger, services, apis, submit, taskOf };
}

const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);
const appIds = (page: { items: { application: { id: string } }[] }) => page.items.map((item) => item.application.id);

/** Moves an application's submit time (and its first task's) to a given instant, for the day filters. */
async function setSubmittedAt(applicationId: string, at: string) {
  // (Times the hall writes once are not updatable through the typed tables; a test may.)
  await sql`update application set submitted_at = ${at}::timestamptz where id = ${applicationId}`.execute(hall.db);
  await sql`update task set created_at = ${at}::timestamptz where application_id = ${applicationId} and status = 'pending'`.execute(hall.db);
}

describe('发出的事项', () => {
  it('filters by each status, by service and by the Shanghai day submitted; shows the current step and who holds it', async () => {
    const w = await world();
    const running = await w.submit(w.apis.applicant, w.services.a.code);
    const approved = await w.submit(w.apis.applicant, w.services.a.code);
    const rejected = await w.submit(w.apis.applicant, w.services.b.code);
    const returned = await w.submit(w.apis.applicant, w.services.b.code);
    const withdrawn = await w.submit(w.apis.applicant, w.services.a.code);
    expect((await w.apis.head.post(`/api/tasks/${await w.taskOf(approved.id)}/approve`, {})).statusCode).toBe(200);
    expect((await w.apis.head.post(`/api/tasks/${await w.taskOf(rejected.id)}/reject`, { opinion: '不符合要求' })).statusCode).toBe(200);
    expect((await w.apis.head.post(`/api/tasks/${await w.taskOf(returned.id)}/send-back`, { target: 'applicant', opinion: '请补充' })).statusCode).toBe(200);
    expect((await w.apis.applicant.post(`/api/applications/${withdrawn.id}/withdraw`, { opinion: '填错了' })).statusCode).toBe(200);
    // Someone else's application never shows in my list.
    await w.submit(w.apis.second, w.services.a.code);

    const sent = async (query = '') => (await w.apis.applicant.get(`/api/applications/sent${query}`)).json();
    expect(ids(await sent())).toEqual([withdrawn.id, returned.id, rejected.id, approved.id, running.id]);
    for (const [status, application] of [['running', running], ['approved', approved], ['rejected', rejected], ['returned', returned], ['withdrawn', withdrawn]] as const) {
      expect(ids(await sent(`?status=${status}`))).toEqual([application.id]);
    }
    expect((await sent('?status=running')).items[0]).toMatchObject({ currentNodeName: '部门负责人审批', currentApprovers: [w.head.name] });
    expect((await sent('?status=returned')).items[0]).toMatchObject({ currentNodeName: '待申请人修改', currentApprovers: [] });
    expect(ids(await sent(`?serviceId=${w.services.b.id}`))).toEqual([returned.id, rejected.id]);
    expect(ids(await sent(`?serviceId=${w.services.a.id}&status=approved`))).toEqual([approved.id]);
    expect(ids(await sent(`?serviceId=${randomUUID()}`))).toEqual([]);
    // The service filter offers the services my list has, whatever the catalog shows me.
    const offered = async (api: Api, list: string) => (await api.get(`/api/inbox/services?list=${list}`)).json().services.map((service: { id: string }) => service.id).sort();
    expect(await offered(w.apis.applicant, 'sent')).toEqual([w.services.a.id, w.services.b.id].sort());
    expect(await offered(w.apis.second, 'sent')).toEqual([w.services.a.id]);
    expect(await offered(w.apis.stranger, 'sent')).toEqual([]);
    expect(await offered(w.apis.head, 'todo')).toEqual([w.services.a.id]);
    expect(await offered(w.apis.head, 'done')).toEqual([w.services.a.id, w.services.b.id].sort());
    expect(await offered(w.apis.reader, 'cc')).toEqual([w.services.a.id]);
    expect((await w.apis.head.get('/api/inbox/services?list=everything')).statusCode).toBe(400);

    // 23:30 on 1 March in Shanghai is still 1 March; 00:10 on 2 March is the next day, though both are 1 March in UTC.
    await setSubmittedAt(running.id, '2026-03-01T15:30:00Z');
    await setSubmittedAt(approved.id, '2026-03-01T16:10:00Z');
    await setSubmittedAt(rejected.id, '2026-02-27T02:00:00Z');
    expect(ids(await sent('?from=2026-03-01&to=2026-03-01'))).toEqual([running.id]);
    expect(ids(await sent('?from=2026-03-02&to=2026-03-02'))).toEqual([approved.id]);
    expect(ids(await sent('?from=2026-02-27&to=2026-03-01'))).toEqual([running.id, rejected.id]);
    expect(ids(await sent('?to=2026-02-28'))).toEqual([rejected.id]);
    expect(ids(await sent(`?from=2026-02-01&to=2026-03-31&serviceId=${w.services.a.id}`))).toEqual([approved.id, running.id]);

    for (const bad of ['?from=2026-03-02&to=2026-03-01', '?from=2026-02-30', '?to=yesterday', '?serviceId=nope', '?status=draft']) {
      const response = await w.apis.applicant.get(`/api/applications/sent${bad}`);
      expect([bad, response.statusCode, response.json().error.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
  });

  it('pages through a filtered list with the cursor, without gaps or repeats', async () => {
    const w = await world();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await w.submit(w.apis.applicant, i % 2 === 0 ? w.services.a.code : w.services.b.code)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await w.apis.applicant.get(`/api/applications/sent?limit=1&serviceId=${w.services.a.id}${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([made[4], made[2], made[0]]);
  });
});

describe('收到的事项', () => {
  it('counts 待办, 已办 and 抄送我, and lists each with filters and a search', async () => {
    const w = await world();
    const first = await w.submit(w.apis.applicant, w.services.a.code);
    const second = await w.submit(w.apis.second, w.services.a.code);
    const third = await w.submit(w.apis.applicant, w.services.b.code);
    const fourth = await w.submit(w.apis.second, w.services.b.code);
    expect((await w.apis.head.get('/api/inbox/counts')).json()).toEqual({ todo: 4, done: 0, cc: 0, ccUnread: 0 });

    const todo = async (query = '') => (await w.apis.head.get(`/api/inbox/todo${query}`)).json();
    expect(appIds(await todo())).toEqual([fourth.id, third.id, second.id, first.id]);
    expect(appIds(await todo(`?serviceId=${w.services.a.id}`))).toEqual([second.id, first.id]);
    // Search: the applicant's name (part of the title), the title, the serial number; LIKE's own characters are literal.
    expect(appIds(await todo(`?q=${encodeURIComponent(w.second.name)}`))).toEqual([fourth.id, second.id]);
    expect(appIds(await todo(`?q=${encodeURIComponent(`邮箱申请${w.tag}`)}`))).toEqual([fourth.id, third.id]);
    expect(appIds(await todo(`?q=${third.serialNo}`))).toEqual([third.id]);
    expect(appIds(await todo(`?q=${third.serialNo.slice(-6)}`))).toEqual([third.id]);
    expect(appIds(await todo('?q=%25'))).toEqual([]);
    expect(appIds(await todo(`?q=${encodeURIComponent(w.second.name)}&serviceId=${w.services.b.id}`))).toEqual([fourth.id]);
    // Service A's head step needs no opinion: 批量同意 may decide it; service B's needs one.
    expect(Object.fromEntries((await todo()).items.map((item: TaskItem) => [item.application.id, item.canBatchApprove]))).toEqual({ [first.id]: true, [second.id]: true, [third.id]: false, [fourth.id]: false });

    // 待办 by the day received.
    await setSubmittedAt(first.id, '2026-04-10T03:00:00Z');
    expect(appIds(await todo('?from=2026-04-10&to=2026-04-10'))).toEqual([first.id]);
    expect(appIds(await todo('?to=2026-04-09'))).toEqual([]);

    // Deciding two: they move to 已办, filtered by the day handled; the copy step gives the reader 抄送我.
    await w.apis.head.post(`/api/tasks/${await w.taskOf(first.id)}/approve`, {});
    await w.apis.head.post(`/api/tasks/${await w.taskOf(fourth.id)}/reject`, { opinion: '不同意' });
    expect((await w.apis.head.get('/api/inbox/counts')).json()).toEqual({ todo: 2, done: 2, cc: 0, ccUnread: 0 });
    const done = async (query = '') => (await w.apis.head.get(`/api/inbox/done${query}`)).json();
    expect(appIds(await done())).toEqual([fourth.id, first.id]);
    expect((await done()).items.every((item: TaskItem) => item.canBatchApprove === false)).toBe(true);
    expect(appIds(await done(`?serviceId=${w.services.b.id}`))).toEqual([fourth.id]);
    expect(appIds(await done(`?q=${encodeURIComponent(w.applicant.name)}`))).toEqual([first.id]);
    await hall.db.updateTable('task').set({ completed_at: '2026-05-05T01:00:00Z' }).where('application_id', '=', fourth.id).where('status', '=', 'rejected').execute();
    expect(appIds(await done('?from=2026-05-05&to=2026-05-05'))).toEqual([fourth.id]);
    expect(appIds(await done('?from=2026-05-06'))).toEqual([first.id]);

    // The reader was copied by the process, and has one unread copy.
    expect((await w.apis.reader.get('/api/inbox/counts')).json()).toEqual({ todo: 0, done: 0, cc: 1, ccUnread: 1 });
    const cc = (await w.apis.reader.get('/api/inbox/cc')).json();
    expect(cc.items).toHaveLength(1);
    // A copy made by a CC step names whose decision reached it.
    expect(cc.items[0]).toMatchObject({ copiedBy: w.head.name, readAt: null, application: { id: first.id, status: 'approved' } });
    // The applicant copies another application to the reader by hand.
    expect((await w.apis.applicant.post(`/api/applications/${third.id}/cc`, { people: [w.reader.personId], opinion: '请知悉' })).statusCode).toBe(200);
    const both = (await w.apis.reader.get('/api/inbox/cc')).json();
    expect(appIds(both)).toEqual([third.id, first.id]);
    expect(both.items[0]).toMatchObject({ copiedBy: w.applicant.name, readAt: null });
    expect(appIds((await w.apis.reader.get(`/api/inbox/cc?serviceId=${w.services.b.id}`)).json())).toEqual([third.id]);
    expect(appIds((await w.apis.reader.get(`/api/inbox/cc?q=${first.serialNo}`)).json())).toEqual([first.id]);
    expect(appIds((await w.apis.reader.get('/api/inbox/cc?from=2000-01-01&to=2000-01-02')).json())).toEqual([]);
    // Reading a copy takes it off the unread count.
    expect((await w.apis.reader.post(`/api/applications/${first.id}/cc/read`)).statusCode).toBe(200);
    expect((await w.apis.reader.get('/api/inbox/counts')).json()).toEqual({ todo: 0, done: 0, cc: 2, ccUnread: 1 });
    expect((await w.apis.reader.get('/api/inbox/cc')).json().items[1].readAt).not.toBeNull();
    // Nobody else sees those copies.
    expect((await w.apis.stranger.get('/api/inbox/cc')).json().items).toEqual([]);
    expect((await w.apis.head.get('/api/inbox/cc?q=x&limit=1')).json().items).toEqual([]);
  });

  it('已办 holds an application once, at the latest handling: sent back, resubmitted and approved is one row, 同意', async () => {
    const w = await world();
    const app = await w.submit(w.apis.applicant, w.services.a.code);
    const other = await w.submit(w.apis.second, w.services.a.code);
    const back = await w.apis.head.post(`/api/tasks/${await w.taskOf(app.id)}/send-back`, { target: 'applicant', opinion: '请补充材料' });
    expect(back.statusCode, back.body).toBe(200);
    await w.apis.head.post(`/api/tasks/${await w.taskOf(other.id)}/approve`, {});
    const done = async () => (await w.apis.head.get('/api/inbox/done')).json().items as { taskStatus: string; application: { id: string } }[];
    // While it is back with the applicant, 已办 shows the send-back.
    expect((await done()).map((item) => [item.application.id, item.taskStatus])).toEqual([
      [other.id, 'approved'],
      [app.id, 'returned'],
    ]);
    expect((await w.apis.applicant.post(`/api/applications/${app.id}/resubmit`, { data: sampleData })).statusCode).toBe(200);
    expect((await w.apis.head.get('/api/inbox/counts')).json()).toMatchObject({ todo: 1, done: 2 });
    await w.apis.head.post(`/api/tasks/${await w.taskOf(app.id)}/approve`, {});
    expect((await done()).map((item) => [item.application.id, item.taskStatus])).toEqual([
      [app.id, 'approved'],
      [other.id, 'approved'],
    ]);
    expect((await w.apis.head.get('/api/inbox/counts')).json()).toMatchObject({ todo: 0, done: 2 });
    expect(appIds((await w.apis.head.get(`/api/inbox/done?serviceId=${w.services.a.id}&limit=1`)).json())).toEqual([app.id]);
  });

  it('refuses bad filters and pages todo with the cursor', async () => {
    const w = await world();
    const made = [await w.submit(w.apis.applicant, w.services.a.code), await w.submit(w.apis.applicant, w.services.a.code), await w.submit(w.apis.applicant, w.services.a.code)];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: TaskItem[]; nextCursor: string | null } = (await w.apis.head.get(`/api/inbox/todo?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...appIds(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((m) => m.id).reverse());
    for (const bad of ['/api/inbox/todo?from=2026-13-01', '/api/inbox/done?from=2026-03-02&to=2026-03-01', `/api/inbox/cc?q=${'长'.repeat(41)}`, '/api/inbox/todo?cursor=garbage']) {
      const response = await w.apis.head.get(bad);
      expect([bad, response.statusCode, response.json().error.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
    }
  });
});

describe('再次申请 (copy as new)', () => {
  it('gives the applicant the values to start a new application from; others may not copy', async () => {
    const w = await world();
    const original = await w.submit(w.apis.applicant, w.services.a.code);
    await w.apis.head.post(`/api/tasks/${await w.taskOf(original.id)}/reject`, { opinion: '请重新申请' });

    const copy = await w.apis.applicant.get(`/api/applications/${original.id}/copy`);
    expect(copy.statusCode).toBe(200);
    expect(copy.json()).toEqual({ applicationId: original.id, serialNo: original.serialNo, serviceCode: w.services.a.code, data: sampleData });
    // The copy submits as a new application of its own.
    const again = await w.submit(w.apis.applicant, copy.json().serviceCode, copy.json().data);
    expect(again.id).not.toBe(original.id);

    // The approver may read the application but not copy it; a stranger learns nothing; nonsense is refused.
    const byApprover = await w.apis.head.get(`/api/applications/${original.id}/copy`);
    expect([byApprover.statusCode, byApprover.json().error.code]).toEqual([403, 'NOT_APPLICANT']);
    const byReader = await w.apis.reader.get(`/api/applications/${original.id}/copy`);
    expect([byReader.statusCode, byReader.json().error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    const byStranger = await w.apis.stranger.get(`/api/applications/${original.id}/copy`);
    expect([byStranger.statusCode, byStranger.json().error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    expect((await w.apis.applicant.get(`/api/applications/${randomUUID()}/copy`)).statusCode).toBe(404);
    expect((await w.apis.applicant.get('/api/applications/nope/copy')).statusCode).toBe(400);

    // A service taken offline takes no new applications, copied or not.
    await hall.db.updateTable('service').set({ status: 'offline' }).where('id', '=', w.services.a.id).execute();
    const offline = await w.apis.applicant.get(`/api/applications/${original.id}/copy`);
    expect([offline.statusCode, offline.json().error.code]).toEqual([404, 'SERVICE_NOT_FOUND']);
  });

  it('copies only fields the form has now, and none that approvers fill in', async () => {
    const department = await buildDepartment(hall.db);
    const head = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher' });
    await makeHead(hall.db, department.id, head.personId);
    const applicant = await buildPerson(hall.db, { departmentId: department.id });
    const form = { fields: [...sampleForm.fields, { key: 'ticket', type: 'text' as const, label: '工单号', required: false }] };
    const service = await buildService(hall.db, { form, process: { nodes: [{ id: 'head', type: 'approver', name: '审批', assignee: { kind: 'departmentHead' }, fields: { ticket: 'write' } }] } });
    const api = client(hall.app, await login(hall.app, applicant.accountNo, applicant.password));
    const headApi = client(hall.app, await login(hall.app, head.accountNo, head.password));
    const created = (await api.post('/api/applications', { serviceCode: service.code, data: sampleData, idempotencyKey: randomUUID() })).json();
    const taskId = (await headApi.get(`/api/applications/${created.id}`)).json().myTaskId;
    expect((await headApi.post(`/api/tasks/${taskId}/approve`, { fields: { ticket: 'T-1' } })).json().data.ticket).toBe('T-1');
    // A new form version without 联系电话.
    await createFormsService({ db: hall.db }).publish(service.code, { fields: form.fields.filter((field) => field.key !== 'contactPhone') });
    const { contactPhone: _dropped, ...kept } = sampleData;
    expect((await api.get(`/api/applications/${created.id}/copy`)).json().data).toEqual(kept);
  });
});

describe('the path on the detail page', () => {
  it('shows done, current and coming steps with their people, and 待定 where they are chosen later', async () => {
    const department = await buildDepartment(hall.db);
    const head = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher', name: '路径主任' });
    await makeHead(hall.db, department.id, head.personId);
    const applicant = await buildPerson(hall.db, { departmentId: department.id, name: '路径申请人' });
    const checker = await buildPerson(hall.db, { kind: 'staff', name: '路径审核' });
    const copied = await buildPerson(hall.db, { kind: 'staff', name: '路径抄送' });
    const service = await buildService(hall.db, {
      process: {
        nodes: [
          { id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' } },
          { id: 'check', type: 'approver', name: '审核', assignee: { kind: 'people', personIds: [checker.personId] }, withdrawable: true },
          { id: 'note', type: 'cc', name: '抄送备案', assignee: { kind: 'people', personIds: [copied.personId] } },
          { id: 'final', type: 'approver', name: '终审', assignee: { kind: 'previousApproverChooses' } },
        ],
      },
    });
    const api = client(hall.app, await login(hall.app, applicant.accountNo, applicant.password));
    const headApi = client(hall.app, await login(hall.app, head.accountNo, head.password));
    const created = (await api.post('/api/applications', { serviceCode: service.code, data: sampleData, idempotencyKey: randomUUID() })).json();
    const path = (detail: { path: { name: string; state: string; people: { name: string }[]; undetermined: boolean }[] }) =>
      detail.path.map((step) => [step.name, step.state, step.people.map((p) => p.name).join('、') || (step.undetermined ? '待定' : '')]);
    expect(path(created)).toEqual([
      ['提交申请', 'done', '路径申请人'],
      ['部门负责人审批', 'current', '路径主任'],
      ['审核', 'coming', '路径审核'],
      ['抄送备案', 'coming', '路径抄送'],
      ['终审', 'coming', '待定'],
    ]);
    const headTask = (await headApi.get(`/api/applications/${created.id}`)).json().myTaskId;
    const approve = await headApi.post(`/api/tasks/${headTask}/approve`, { opinion: '同意' });
    expect(approve.statusCode, approve.body).toBe(200);
    const approved = approve.json();
    expect(path(approved).slice(1, 3)).toEqual([
      ['部门负责人审批', 'done', '路径主任'],
      ['审核', 'current', '路径审核'],
    ]);
    // Withdrawn while 审核 waits (the step allows it): the decided step stays done, the rest were never reached.
    const withdrawn = await api.post(`/api/applications/${created.id}/withdraw`, { opinion: '不办了' });
    expect(withdrawn.statusCode).toBe(200);
    expect(path(withdrawn.json())).toEqual([
      ['提交申请', 'done', '路径申请人'],
      ['部门负责人审批', 'done', '路径主任'],
      ['审核', 'skipped', ''],
      ['抄送备案', 'skipped', ''],
      ['终审', 'skipped', ''],
    ]);
  });
});

describe('消息 (the message centre)', () => {
  it('lists my messages, counts the unread ones, marks one or all read; only my own', async () => {
    const w = await world();
    const first = await w.submit(w.apis.applicant, w.services.a.code);
    const second = await w.submit(w.apis.applicant, w.services.a.code);
    await w.apis.head.post(`/api/tasks/${await w.taskOf(first.id)}/approve`, {});
    const log = { warn: () => {}, error: () => {}, info: () => {} } as never;
    await runDueJobs({ db: hall.db, handlers: hall.jobHandlers, log, pollMs: 0, batchSize: 1000 });

    // The head: two new tasks. The applicant: one application ended. The reader: one copy.
    const headList = (await w.apis.head.get('/api/messages')).json();
    expect(headList.items.map((m: { title: string; link: string }) => [m.title, m.link])).toEqual([
      ['您有新的待办', `/applications/${second.id}`],
      ['您有新的待办', `/applications/${first.id}`],
    ]);
    expect((await w.apis.head.get('/api/messages/unread-count')).json()).toEqual({ unread: 2 });
    expect((await w.apis.applicant.get('/api/messages')).json().items.map((m: { title: string; body: string }) => [m.title, m.body])).toEqual([['申请已通过', `${first.title}已审批通过`]]);
    expect((await w.apis.reader.get('/api/messages')).json().items.map((m: { title: string }) => m.title)).toEqual(['抄送给您']);

    // Paged by a cursor.
    const page1 = (await w.apis.head.get('/api/messages?limit=1')).json();
    const page2 = (await w.apis.head.get(`/api/messages?limit=1&cursor=${page1.nextCursor}`)).json();
    expect([...ids(page1), ...ids(page2)]).toEqual(ids(headList));
    expect(page2.nextCursor).toBeNull();

    // Reading one: the count goes down; reading it again changes nothing.
    const target = headList.items[1].id;
    expect((await w.apis.head.post(`/api/messages/${target}/read`)).json()).toEqual({ unread: 1 });
    const readAt = (await w.apis.head.get('/api/messages')).json().items[1].readAt;
    expect(readAt).not.toBeNull();
    expect((await w.apis.head.post(`/api/messages/${target}/read`)).json()).toEqual({ unread: 1 });
    expect((await w.apis.head.get('/api/messages')).json().items[1].readAt).toBe(readAt);

    // Another person's message is no one else's to read: 404, as a missing one.
    const notMine = await w.apis.stranger.post(`/api/messages/${headList.items[0].id}/read`);
    expect([notMine.statusCode, notMine.json().error.code]).toEqual([404, 'MESSAGE_NOT_FOUND']);
    expect((await w.apis.head.get('/api/messages/unread-count')).json()).toEqual({ unread: 1 });
    expect((await w.apis.head.post('/api/messages/99999999999/read')).statusCode).toBe(404);
    expect((await w.apis.head.post('/api/messages/abc/read')).statusCode).toBe(400);
    expect((await w.apis.stranger.get('/api/messages')).json().items).toEqual([]);

    // 全部已读: mine only.
    expect((await w.apis.head.post('/api/messages/read-all')).json()).toEqual({ unread: 0 });
    expect((await w.apis.head.get('/api/messages/unread-count')).json()).toEqual({ unread: 0 });
    expect((await w.apis.applicant.get('/api/messages/unread-count')).json()).toEqual({ unread: 1 });
    expect((await hall.app.inject({ method: 'GET', url: '/api/messages/unread-count' })).statusCode).toBe(401);
  });
});

// ── the plans, on PostgreSQL ──

/** A plan node of EXPLAIN (FORMAT JSON). */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(walk)];
}

/**
 * Why this test means something: each list runs on a table far larger than
 * one person's share of it (100 000 applications, as many tasks, 40 000
 * copies and 60 000 messages), after ANALYZE, with the planner free
 * to choose (no enable_seqscan = off). The person asked about has thousands
 * of rows, most of them in one status and one service, so a filter on the
 * rare ones pays off only through the index made for it. If an index were
 * missing or unusable for a filter + order, PostgreSQL would read the whole
 * table (Seq Scan) or sort the person's rows (Sort), and this test fails.
 * The statements are the repository's own, compiled with the same values a
 * request would bind.
 */
describe.runIf(testDbKind() === 'postgres')('list queries use their indexes (PostgreSQL)', () => {
  const watched = new Set(['application', 'task', 'application_cc', 'timeline', 'message']);

  async function plan(query: Compilable<unknown>): Promise<PlanNode[]> {
    const compiled = query.compile();
    const { rows } = await hall.db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
    return walk(rows[0]!['QUERY PLAN'][0].Plan);
  }

  /** A raw statement as something `plan` can compile. */
  const raw = (query: RawBuilder<unknown>): Compilable<unknown> => ({ compile: () => query.compile(hall.db) });

  async function expectIndexed(name: string, query: Compilable<unknown>, intended: string[], options: { ordered?: boolean } = {}) {
    const nodes = await plan(query);
    const described = nodes.map((node) => `${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`);
    expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan' && watched.has(node['Relation Name'] ?? '')), `${name}: ${described.join(' / ')}`).toEqual([]);
    const used = nodes.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : []));
    expect(used.some((index) => intended.includes(index)), `${name} should use ${intended.join(' or ')}: ${described.join(' / ')}`).toBe(true);
    if (options.ordered !== false) expect(nodes.filter((node) => node['Node Type'].includes('Sort')), `${name} sorts: ${described.join(' / ')}`).toEqual([]);
  }

  it('for 发出的事项, 待办, 已办, 抄送我, the counts and 消息, with each filter', { timeout: 180_000 }, async () => {
    const department = await buildDepartment(hall.db);
    const applicant = await buildPerson(hall.db, { departmentId: department.id });
    const approver = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher' });
    const services: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { code } = await buildService(hall.db, { process: { nodes: [{ id: 'head', type: 'approver', name: '审批', assignee: { kind: 'people', personIds: [approver.personId] } }] } });
      services.push((await hall.db.selectFrom('service').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);
    }
    const rare = services[4]!;
    const template = await hall.db.selectFrom('service').innerJoin('form_definition as f', 'f.form_key', 'service.code').innerJoin('process_definition as p', 'p.process_key', 'service.code').select(['f.id as form_id', 'p.id as process_id']).where('service.id', '=', rare).executeTakeFirstOrThrow();
    const account = await hall.db.selectFrom('account').select('id').where('person_id', '=', applicant.personId).executeTakeFirstOrThrow();

    // 200 other people, each with an account.
    await sql`insert into person (name, kind, department_id) select '填充' || g, 'student', ${department.id}::uuid from generate_series(1, 200) g`.execute(hall.db);
    await sql`insert into account (person_id, account_no, kind) select id, 'F' || replace(id::text, '-', ''), 'student' from person where name like '填充%' and department_id = ${department.id}::uuid`.execute(hall.db);
    // (A real table: a temporary one would live on one of the pool's connections only.)
    await sql`create table plan_filler as select row_number() over (order by p.id) as n, p.id as person_id, a.id as account_id from person p join account a on a.person_id = p.id where p.name like '填充%' and p.department_id = ${department.id}::uuid`.execute(hall.db);

    // 100 000 applications: one in 30 is the applicant's (mostly approved, mostly in the first services, a few in the rare one).
    await sql`
      insert into application (serial_no, service_id, applicant_person_id, applicant_account_id, form_definition_id, process_definition_id, title, data, status, engine_state, idempotency_key, submitted_at)
      select 'P' || lpad(g::text, 12, '0'),
             (${sql.val(services)}::uuid[])[case when g % 50 = 0 then 5 else 1 + g % 4 end],
             case when g % 30 = 0 then ${applicant.personId}::uuid else f.person_id end,
             case when g % 30 = 0 then ${account.id}::uuid else f.account_id end,
             ${template.form_id}::uuid, ${template.process_id}::uuid,
             '填充的申请' || g, '{}'::jsonb,
             (array['approved', 'running', 'rejected', 'withdrawn', 'returned'])[case when g % 10 < 8 then 1 else 2 + g % 4 end],
             '{}'::jsonb, 'plan-' || g, now() - make_interval(mins => g)
        from generate_series(1, 100000) g join plan_filler f on f.n = 1 + g % 200`.execute(hall.db);
    // A task per application: one in 20 is the approver's (one in 20 of those pending), the rest others'.
    await sql`
      insert into task (application_id, node_id, node_name, assignee_person_id, service_id, status, engine_key, created_at, completed_at)
      select a.id, 'head', '审批',
             case when a.n % 20 = 0 then ${approver.personId}::uuid else f.person_id end,
             a.service_id,
             case when a.n % 400 = 0 then 'pending' else 'approved' end,
             'head:' || a.n, a.submitted_at, case when a.n % 400 = 0 then null else a.submitted_at + interval '1 hour' end
        from (select id, service_id, submitted_at, substr(serial_no, 2)::int as n from application where serial_no like 'P%') a
        join plan_filler f on f.n = 1 + a.n % 200`.execute(hall.db);
    // 40 000 copies, 4 000 of them to the approver (half read); 60 000 messages, 600 of them the approver's.
    await sql`
      insert into application_cc (application_id, person_id, service_id, created_at, read_at)
      select a.id, case when a.n % 25 = 0 then ${approver.personId}::uuid else f.person_id end, a.service_id, a.submitted_at, case when a.n % 2 = 0 then a.submitted_at end
        from (select id, service_id, submitted_at, substr(serial_no, 2)::int as n from application where serial_no like 'P%') a
        join plan_filler f on f.n = 1 + (a.n * 7) % 200
       where a.n % 25 = 0 or a.n % 3 = 0`.execute(hall.db);
    await sql`
      insert into message (job_id, person_id, title, body, link, read_at)
      select -g, case when g % 100 = 0 then ${approver.personId}::uuid else f.person_id end, '您有新的待办', '填充', null, case when g % 3 = 0 then now() end
        from generate_series(1, 60000) g join plan_filler f on f.n = 1 + g % 200`.execute(hall.db);
    await sql`drop table plan_filler`.execute(hall.db);
    await sql`analyze application`.execute(hall.db);
    await sql`analyze task`.execute(hall.db);
    await sql`analyze application_cc`.execute(hall.db);
    await sql`analyze message`.execute(hall.db);

    const db = hall.db;
    const limit = 21;
    const march = shanghaiDayRange('2026-03-01', '2026-03-31');
    const recent = shanghaiDayRange(new Date(Date.now() - 86_400_000 * 3).toISOString().slice(0, 10), undefined);
    const cursor = { at: new Date(Date.now() - 3_600_000 * 24), id: randomUUID() };
    const me = applicant.personId;

    // 发出的事项
    await expectIndexed('sent', lists.sentApplicationsQuery(db, me, { limit }), ['application_sent_idx']);
    await expectIndexed('sent, next page', lists.sentApplicationsQuery(db, me, { cursor, limit }), ['application_sent_idx']);
    for (const status of ['running', 'rejected', 'withdrawn', 'returned'] as const) {
      await expectIndexed(`sent ${status}`, lists.sentApplicationsQuery(db, me, { status, limit }), ['application_sent_status_idx']);
    }
    await expectIndexed('sent by service', lists.sentApplicationsQuery(db, me, { serviceId: rare, limit }), ['application_sent_service_idx']);
    await expectIndexed('sent by status and service', lists.sentApplicationsQuery(db, me, { status: 'rejected', serviceId: rare, limit }), ['application_sent_status_idx', 'application_sent_service_idx']);
    await expectIndexed('sent by days', lists.sentApplicationsQuery(db, me, { range: march, limit }), ['application_sent_idx']);
    await expectIndexed('sent by days and service', lists.sentApplicationsQuery(db, me, { range: recent, serviceId: rare, limit }), ['application_sent_service_idx']);
    const page = (await lists.findSentApplications(db, me, { limit: 20 })).map((row) => row.id);
    await expectIndexed('sent: current approvers of a page', pendingTasksOfApplicationsQuery(db, page), ['task_application_idx', 'task_engine_key_idx'], { ordered: false });

    // 待办, 已办, 抄送我
    for (const which of ['todo', 'done'] as const) {
      const plain = which === 'todo' ? 'task_todo_idx' : 'task_done_idx';
      const byService = which === 'todo' ? 'task_todo_service_idx' : 'task_done_service_idx';
      await expectIndexed(which, lists.tasksOfPersonQuery(db, approver.personId, { which, limit }), [plain]);
      await expectIndexed(`${which}, next page`, lists.tasksOfPersonQuery(db, approver.personId, { which, cursor, limit }), [plain]);
      await expectIndexed(`${which} by service`, lists.tasksOfPersonQuery(db, approver.personId, { which, serviceId: rare, limit }), [byService]);
      await expectIndexed(`${which} by days`, lists.tasksOfPersonQuery(db, approver.personId, { which, range: march, limit }), [plain]);
      await expectIndexed(`${which} searched`, lists.tasksOfPersonQuery(db, approver.personId, { which, search: '申请12', limit }), [plain, byService]);
      await expectIndexed(`${which} searched by service and days`, lists.tasksOfPersonQuery(db, approver.personId, { which, search: 'P0000', serviceId: rare, range: recent, limit }), [byService]);
    }
    await expectIndexed('cc', lists.copiesOfPersonQuery(db, approver.personId, { limit }), ['application_cc_person_idx']);
    await expectIndexed('cc by service', lists.copiesOfPersonQuery(db, approver.personId, { serviceId: rare, limit }), ['application_cc_service_idx']);
    await expectIndexed('cc by days', lists.copiesOfPersonQuery(db, approver.personId, { range: march, cursor, limit }), ['application_cc_person_idx']);
    await expectIndexed('cc searched', lists.copiesOfPersonQuery(db, approver.personId, { search: '申请', limit }), ['application_cc_person_idx', 'application_cc_service_idx']);
    const counts = raw(lists.receivedCountsQuery(db, approver.personId));
    await expectIndexed('count of 待办', counts, ['task_todo_idx', 'task_todo_service_idx'], { ordered: false });
    await expectIndexed('count of 已办', counts, ['task_done_idx', 'task_done_service_idx'], { ordered: false });
    await expectIndexed('count of 抄送我', counts, ['application_cc_person_idx', 'application_cc_service_idx'], { ordered: false });
    await expectIndexed('count of unread copies', counts, ['application_cc_unread_idx'], { ordered: false });

    // The services a list's filter offers (a loose index scan of the list's service index).
    await expectIndexed('services of 发出的事项', raw(lists.servicesOfListQuery(db, me, 'sent')), ['application_sent_service_idx'], { ordered: false });
    await expectIndexed('services of 待办', raw(lists.servicesOfListQuery(db, approver.personId, 'todo')), ['task_todo_service_idx'], { ordered: false });
    await expectIndexed('services of 已办', raw(lists.servicesOfListQuery(db, approver.personId, 'done')), ['task_done_service_idx'], { ordered: false });
    await expectIndexed('services of 抄送我', raw(lists.servicesOfListQuery(db, approver.personId, 'cc')), ['application_cc_service_idx'], { ordered: false });

    // 消息
    await expectIndexed('messages', messages.messagesOfPersonQuery(db, approver.personId, { limit }), ['message_person_idx']);
    await expectIndexed('messages, next page', messages.messagesOfPersonQuery(db, approver.personId, { beforeId: '30000', limit }), ['message_person_idx']);
    await expectIndexed('unread messages', messages.unreadCountQuery(db, approver.personId), ['message_unread_idx'], { ordered: false });
  });
});
