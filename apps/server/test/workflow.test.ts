import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, makeHead, sampleData, type BuiltPerson, type TestHall } from './helpers.ts';
import { runDueJobs } from '../src/platform/jobs.ts';
import { createDefinitionsService } from '../src/modules/workflow/definitions.service.ts';
import { createFormsService } from '../src/modules/forms/forms.service.ts';

let hall: TestHall;
beforeAll(async () => {
  hall = await createTestHall();
});
afterAll(() => hall?.close());

/** A department with a head, two IT staff, an applicant, and a service: head → IT (any one). */
async function world() {
  const department = await buildDepartment(hall.db);
  const head = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher', name: '部门主任' });
  await makeHead(hall.db, department.id, head.personId);
  const role = `it_${randomUUID().slice(0, 8)}`;
  const it1 = await buildPerson(hall.db, { kind: 'staff', roles: [{ role }], name: '运维甲' });
  const it2 = await buildPerson(hall.db, { kind: 'staff', roles: [{ role }], name: '运维乙' });
  const applicant = await buildPerson(hall.db, { departmentId: department.id, name: '申请人' });
  const service = await buildService(hall.db, {
    process: {
      nodes: [
        { id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' } },
        { id: 'it', type: 'approver', name: '信息中心审核', assignee: { kind: 'role', role }, mode: 'any' },
      ],
    },
  });
  const as = async (person: BuiltPerson) => client(hall.app, await login(hall.app, person.accountNo, person.password));
  return { department, head, it1, it2, applicant, service, as };
}

const submit = (api: Awaited<ReturnType<Awaited<ReturnType<typeof world>>['as']>>, serviceCode: string, data: object = sampleData, idempotencyKey = randomUUID()) =>
  api.post('/api/applications', { serviceCode, data, idempotencyKey });

describe('the core journey', () => {
  it('submit → appears in sent items with the current approver → approve → next node → approve → approved', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const created = await submit(applicant, w.service.code);
    expect(created.statusCode).toBe(201);
    const application = created.json();
    expect(application).toMatchObject({ status: 'running', currentNodeName: '部门负责人审批', currentApprovers: ['部门主任'], data: sampleData });
    expect(application.serialNo).toMatch(/^\d{8}\d{6}$/);
    expect(application.timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);

    const sent = (await applicant.get('/api/applications/sent')).json();
    expect(sent.items[0]).toMatchObject({ id: application.id, status: 'running', currentNodeName: '部门负责人审批', currentApprovers: ['部门主任'] });

    const head = await w.as(w.head);
    expect((await head.get('/api/inbox/counts')).json()).toMatchObject({ todo: 1, done: 0 });
    const todo = (await head.get('/api/inbox/todo')).json();
    expect(todo.items).toHaveLength(1);
    expect(todo.items[0]).toMatchObject({ nodeName: '部门负责人审批', taskStatus: 'pending', application: { id: application.id, applicant: { name: '申请人' } } });
    const detail = (await head.get(`/api/applications/${application.id}`)).json();
    expect(detail.myTaskId).toBe(todo.items[0].taskId);

    const approved = await head.post(`/api/tasks/${detail.myTaskId}/approve`, { opinion: '同意变更' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'running', currentNodeName: '信息中心审核', myTaskId: null });
    expect(approved.json().currentApprovers.sort()).toEqual(['运维乙', '运维甲']);
    expect((await head.get('/api/inbox/counts')).json()).toMatchObject({ todo: 0, done: 1 });
    expect((await head.get('/api/inbox/done')).json().items[0]).toMatchObject({ taskStatus: 'approved', application: { id: application.id } });

    // Any one of the IT staff decides; the other's task closes without being listed as theirs.
    const it2 = await w.as(w.it2);
    const itTask = (await it2.get('/api/inbox/todo')).json().items[0].taskId;
    const done = await it2.post(`/api/tasks/${itTask}/approve`, { opinion: '' });
    expect(done.json()).toMatchObject({ status: 'approved', currentNodeName: null, currentApprovers: [] });
    expect(done.json().endedAt).not.toBeNull();
    const it1 = await w.as(w.it1);
    expect((await it1.get('/api/inbox/counts')).json()).toMatchObject({ todo: 0, done: 0 });

    const final = (await applicant.get(`/api/applications/${application.id}`)).json();
    expect(final.status).toBe('approved');
    expect(final.timeline.map((e: { action: string; actorName: string | null; opinion: string | null }) => [e.action, e.actorName, e.opinion])).toEqual([
      ['submit', '申请人', null],
      ['approve', '部门主任', '同意变更'],
      ['approve', '运维乙', null],
      ['complete', null, null],
    ]);
    expect(final.tasks.map((t: { status: string }) => t.status).sort()).toEqual(['approved', 'approved', 'cancelled']);
    expect((await applicant.get('/api/applications/sent?status=approved')).json().items.map((i: { id: string }) => i.id)).toEqual([application.id]);
  });

  it('rejection needs an opinion, ends the application, and the applicant sees it', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const application = (await submit(applicant, w.service.code)).json();
    const head = await w.as(w.head);
    const taskId = (await head.get(`/api/applications/${application.id}`)).json().myTaskId;
    const noOpinion = await head.post(`/api/tasks/${taskId}/reject`, { opinion: '  ' });
    expect(noOpinion.statusCode).toBe(400);
    expect(noOpinion.json().error.code).toBe('OPINION_REQUIRED');
    const rejected = await head.post(`/api/tasks/${taskId}/reject`, { opinion: '材料不全' });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    const seen = (await applicant.get(`/api/applications/${application.id}`)).json();
    expect(seen.status).toBe('rejected');
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'reject', actorName: '部门主任', opinion: '材料不全' });
    expect((await applicant.get('/api/applications/sent?status=rejected')).json().items).toHaveLength(1);
  });
});

describe('bad input and access', () => {
  it('refuses invalid form data on the server with the field errors, even when the browser is bypassed', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const response = await submit(applicant, w.service.code, { siteName: '', siteUrl: 'ftp://x', changeType: 'nope', contactPhone: '123' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('FORM_INVALID');
    expect(response.json().error.fields.map((f: { key: string }) => f.key)).toEqual(['siteName', 'siteUrl', 'changeType', 'contactPhone']);
    expect((await applicant.get('/api/applications/sent')).json().items).toHaveLength(0);
    const malformed = await applicant.post('/api/applications', { serviceCode: w.service.code, data: 'x' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    expect((await submit(applicant, 'no-such-service')).json().error.code).toBe('SERVICE_NOT_FOUND');
  });

  it('returns the first result for a repeated idempotency key', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const key = randomUUID();
    const [a, b] = await Promise.all([submit(applicant, w.service.code, sampleData, key), submit(applicant, w.service.code, sampleData, key)]);
    expect(a.json().id).toBe(b.json().id);
    expect((await applicant.get('/api/applications/sent')).json().items).toHaveLength(1);
    // A repeat after the service went offline still answers with the application the first request made.
    await hall.db.updateTable('service').set({ status: 'offline' }).where('code', '=', w.service.code).execute();
    const late = await submit(applicant, w.service.code, sampleData, key);
    expect(late.json().id).toBe(a.json().id);
    expect((await submit(applicant, w.service.code)).json().error.code).toBe('SERVICE_NOT_FOUND');
  });

  it('keeps other people out: no reading, no acting on a task that is not theirs, no acting twice', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const application = (await submit(applicant, w.service.code)).json();
    const stranger = await w.as(await buildPerson(hall.db));
    expect((await stranger.get(`/api/applications/${application.id}`)).statusCode).toBe(404);
    const head = await w.as(w.head);
    const taskId = (await head.get(`/api/applications/${application.id}`)).json().myTaskId;
    const notMine = await stranger.post(`/api/tasks/${taskId}/approve`, {});
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('NOT_ASSIGNEE');
    expect((await applicant.post(`/api/tasks/${taskId}/approve`, {})).statusCode).toBe(403);
    expect((await head.post(`/api/tasks/${taskId}/approve`, {})).statusCode).toBe(200);
    const twice = await head.post(`/api/tasks/${taskId}/approve`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('TASK_ALREADY_HANDLED');
    expect((await head.post(`/api/tasks/${randomUUID()}/approve`, {})).json().error.code).toBe('TASK_NOT_FOUND');
    expect((await head.post('/api/tasks/not-a-uuid/approve', {})).statusCode).toBe(400);
  });

  it('refuses a submit when a step has no approver, naming the step', async () => {
    const department = await buildDepartment(hall.db); // no head
    const applicant = await buildPerson(hall.db, { departmentId: department.id });
    const service = await buildService(hall.db, { process: { nodes: [{ id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' } }] } });
    const api = client(hall.app, await login(hall.app, applicant.accountNo, applicant.password));
    const response = await submit(api, service.code);
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'ASSIGNEE_NOT_FOUND', message: expect.stringContaining('部门负责人审批') });
  });
});

describe('definitions are versioned data', () => {
  it('a running application keeps the version it started with', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const application = (await submit(applicant, w.service.code)).json();
    // Publish v2 with a single node named differently.
    await createDefinitionsService({ db: hall.db, forms: createFormsService({ db: hall.db }) }).publish(w.service.code, { nodes: [{ id: 'only', type: 'approver', name: '新流程唯一节点', assignee: { kind: 'people', personIds: [w.it1.personId] } }] });
    const head = await w.as(w.head);
    const taskId = (await head.get(`/api/applications/${application.id}`)).json().myTaskId;
    const next = (await head.post(`/api/tasks/${taskId}/approve`, {})).json();
    expect(next.currentNodeName).toBe('信息中心审核'); // still v1's second node
    const fresh = (await submit(applicant, w.service.code)).json();
    expect(fresh.currentNodeName).toBe('新流程唯一节点');
    expect((await applicant.get(`/api/services/${w.service.code}`)).json().steps).toEqual([{ nodeId: 'only', name: '新流程唯一节点' }]);
  });
});

describe('effects go through the job table', () => {
  it('writes notification jobs in the action transaction and the worker delivers each once', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const application = (await submit(applicant, w.service.code)).json();
    const jobs = await hall.db.selectFrom('job').selectAll().where('status', '=', 'pending').execute();
    const mine = jobs.filter((job) => (job.payload as { applicationId?: string }).applicationId === application.id);
    expect(mine.map((job) => [job.kind, (job.payload as { event: string }).event, (job.payload as { personId: string }).personId])).toEqual([['notify.event', 'taskAssigned', w.head.personId]]);

    const log = { warn: () => {}, error: () => {} } as never;
    await runDueJobs({ db: hall.db, handlers: hall.jobHandlers, log, pollMs: 0, batchSize: 1000 });
    // Delivering the same job again (a retry after a crash) adds no second message.
    await hall.jobHandlers['notify.event']!(mine[0]!, hall.db);
    const messages = await hall.db.selectFrom('message').selectAll().where('person_id', '=', w.head.personId).execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ title: '您有新的待办', link: `/applications/${application.id}` });

    // A failed action (rejected without opinion) leaves no job behind.
    const before = (await hall.db.selectFrom('job').select('id').execute()).length;
    const head = await w.as(w.head);
    const taskId = (await head.get(`/api/applications/${application.id}`)).json().myTaskId;
    await head.post(`/api/tasks/${taskId}/reject`, { opinion: '' });
    expect((await hall.db.selectFrom('job').select('id').execute()).length).toBe(before);
  });
});

describe('lists', () => {
  it('pages through sent items with a cursor, newest first, without gaps or repeats', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submit(applicant, w.service.code)).json().id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await applicant.get(`/api/applications/sent?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await applicant.get('/api/applications/sent?cursor=garbage')).json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('races', () => {
  it('two approvers of an any-one node deciding at once: exactly one wins, the other gets TASK_ALREADY_HANDLED', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const head = await w.as(w.head);
    const [it1, it2] = await Promise.all([w.as(w.it1), w.as(w.it2)]);
    for (let round = 0; round < 10; round++) {
      const application = (await submit(applicant, w.service.code)).json();
      const headTask = (await head.get(`/api/applications/${application.id}`)).json().myTaskId;
      await head.post(`/api/tasks/${headTask}/approve`, {});
      const [task1, task2] = await Promise.all([it1.get(`/api/applications/${application.id}`), it2.get(`/api/applications/${application.id}`)]);
      const results = await Promise.all([it1.post(`/api/tasks/${task1.json().myTaskId}/approve`, {}), it2.post(`/api/tasks/${task2.json().myTaskId}/approve`, {})]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('TASK_ALREADY_HANDLED');
      const final = (await applicant.get(`/api/applications/${application.id}`)).json();
      expect(final.status).toBe('approved');
      expect(final.timeline.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(2);
    }
  });
});

describe('directory and catalog lookups', () => {
  it('are reused for LOOKUP_CACHE_SECONDS: a new department head and a service taken offline show once that time has passed', async () => {
    const cachedHall = await createTestHall({ LOOKUP_CACHE_SECONDS: '1' });
    try {
      const { db, app } = cachedHall;
      const department = await buildDepartment(db);
      const [oldHead, newHead] = [await buildPerson(db, { departmentId: department.id, kind: 'teacher', name: '原主任' }), await buildPerson(db, { departmentId: department.id, kind: 'teacher', name: '新主任' })];
      await makeHead(db, department.id, oldHead.personId);
      const applicant = await buildPerson(db, { departmentId: department.id });
      const service = await buildService(db, { process: { nodes: [{ id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' } }] } });
      const api = client(app, await login(app, applicant.accountNo, applicant.password));
      const approversOf = async () => {
        const answer = await submit(api, service.code);
        return answer.statusCode === 201 ? answer.json().tasks.map((t: { assignee: { name: string } }) => t.assignee.name) : answer.json().error.code;
      };
      expect(await approversOf()).toEqual(['原主任']);
      await makeHead(db, department.id, newHead.personId);
      await db.updateTable('service').set({ status: 'offline' }).where('code', '=', service.code).execute();
      expect(await approversOf()).toEqual(['原主任']); // both reads reused
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await approversOf()).toBe('SERVICE_NOT_FOUND');
      await db.updateTable('service').set({ status: 'published' }).where('code', '=', service.code).execute();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await approversOf()).toEqual(['新主任']);
    } finally {
      await cachedHall.close();
    }
  });
});
