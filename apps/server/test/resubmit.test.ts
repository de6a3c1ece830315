import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinitionInput } from '@onehall/forms';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, makeHead, type BuiltPerson, type TestHall } from './helpers.ts';

/**
 * 重新提交 after a send-back: the resubmit's timeline entry records which
 * fields changed (old and new values, compared with the data stored when
 * the application was sent back), and the detail answers them to each
 * viewer without the fields hidden at the viewer's step.
 */

let hall: TestHall;
beforeAll(async () => {
  hall = await createTestHall();
});
afterAll(() => hall?.close());

type Api = ReturnType<typeof client>;

const form: FormDefinitionInput = {
  fields: [
    { key: 'title', type: 'text', label: '标题', required: true },
    { key: 'period', type: 'dateRange', label: '期间', required: true },
    { key: 'owner', type: 'person', label: '负责人' },
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
    { key: 'salary', type: 'money', label: '月薪' },
  ],
};

/** A department head who may not see 月薪 (hidden at their step), then a director who sees everything. */
async function world() {
  const department = await buildDepartment(hall.db, { name: '重新提交测试学院' });
  const head = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher', name: '差旅主任' });
  await makeHead(hall.db, department.id, head.personId);
  const director = await buildPerson(hall.db, { kind: 'teacher', name: '财务处长' });
  const applicant = await buildPerson(hall.db, { departmentId: department.id, name: '差旅申请人' });
  const colleague = await buildPerson(hall.db, { departmentId: department.id, name: '差旅同事' });
  const service = await buildService(hall.db, {
    form,
    process: {
      nodes: [
        { id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' }, fields: { salary: 'hidden' } },
        { id: 'director', type: 'approver', name: '财务处审批', assignee: { kind: 'people', personIds: [director.personId] } },
      ],
    },
  });
  const as = async (person: BuiltPerson): Promise<Api> => client(hall.app, await login(hall.app, person.accountNo, person.password));
  const apis = { applicant: await as(applicant), head: await as(head), director: await as(director) };
  const data = {
    title: '北京出差',
    period: { start: '2026-03-02', end: '2026-03-06' },
    owner: applicant.personId,
    items: [
      { item: '火车票', price: '553.5', qty: '1' },
      { item: '住宿', price: '1200', qty: 4 },
    ],
    salary: '8000',
  };
  const created = await apis.applicant.post('/api/applications', { serviceCode: service.code, data, idempotencyKey: randomUUID() });
  expect(created.statusCode, created.body).toBe(201);
  const applicationId = created.json().id as string;
  const detail = async (api: Api) => (await api.get(`/api/applications/${applicationId}`)).json();
  /** The head sends the application back to the applicant; answers the data as the applicant then reads it. */
  const sendBack = async () => {
    const taskId = (await detail(apis.head)).myTaskId as string;
    const back = await apis.head.post(`/api/tasks/${taskId}/send-back`, { target: 'applicant', opinion: '请核对明细' });
    expect(back.statusCode, back.body).toBe(200);
    return (await detail(apis.applicant)).data as Record<string, unknown>;
  };
  const resubmit = (values: Record<string, unknown>) => apis.applicant.post(`/api/applications/${applicationId}/resubmit`, { data: values, idempotencyKey: randomUUID() });
  /** The resubmit's entry as stored, not as answered: what the write recorded. */
  const storedEntries = () => hall.db.selectFrom('timeline').select(['action', 'detail']).where('application_id', '=', applicationId).where('action', '=', 'resubmit').orderBy('id').execute();
  return { applicant, colleague, apis, applicationId, detail, sendBack, resubmit, storedEntries };
}

type Entry = { action: string; changes: { key: string; label: string; from: unknown; to: unknown }[]; unchanged?: boolean };
const lastResubmit = (detail: { timeline: Entry[] }) => detail.timeline.filter((entry) => entry.action === 'resubmit').at(-1)!;

describe('what a resubmission changed', () => {
  it('records nothing when the applicant sends the same data again, though jsonb gave it back with its keys reordered', async () => {
    const w = await world();
    const stored = await w.sendBack();
    // The stored date range and table rows come back from the database with their keys in jsonb's order, not the validator's.
    const row = await hall.db.selectFrom('application').select('engine_state').where('id', '=', w.applicationId).executeTakeFirstOrThrow();
    expect(Object.keys(row.engine_state.data.period as object)).toEqual(['end', 'days', 'start']);
    const answer = await w.resubmit(stored);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(lastResubmit(answer.json())).toMatchObject({ changes: [], unchanged: true });
    expect(await w.storedEntries()).toEqual([{ action: 'resubmit', detail: { changes: [] } }]);
    // The head, who may not see 月薪, is not told either way; once they approve, the director (who sees every field) is told.
    const headSees = await w.detail(w.apis.head);
    expect(lastResubmit(headSees).changes).toEqual([]);
    expect(lastResubmit(headSees)).not.toHaveProperty('unchanged');
    expect((await w.apis.head.post(`/api/tasks/${headSees.myTaskId}/approve`, {})).statusCode).toBe(200);
    expect(lastResubmit(await w.detail(w.apis.director))).toMatchObject({ changes: [], unchanged: true });
  });

  it('records each changed field with its old and new value, in the form’s order, and names the people in refs', async () => {
    const w = await world();
    const stored = await w.sendBack();
    const items = stored.items as Record<string, unknown>[];
    const changed = { ...stored, owner: w.colleague.personId, items: [items[0], { ...items[1], qty: '3' }], title: '北京出差（改）' };
    const answer = await w.resubmit(changed);
    expect(answer.statusCode, answer.body).toBe(200);
    const expected = [
      { key: 'title', label: '标题', from: '北京出差', to: '北京出差（改）' },
      { key: 'owner', label: '负责人', from: w.applicant.personId, to: w.colleague.personId },
      {
        key: 'items',
        label: '明细',
        from: [
          { item: '火车票', price: '553.50', qty: 1 },
          { item: '住宿', price: '1200.00', qty: 4 },
        ],
        to: [
          { item: '火车票', price: '553.50', qty: 1 },
          { item: '住宿', price: '1200.00', qty: 3 },
        ],
      },
    ];
    expect(lastResubmit(answer.json())).toEqual(expect.objectContaining({ changes: expected, unchanged: false }));
    // What the write recorded: keys and values as stored, the period (same dates) not among them.
    const [entry] = await w.storedEntries();
    expect((entry!.detail!.changes as { key: string }[]).map((change) => change.key).sort()).toEqual(['items', 'owner', 'title']);
    // The head sees the same list, and the names of both people.
    const headSees = await w.detail(w.apis.head);
    expect(lastResubmit(headSees).changes).toEqual(expected);
    expect(headSees.refs.people).toMatchObject({ [w.applicant.personId]: { name: '差旅申请人' }, [w.colleague.personId]: { name: '差旅同事' } });
  });

  it('leaves a change to a field hidden at the viewer’s step out of what they see', async () => {
    const w = await world();
    const stored = await w.sendBack();
    const answer = await w.resubmit({ ...stored, salary: '9000', title: '北京出差（二）' });
    expect(answer.statusCode, answer.body).toBe(200);
    // The applicant sees both changes; the head, whose step hides 月薪, only the title — neither value of 月薪 reaches them.
    expect(lastResubmit(answer.json()).changes.map((change) => change.key)).toEqual(['title', 'salary']);
    const headSees = await w.detail(w.apis.head);
    expect(lastResubmit(headSees).changes).toEqual([{ key: 'title', label: '标题', from: '北京出差', to: '北京出差（二）' }]);
    expect(headSees.data).not.toHaveProperty('salary');
    // Nor anywhere else in the answer, as a number or text ("8000", "9000.00"): digits inside a longer
    // run (the serial number 20261208000003 on 8 December) or a UUID's group are not a value.
    expect(JSON.stringify(headSees)).not.toMatch(/(?<![0-9a-f-])[89]000(?![0-9a-f-])/);

    // Sent back again, with only 月薪 changed: the head sees no change and is not told "unchanged".
    const again = await w.sendBack();
    expect((await w.resubmit({ ...again, salary: '9500' })).statusCode).toBe(200);
    const headSeesOnlyHidden = lastResubmit(await w.detail(w.apis.head));
    expect(headSeesOnlyHidden.changes).toEqual([]);
    expect(headSeesOnlyHidden).not.toHaveProperty('unchanged');
    expect(lastResubmit(await w.detail(w.apis.applicant))).toMatchObject({ changes: [{ key: 'salary', label: '月薪', from: '9000.00', to: '9500.00' }], unchanged: false });
    // Earlier resubmits keep their own changes.
    expect((await w.detail(w.apis.applicant)).timeline.filter((entry: Entry) => entry.action === 'resubmit').map((entry: Entry) => entry.changes.map((change) => change.key))).toEqual([['title', 'salary'], ['salary']]);
  });
});
