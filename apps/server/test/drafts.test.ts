import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftLimits } from '@onehall/contracts';
import { createFormsService } from '../src/modules/forms/forms.service.ts';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, makeHead, sampleData, sampleForm, type BuiltPerson, type TestHall } from './helpers.ts';

/**
 * 草稿 through HTTP: saving over the one kept, the list (mine only, newest
 * first), the limits (keys of the form only, size, the service's audience,
 * the form's version), deleting, and the submit that deletes the draft in
 * its own transaction.
 */

let hall: TestHall;
beforeAll(async () => {
  hall = await createTestHall();
});
afterAll(async () => {
  await hall?.close();
});

const headApproves = { nodes: [{ id: 'head', type: 'approver' as const, name: '部门负责人审批', assignee: { kind: 'departmentHead' as const } }] };

/** A department with a head and a student in it, and two services they may apply to. */
async function world() {
  const department = await buildDepartment(hall.db);
  const head = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher' });
  await makeHead(hall.db, department.id, head.personId);
  const student = await buildPerson(hall.db, { departmentId: department.id });
  const first = await buildService(hall.db, { process: headApproves, name: '第一项服务' });
  const second = await buildService(hall.db, { process: headApproves, name: '第二项服务' });
  return { head, student, first, second, as: (person: BuiltPerson) => api(person) };
}

async function api(person: BuiltPerson) {
  const session = await login(hall.app, person.accountNo, person.password);
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const base = client(hall.app, session);
  return {
    ...base,
    save: (code: string, data: Record<string, unknown>, formVersion = 1) => hall.app.inject({ method: 'PUT', url: `/api/drafts/${code}`, headers, payload: { formVersion, data } }),
    remove: (code: string) => hall.app.inject({ method: 'DELETE', url: `/api/drafts/${code}`, headers }),
    list: async () => (await base.get('/api/drafts')).json().items as { serviceCode: string; serviceName: string; updatedAt: string; formVersion: number }[],
    mine: async (code: string) => (await base.get(`/api/drafts/${code}`)).json().draft as { data: Record<string, unknown>; updatedAt: string } | null,
  };
}

describe('saving a draft', () => {
  it('keeps one per person and service: a later save replaces the values and moves updatedAt forward', async () => {
    const { student, first } = await world();
    const me = await api(student);
    expect(await me.mine(first.code)).toBeNull();

    const saved = await me.save(first.code, { siteName: '草稿一' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ serviceCode: first.code, serviceName: '第一项服务', formVersion: 1 });

    // Unfinished is fine: an invalid URL and a missing required field are kept as they are.
    const again = await me.save(first.code, { siteName: '草稿二', siteUrl: 'not a url' });
    expect(again.statusCode).toBe(200);
    expect(new Date(again.json().updatedAt).getTime()).toBeGreaterThan(new Date(saved.json().updatedAt).getTime());

    expect(await me.mine(first.code)).toMatchObject({ data: { siteName: '草稿二', siteUrl: 'not a url' }, updatedAt: again.json().updatedAt });
    const rows = await hall.db.selectFrom('application_draft').select('id').where('person_id', '=', student.personId).execute();
    expect(rows).toHaveLength(1);
  });

  it('lists only my drafts, newest first, with the service name, and deletes one (idempotently)', async () => {
    const { student, head, first, second } = await world();
    const me = await api(student);
    const other = await buildPerson(hall.db, { departmentId: student.departmentId });
    const them = await api(other);
    expect((await me.save(first.code, { siteName: 'A' })).statusCode).toBe(200);
    expect((await me.save(second.code, { siteName: 'B' })).statusCode).toBe(200);
    expect((await them.save(first.code, { siteName: '别人的' })).statusCode).toBe(200);
    expect((await me.list()).map((d) => d.serviceCode)).toEqual([second.code, first.code]);

    // Saving the first again brings it to the top.
    expect((await me.save(first.code, { siteName: 'A2' })).statusCode).toBe(200);
    const list = await me.list();
    expect(list.map((d) => [d.serviceCode, d.serviceName])).toEqual([
      [first.code, '第一项服务'],
      [second.code, '第二项服务'],
    ]);
    expect(new Date(list[0]!.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(list[1]!.updatedAt).getTime());
    expect((await (await api(head)).list())).toEqual([]);

    expect((await me.remove(first.code)).json()).toEqual({ ok: true });
    expect((await me.remove(first.code)).statusCode).toBe(200);
    expect((await me.list()).map((d) => d.serviceCode)).toEqual([second.code]);
    // Theirs is untouched by my delete.
    expect(await them.mine(first.code)).toMatchObject({ data: { siteName: '别人的' } });
  });

  it('refuses keys the form does not have, naming them', async () => {
    const { student, first } = await world();
    const me = await api(student);
    const response = await me.save(first.code, { siteName: 'ok', secret: 'x', other: 1 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('DRAFT_FIELDS_UNKNOWN');
    expect(response.json().error.fields.map((f: { key: string }) => f.key)).toEqual(['secret', 'other']);
    expect(await me.mine(first.code)).toBeNull();
  });

  it('refuses a draft over the size cap, and takes one just under it', async () => {
    const { student, first } = await world();
    const me = await api(student);
    const overhead = JSON.stringify({ siteName: '' }).length;
    const under = await me.save(first.code, { siteName: 'x'.repeat(draftLimits.maxDataBytes - overhead) });
    expect(under.statusCode).toBe(200);
    const over = await me.save(first.code, { siteName: 'x'.repeat(draftLimits.maxDataBytes - overhead + 1) });
    expect(over.statusCode).toBe(413);
    expect(over.json().error.code).toBe('DRAFT_TOO_LARGE');
    // Multi-byte characters count as their UTF-8 bytes.
    const chinese = await me.save(first.code, { siteName: '草'.repeat(Math.ceil(draftLimits.maxDataBytes / 3)) });
    expect(chinese.json().error.code).toBe('DRAFT_TOO_LARGE');
  });

  it('refuses a service the person may not apply to, one that does not exist, and an old form version', async () => {
    const { student } = await world();
    const me = await api(student);
    const forTeachers = await buildService(hall.db, { process: headApproves, audiences: ['teacher', 'staff'] });
    const refused = await me.save(forTeachers.code, { siteName: 'x' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('SERVICE_NOT_FOR_AUDIENCE');
    expect((await me.get(`/api/drafts/${forTeachers.code}`)).json().error.code).toBe('SERVICE_NOT_FOR_AUDIENCE');
    expect((await me.save('no-such-service', { siteName: 'x' })).json().error.code).toBe('SERVICE_NOT_FOUND');

    const changing = await buildService(hall.db, { process: headApproves });
    await createFormsService({ db: hall.db }).publish(changing.code, sampleForm);
    const outdated = await me.save(changing.code, { siteName: 'x' }, 1);
    expect(outdated.statusCode).toBe(409);
    expect(outdated.json().error.code).toBe('DRAFT_FORM_OUTDATED');
    expect((await me.save(changing.code, { siteName: 'x' }, 2)).statusCode).toBe(200);
    expect(await hall.db.selectFrom('application_draft').select('id').where('person_id', '=', student.personId).execute()).toHaveLength(1);
  });

  it('needs a session and the CSRF token', async () => {
    const { student, first } = await world();
    expect((await hall.app.inject({ method: 'GET', url: '/api/drafts' })).statusCode).toBe(401);
    const session = await login(hall.app, student.accountNo, student.password);
    const noCsrf = await hall.app.inject({ method: 'PUT', url: `/api/drafts/${first.code}`, headers: { cookie: session.cookie }, payload: { formVersion: 1, data: {} } });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('submitting', () => {
  it('deletes my draft of the service, and only that one', async () => {
    const { student, first, second } = await world();
    const me = await api(student);
    await me.save(first.code, { siteName: '写了一半' });
    await me.save(second.code, { siteName: '另一项' });
    const submitted = await me.post('/api/applications', { serviceCode: first.code, data: sampleData, idempotencyKey: randomUUID() });
    expect(submitted.statusCode).toBe(201);
    expect(await me.mine(first.code)).toBeNull();
    expect((await me.list()).map((d) => d.serviceCode)).toEqual([second.code]);
  });

  it('deletes it in the submit’s transaction: when the delete fails, no application is made and the draft stays', async () => {
    const { student, first } = await world();
    const me = await api(student);
    await me.save(first.code, { siteName: '写了一半' });
    // A trigger that refuses to delete this person's drafts stands for a delete that fails inside the transaction.
    await sql`create function refuse_draft_delete() returns trigger language plpgsql as $$ begin raise exception 'draft delete refused'; end $$`.execute(hall.db);
    await sql.raw(`create trigger refuse_draft_delete before delete on application_draft for each row when (old.person_id = '${student.personId}') execute function refuse_draft_delete()`).execute(hall.db);
    try {
      const failed = await me.post('/api/applications', { serviceCode: first.code, data: sampleData, idempotencyKey: randomUUID() });
      expect(failed.statusCode).toBe(500);
      const applications = await hall.db.selectFrom('application').select('id').where('applicant_person_id', '=', student.personId).execute();
      expect(applications).toEqual([]);
      const tasks = await hall.db.selectFrom('task').innerJoin('application', 'application.id', 'task.application_id').select('task.id').where('application.applicant_person_id', '=', student.personId).execute();
      expect(tasks).toEqual([]);
      expect(await me.mine(first.code)).toMatchObject({ data: { siteName: '写了一半' } });
    } finally {
      await sql`drop trigger refuse_draft_delete on application_draft`.execute(hall.db);
      await sql`drop function refuse_draft_delete()`.execute(hall.db);
    }
    // With the delete working again, the same submit goes through and takes the draft with it.
    expect((await me.post('/api/applications', { serviceCode: first.code, data: sampleData, idempotencyKey: randomUUID() })).statusCode).toBe(201);
    expect(await me.mine(first.code)).toBeNull();
  });
});
