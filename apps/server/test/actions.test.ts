import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, initialState, type Action, type EngineState, type ProcessDefinitionInput } from '@onehall/engine';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, makeHead, sampleData, type BuiltPerson, type TestHall } from './helpers.ts';

let hall: TestHall;
beforeAll(async () => {
  hall = await createTestHall();
});
afterAll(() => hall?.close());

type Api = ReturnType<typeof client>;

/** A department with a head; two IT staff; a director; an applicant; a service head → IT (any) → director. */
async function world(process?: (ids: { director: string; role: string }) => ProcessDefinitionInput) {
  const department = await buildDepartment(hall.db);
  const head = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher', name: '部门主任' });
  await makeHead(hall.db, department.id, head.personId);
  const role = `it_${randomUUID().slice(0, 8)}`;
  const it1 = await buildPerson(hall.db, { kind: 'staff', roles: [{ role }], name: '运维甲' });
  const it2 = await buildPerson(hall.db, { kind: 'staff', roles: [{ role }], name: '运维乙' });
  const director = await buildPerson(hall.db, { kind: 'teacher', name: '中心主任' });
  const other = await buildPerson(hall.db, { kind: 'staff', name: '其他老师' });
  const applicant = await buildPerson(hall.db, { departmentId: department.id, name: '申请人' });
  const service = await buildService(hall.db, {
    process: process?.({ director: director.personId, role }) ?? {
      nodes: [
        { id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' } },
        { id: 'it', type: 'approver', name: '信息中心审核', assignee: { kind: 'role', role }, mode: 'any' },
        { id: 'director', type: 'approver', name: '主任审批', assignee: { kind: 'people', personIds: [director.personId] } },
      ],
    },
  });
  const as = async (person: BuiltPerson): Promise<Api> => client(hall.app, await login(hall.app, person.accountNo, person.password));
  const apis = { applicant: await as(applicant), head: await as(head), it1: await as(it1), it2: await as(it2), director: await as(director), other: await as(other) };
  const submit = async () => {
    const response = await apis.applicant.post('/api/applications', { serviceCode: service.code, data: sampleData, idempotencyKey: randomUUID() });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string };
  };
  const myTask = async (api: Api, applicationId: string) => (await api.get(`/api/applications/${applicationId}`)).json().myTask as { id: string; actions: string[]; sendBackTargets: { nodeId: string }[] } | null;
  return { department, head, it1, it2, director, other, applicant, service, as, apis, submit, myTask };
}

const actions = (detail: { timeline: { action: string }[] }) => detail.timeline.map((e) => e.action);

describe('send back and resubmit', () => {
  it('sends back to the applicant, who edits and resubmits; the approvers see the new data', async () => {
    const w = await world();
    const app = await w.submit();
    const task = await w.myTask(w.apis.head, app.id);
    expect(task?.actions).toEqual(['approve', 'reject', 'sendBack', 'transfer', 'delegate', 'addSigner', 'removeSigner', 'comment', 'cc']);
    const noOpinion = await w.apis.head.post(`/api/tasks/${task!.id}/send-back`, { target: 'applicant' });
    expect(noOpinion.json().error.code).toBe('OPINION_REQUIRED');
    const back = await w.apis.head.post(`/api/tasks/${task!.id}/send-back`, { target: 'applicant', opinion: '请补充网站备案号' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'returned', currentNodeName: '待申请人修改', currentApprovers: [] });

    const seen = (await w.apis.applicant.get(`/api/applications/${app.id}`)).json();
    expect(seen.can).toMatchObject({ resubmit: true, withdraw: true, urge: false });
    const invalid = await w.apis.applicant.post(`/api/applications/${app.id}/resubmit`, { data: { ...sampleData, siteUrl: 'nope' } });
    expect(invalid.json().error.code).toBe('FORM_INVALID');
    expect((await w.apis.head.post(`/api/applications/${app.id}/resubmit`, { data: sampleData })).json().error.code).toBe('NOT_APPLICANT');
    const again = await w.apis.applicant.post(`/api/applications/${app.id}/resubmit`, { data: { ...sampleData, siteName: '改过的名称' } });
    expect(again.json()).toMatchObject({ status: 'running', currentNodeName: '部门负责人审批', data: { siteName: '改过的名称' } });
    expect((await w.apis.applicant.post(`/api/applications/${app.id}/resubmit`, { data: sampleData })).json().error.code).toBe('NOT_RETURNED');
    expect(actions(again.json())).toEqual(['submit', 'sendBack', 'resubmit']);
    // The approver sees the field-level diff of the resubmit.
    const headSees = (await w.apis.head.get(`/api/applications/${app.id}`)).json();
    expect(headSees.timeline.at(-1).changes).toEqual([{ key: 'siteName', label: '网站名称', from: sampleData.siteName, to: '改过的名称' }]);
  });

  it('sends back to the previous step, which decides again', async () => {
    const w = await world();
    const app = await w.submit();
    await w.apis.head.post(`/api/tasks/${(await w.myTask(w.apis.head, app.id))!.id}/approve`, {});
    const itTask = (await w.myTask(w.apis.it1, app.id))!;
    expect(itTask.sendBackTargets).toEqual([{ nodeId: 'head', name: '部门负责人审批' }]);
    const back = await w.apis.it1.post(`/api/tasks/${itTask.id}/send-back`, { target: 'previous', opinion: '请部门确认' });
    expect(back.json().timeline.at(-1)).toMatchObject({ action: 'sendBack', note: '退回到“部门负责人审批”', opinion: '请部门确认' });
    expect(back.json()).toMatchObject({ status: 'running', currentNodeName: '部门负责人审批', currentApprovers: ['部门主任'] });
    expect((await w.apis.it2.get('/api/inbox/counts')).json().todo).toBe(0);
    expect((await w.apis.it1.post(`/api/tasks/${itTask.id}/send-back`, { target: { nodeId: 'nope' }, opinion: 'x' })).json().error.code).toBe('TASK_ALREADY_HANDLED');
  });
});

describe('handing over work', () => {
  it('transfers: the task moves; the old holder has it as done (transferred)', async () => {
    const w = await world();
    const app = await w.submit();
    const task = (await w.myTask(w.apis.head, app.id))!;
    expect((await w.apis.head.post(`/api/tasks/${task.id}/transfer`, { to: randomUUID() })).json().error.code).toBe('PERSON_NOT_FOUND');
    const moved = await w.apis.head.post(`/api/tasks/${task.id}/transfer`, { to: w.other.personId, opinion: '请代为审批' });
    expect(moved.json().currentApprovers).toEqual(['其他老师']);
    expect((await w.apis.head.get('/api/inbox/done')).json().items[0]).toMatchObject({ taskStatus: 'transferred' });
    const otherTask = (await w.myTask(w.apis.other, app.id))!;
    await w.apis.other.post(`/api/tasks/${otherTask.id}/approve`, {});
    expect((await w.apis.applicant.get(`/api/applications/${app.id}`)).json().currentNodeName).toBe('信息中心审核');
    expect((await w.apis.applicant.get(`/api/applications/${app.id}`)).json().timeline.find((e: { action: string }) => e.action === 'transfer')).toMatchObject({ actorName: '部门主任', people: ['其他老师'], opinion: '请代为审批' });
  });

  it('delegates: the delegate answers, the task comes back to its holder', async () => {
    const w = await world();
    const app = await w.submit();
    const task = (await w.myTask(w.apis.head, app.id))!;
    await w.apis.head.post(`/api/tasks/${task.id}/delegate`, { to: w.other.personId });
    expect((await w.apis.head.get('/api/inbox/counts')).json().todo).toBe(0);
    const delegated = (await w.myTask(w.apis.other, app.id))!;
    expect(delegated).toMatchObject({ kind: 'delegate', actions: ['approve', 'comment'] });
    expect((await w.apis.other.post(`/api/tasks/${delegated.id}/reject`, { opinion: '不行' })).json().error.code).toBe('ACTION_NOT_ALLOWED');
    await w.apis.other.post(`/api/tasks/${delegated.id}/approve`, { opinion: '材料齐全，建议同意' });
    const back = (await w.myTask(w.apis.head, app.id))!;
    expect(back.id).toBe(task.id);
    const done = await w.apis.head.post(`/api/tasks/${task.id}/approve`, {});
    expect(done.json().currentNodeName).toBe('信息中心审核');
    expect(actions(done.json())).toEqual(['submit', 'delegate', 'answer', 'approve']);
  });

  it('adds a signer before and after, and removes one', async () => {
    const w = await world();
    const app = await w.submit();
    const task = (await w.myTask(w.apis.head, app.id))!;
    await w.apis.head.post(`/api/tasks/${task.id}/add-signer`, { people: [w.other.personId, w.director.personId], position: 'before' });
    expect((await w.apis.applicant.get(`/api/applications/${app.id}`)).json().currentApprovers.sort()).toEqual(['中心主任', '其他老师']);
    const headView = (await w.apis.head.get(`/api/applications/${app.id}`)).json();
    // Suspended while the signers answer: the head may only remove a signer or comment, and sees whom they wait for.
    expect(headView.myTask).toMatchObject({ id: task.id, waiting: true, actions: ['removeSigner', 'comment'], sendBackToApplicant: false });
    expect(headView.myTask.waitingFor.map((p: { name: string }) => p.name).sort()).toEqual(['中心主任', '其他老师']);
    expect(headView.myTaskId).toBeNull();
    // The head removes one signer they added (their task is waiting); the other approves; the head's task reopens.
    const removed = await w.apis.head.post(`/api/tasks/${task.id}/remove-signer`, { person: w.director.personId });
    expect(removed.statusCode).toBe(200);
    await w.apis.other.post(`/api/tasks/${(await w.myTask(w.apis.other, app.id))!.id}/approve`, {});
    expect((await w.myTask(w.apis.head, app.id))!.id).toBe(task.id);

    await w.apis.head.post(`/api/tasks/${task.id}/add-signer`, { people: [w.other.personId], position: 'after' });
    expect((await w.apis.applicant.get(`/api/applications/${app.id}`)).json()).toMatchObject({ currentNodeName: '部门负责人审批', currentApprovers: ['其他老师'] });
    await w.apis.other.post(`/api/tasks/${(await w.myTask(w.apis.other, app.id))!.id}/approve`, {});
    expect((await w.apis.applicant.get(`/api/applications/${app.id}`)).json().currentNodeName).toBe('信息中心审核');
    expect((await w.apis.head.post(`/api/tasks/${task.id}/add-signer`, { people: [w.other.personId], position: 'after' })).json().error.code).toBe('TASK_ALREADY_HANDLED');
    const notes = (await w.apis.applicant.get(`/api/applications/${app.id}`)).json().timeline.filter((e: { action: string }) => e.action === 'addSigner');
    expect(notes.map((e: { note: string; people: string[] }) => [e.note, e.people])).toEqual([['前加签', ['其他老师', '中心主任']], ['后加签', ['其他老师']]]);
  });
});

describe("the applicant's actions", () => {
  it('withdraws before the first decision; not after', async () => {
    const w = await world();
    const first = await w.submit();
    const withdrawn = await w.apis.applicant.post(`/api/applications/${first.id}/withdraw`, { opinion: '填错了' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', currentApprovers: [] });
    expect(withdrawn.json().tasks.map((t: { status: string }) => t.status)).toEqual(['cancelled']);
    expect((await w.apis.head.get('/api/inbox/counts')).json()).toMatchObject({ todo: 0, done: 0 });
    const second = await w.submit();
    await w.apis.head.post(`/api/tasks/${(await w.myTask(w.apis.head, second.id))!.id}/approve`, {});
    const late = await w.apis.applicant.post(`/api/applications/${second.id}/withdraw`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('WITHDRAW_NOT_ALLOWED');
    expect((await w.apis.head.post(`/api/applications/${second.id}/withdraw`, {})).json().error.code).toBe('NOT_APPLICANT');
  });

  it('urges at most once an hour per task, notifying the current approvers', async () => {
    const w = await world();
    const app = await w.submit();
    const urged = await w.apis.applicant.post(`/api/applications/${app.id}/urge`, {});
    expect(urged.statusCode).toBe(200);
    const urgedAt = new Date(urged.json().timeline.at(-1).at);
    const again = await w.apis.applicant.post(`/api/applications/${app.id}/urge`, {});
    expect(again.statusCode).toBe(429);
    // It says when urging works again, in Shanghai time.
    const retryAt = new Date(urgedAt.getTime() + 3_600_000);
    const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(retryAt);
    expect(again.json().error).toMatchObject({ code: 'URGE_TOO_SOON', retryAt: retryAt.toISOString(), message: `每个待办一小时内只能催办一次，请于 ${clock} 后再催办` });
    const jobs = await hall.db.selectFrom('job').select('payload').where('kind', '=', 'notify.event').execute();
    expect(jobs.filter((j) => (j.payload as { event: string; applicationId: string }).event === 'urged' && (j.payload as { applicationId: string }).applicationId === app.id).map((j) => (j.payload as { personId: string }).personId)).toEqual([w.head.personId]);
  });

  it('comments and copies; the copied person can read it and send a read receipt; strangers cannot', async () => {
    const w = await world();
    const app = await w.submit();
    expect((await w.apis.other.post(`/api/applications/${app.id}/comments`, { opinion: '路过' })).statusCode).toBe(404);
    expect((await w.apis.head.post(`/api/applications/${app.id}/comments`, { opinion: '周一前处理' })).statusCode).toBe(200);
    expect((await w.apis.head.get(`/api/applications/${app.id}`)).json().copiedToMe).toBe(false);
    // Copied to someone else and to its own approver: the detail tells each, so the phone sends the read receipt.
    await w.apis.applicant.post(`/api/applications/${app.id}/cc`, { people: [w.other.personId, w.head.personId], opinion: '请知悉' });
    const seenByOther = await w.apis.other.get(`/api/applications/${app.id}`);
    expect(seenByOther.statusCode).toBe(200);
    expect(seenByOther.json().copiedToMe).toBe(true);
    expect((await w.apis.head.get(`/api/applications/${app.id}`)).json().copiedToMe).toBe(true);
    expect((await w.apis.applicant.get(`/api/applications/${app.id}`)).json().copiedToMe).toBe(false);
    expect((await w.apis.other.post(`/api/applications/${app.id}/cc/read`, {})).statusCode).toBe(200);
    expect((await w.apis.head.post(`/api/applications/${app.id}/cc/read`, {})).statusCode).toBe(200);
    const copies = await hall.db.selectFrom('application_cc').selectAll().where('application_id', '=', app.id).execute();
    expect(copies.map((copy) => copy.read_at !== null)).toEqual([true, true]);
    expect(actions((await w.apis.applicant.get(`/api/applications/${app.id}`)).json())).toEqual(['submit', 'comment', 'cc']);
  });
});

describe('administrators', () => {
  it('reassign, jump and terminate; others may not', async () => {
    const w = await world();
    const admin = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
    const adminApi = await w.as(admin);
    const app = await w.submit();
    const task = (await w.myTask(w.apis.head, app.id))!;
    expect((await w.apis.head.post(`/api/admin/tasks/${task.id}/reassign`, { to: w.other.personId })).statusCode).toBe(403);
    expect((await adminApi.post(`/api/admin/tasks/${task.id}/reassign`, { to: w.other.personId })).json().currentApprovers).toEqual(['其他老师']);
    expect((await adminApi.post(`/api/admin/applications/${app.id}/jump`, { nodeId: 'director' })).json()).toMatchObject({ currentNodeName: '主任审批', currentApprovers: ['中心主任'] });
    expect((await adminApi.post(`/api/admin/applications/${app.id}/terminate`, { opinion: '重复提交' })).json()).toMatchObject({ status: 'terminated', currentApprovers: [] });
  });

  it('checks definitions with precise problems and publishes versions', async () => {
    const admin = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
    const api = client(hall.app, await login(hall.app, admin.accountNo, admin.password));
    const bad = {
      nodes: [
        { id: 'a', type: 'approver', name: 'A', assignee: { kind: 'personField', field: 'ghost' } },
        { id: 'c', type: 'condition', name: '条件', branches: [{ id: 'b1', name: '大', when: { field: 'n', op: 'gt', value: 1 }, nodes: [] }] },
        { id: 'p', type: 'parallel', name: '并行', branches: [] },
      ],
    };
    const checked = (await api.post('/api/admin/process-definitions/validate', { definition: bad, formKey: 'none' })).json();
    expect(checked.valid).toBe(false);
    expect(checked.problems.map((p: { path: string }) => p.path)).toEqual(['c', 'p']);
    const department = await buildDepartment(hall.db);
    const service = await buildService(hall.db, { departmentId: department.id, process: { nodes: [{ id: 'x', type: 'approver', name: 'X', assignee: { kind: 'departmentHead' } }] } });
    const withForm = (await api.post('/api/admin/process-definitions/validate', { definition: bad, formKey: service.code })).json();
    expect(withForm.problems).toContainEqual({ path: 'a', message: 'names form field "ghost", which the form does not have' });
    const published = await api.post(`/api/admin/process-definitions/${service.code}`, { definition: { nodes: [{ id: 'y', type: 'approver', name: 'Y', assignee: { kind: 'applicant' } }] } });
    expect(published.json()).toEqual({ valid: true, problems: [], version: 2 });
  });
});

describe('idempotency, preview, batch, timers, replay', () => {
  it('returns the original result for a repeated key and 409 for a new attempt', async () => {
    const w = await world();
    const app = await w.submit();
    const task = (await w.myTask(w.apis.head, app.id))!;
    const key = randomUUID();
    const [a, b] = await Promise.all([w.apis.head.post(`/api/tasks/${task.id}/approve`, { idempotencyKey: key }), w.apis.head.post(`/api/tasks/${task.id}/approve`, { idempotencyKey: key })]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    const c = await w.apis.head.post(`/api/tasks/${task.id}/approve`, { idempotencyKey: key });
    expect(c.json()).toEqual(a.json());
    const fresh = await w.apis.head.post(`/api/tasks/${task.id}/approve`, { idempotencyKey: randomUUID() });
    expect(fresh.json().error.code).toBe('TASK_ALREADY_HANDLED');
  });

  it('previews the path with the concrete approvers before submit', async () => {
    const w = await world();
    const preview = (await w.apis.applicant.post(`/api/services/${w.service.code}/preview`, { data: sampleData })).json();
    expect(preview.steps.map((s: { name: string; people: { name: string }[] }) => [s.name, s.people.map((p) => p.name).sort()])).toEqual([
      ['部门负责人审批', ['部门主任']],
      ['信息中心审核', ['运维乙', '运维甲']],
      ['主任审批', ['中心主任']],
    ]);
  });

  it('batch approves eligible tasks of one service, with a result per task', async () => {
    const w = await world();
    const apps = [await w.submit(), await w.submit(), await w.submit()];
    const tasks = await Promise.all(apps.map(async (app) => (await w.myTask(w.apis.head, app.id))!.id));
    const result = (await w.apis.head.post('/api/tasks/batch-approve', { taskIds: [...tasks, randomUUID()] })).json();
    expect(result.results.map((r: { ok: boolean; code?: string }) => [r.ok, r.code])).toEqual([[true, undefined], [true, undefined], [true, undefined], [false, 'TASK_NOT_FOUND']]);
    expect((await w.apis.head.get('/api/inbox/counts')).json()).toMatchObject({ todo: 0, done: 3 });
  });

  it('keeps durable timers in the job table and acts on time-outs', async () => {
    const w = await world(({ director }) => ({
      nodes: [{ id: 'quick', type: 'approver', name: '限时审批', assignee: { kind: 'people', personIds: [director] }, timeLimit: { hours: 2, remindBeforeHours: 1, onTimeout: 'approve' } }],
    }));
    const app = await w.submit();
    const timers = await hall.db.selectFrom('job').selectAll().where('kind', '=', 'workflow.timer').execute();
    const mine = timers.filter((j) => (j.payload as { applicationId: string }).applicationId === app.id);
    expect(mine.map((j) => (j.payload as { kind: string }).kind).sort()).toEqual(['remind', 'timeout']);
    const timeout = mine.find((j) => (j.payload as { kind: string }).kind === 'timeout')!;
    expect(timeout.run_at.getTime() - Date.now()).toBeGreaterThan(110 * 60_000);
    await hall.jobHandlers['workflow.timer']!(timeout, hall.db);
    await hall.jobHandlers['workflow.timer']!(timeout, hall.db); // delivered twice: no harm
    expect((await w.apis.applicant.get(`/api/applications/${app.id}`)).json()).toMatchObject({ status: 'approved' });
  });

  it('replaying the action log gives the stored engine state', async () => {
    const w = await world();
    const app = await w.submit();
    await w.apis.head.post(`/api/tasks/${(await w.myTask(w.apis.head, app.id))!.id}/send-back`, { target: 'applicant', opinion: '补充' });
    await w.apis.applicant.post(`/api/applications/${app.id}/resubmit`, { data: sampleData });
    await w.apis.head.post(`/api/tasks/${(await w.myTask(w.apis.head, app.id))!.id}/approve`, {});
    await w.apis.it2.post(`/api/tasks/${(await w.myTask(w.apis.it2, app.id))!.id}/transfer`, { to: w.other.personId });
    const row = await hall.db.selectFrom('application as a').innerJoin('process_definition as p', 'p.id', 'a.process_definition_id').select(['a.engine_state', 'p.definition']).where('a.id', '=', app.id).executeTakeFirstOrThrow();
    const log = await hall.db.selectFrom('application_action').select('action').where('application_id', '=', app.id).orderBy('id').execute();
    let state: EngineState = initialState();
    for (const { action } of log) {
      const result = advance(row.definition, state, action as Action);
      expect(result.ok).toBe(true);
      if (result.ok) state = result.state;
    }
    expect(state).toEqual(row.engine_state);
    expect(await hall.services.workflow.replayState(app.id)).toEqual(row.engine_state);
  });
});
