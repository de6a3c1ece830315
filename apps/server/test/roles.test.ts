import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, sampleData, type TestHall } from './helpers.ts';

let hall: TestHall;
let admin: ReturnType<typeof client>;
let adminPerson: Awaited<ReturnType<typeof buildPerson>>;

beforeAll(async () => {
  // Sessions and lookups kept as in production: a role given or taken must still show at once.
  hall = await createTestHall({ LOOKUP_CACHE_SECONDS: '60', SESSION_CACHE_SECONDS: '60' });
  adminPerson = await buildPerson(hall.db, { kind: 'staff', name: '管理员甲', roles: [{ role: 'admin' }] });
  admin = client(hall.app, await login(hall.app, adminPerson.accountNo, adminPerson.password));
});
afterAll(() => hall.close());

type Role = { code: string; name: string; builtIn: boolean; holders: { personId: string; name: string; accountNo: string | null; departmentCode: string | null }[] };
const roleIn = (list: { items: Role[] }, code: string) => list.items.find((role) => role.code === code);
let serial = 0;
const roleCode = () => `r${Date.now().toString(36)}${serial++}`;

describe('roles (角色)', () => {
  it('a migration makes 系统管理员, listed first and built in', async () => {
    const list = await admin.get('/api/admin/roles');
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ code: 'admin', name: '系统管理员', builtIn: true });
    expect(roleIn(list.json(), 'admin')!.holders.map((h) => h.accountNo)).toContain(adminPerson.accountNo);
  });

  it('an administrator makes a role and gives it for one department; a role step then asks that person at once, and no longer once it is taken away', async () => {
    const code = roleCode();
    const made = await admin.post('/api/admin/roles', { code, name: '信息中心审核员' });
    expect(made.statusCode, made.body).toBe(200);
    expect(roleIn(made.json(), code)).toEqual({ code, name: '信息中心审核员', builtIn: false, holders: [] });
    expect((await admin.post('/api/admin/roles', { code, name: '又一个' })).json().error.code).toBe('ROLE_EXISTS');

    const department = await buildDepartment(hall.db, { name: '信息中心' });
    const reviewer = await buildPerson(hall.db, { kind: 'staff', name: '审核员乙', departmentId: department.id });
    const service = await buildService(hall.db, { process: { nodes: [{ id: 'r', type: 'approver', name: '信息中心审核', assignee: { kind: 'role', role: code } }] } });
    const applicant = client(hall.app, await login(hall.app, (await buildPerson(hall.db, { name: '申请人丙' })).accountNo, 'Test-Passw0rd'));
    const assigneesOfNewApplication = async () => {
      const sent = await applicant.post('/api/applications', { serviceCode: service.code, data: sampleData, idempotencyKey: `${code}-${serial++}` });
      if (sent.statusCode !== 201) return sent.json().error.code as string;
      const tasks = await hall.db.selectFrom('task').select('assignee_person_id').where('application_id', '=', sent.json().id).execute();
      return tasks.map((task) => task.assignee_person_id);
    };
    // Nobody holds it yet (and the answer is kept for a minute).
    expect(await assigneesOfNewApplication()).toBe('ASSIGNEE_NOT_FOUND');

    const granted = await admin.post(`/api/admin/roles/${code}/holders`, { accountNo: reviewer.accountNo, departmentCode: department.code });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(roleIn(granted.json(), code)!.holders).toEqual([{ personId: reviewer.personId, name: '审核员乙', accountNo: reviewer.accountNo, departmentCode: department.code, departmentName: '信息中心' }]);
    expect(await assigneesOfNewApplication()).toEqual([reviewer.personId]);
    // Given again: nothing changes, nothing more is audited.
    expect(roleIn((await admin.post(`/api/admin/roles/${code}/holders`, { accountNo: reviewer.accountNo, departmentCode: department.code })).json(), code)!.holders).toHaveLength(1);

    const revoked = await admin.post(`/api/admin/roles/${code}/holders/revoke`, { personId: reviewer.personId, departmentCode: department.code });
    expect(roleIn(revoked.json(), code)!.holders).toEqual([]);
    expect(await assigneesOfNewApplication()).toBe('ASSIGNEE_NOT_FOUND');

    const audit = await hall.db.selectFrom('audit_log').select(['action', 'actor_label', 'target']).where('target', '=', `role:${code}`).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'roleCreated', actor_label: adminPerson.accountNo, target: `role:${code}` },
      { action: 'roleGranted', actor_label: adminPerson.accountNo, target: `role:${code}` },
      { action: 'roleRevoked', actor_label: adminPerson.accountNo, target: `role:${code}` },
    ]);
  });

  it('系统管理员 given opens the console to the person at once, in the session they have; taken away, it closes it; never one’s own', async () => {
    const colleague = await buildPerson(hall.db, { kind: 'staff', name: '同事丁' });
    const colleagueApi = client(hall.app, await login(hall.app, colleague.accountNo, colleague.password));
    expect((await colleagueApi.get('/api/admin/roles')).statusCode).toBe(403);

    expect((await admin.post('/api/admin/roles/admin/holders', { accountNo: colleague.accountNo })).statusCode).toBe(200);
    // The session was kept for a minute with its roles: it is read again at once.
    expect((await colleagueApi.get('/api/admin/roles')).statusCode).toBe(200);
    expect((await colleagueApi.post('/api/admin/roles/admin/holders/revoke', { personId: colleague.personId })).json().error.code).toBe('CANNOT_REVOKE_OWN_ADMIN');

    expect((await admin.post('/api/admin/roles/admin/holders/revoke', { personId: colleague.personId })).statusCode).toBe(200);
    expect((await colleagueApi.get('/api/admin/roles')).statusCode).toBe(403);
    expect((await admin.post('/api/admin/roles/admin/holders/revoke', { personId: adminPerson.personId })).json().error.code).toBe('CANNOT_REVOKE_OWN_ADMIN');
  });

  it('refuses what it cannot do, in Chinese', async () => {
    const refusal = async (path: string, body: object) => {
      const answer = await admin.post(path, body);
      return [answer.statusCode, answer.json().error.code, answer.json().error.message];
    };
    expect(await refusal('/api/admin/roles/nosuchrole/holders', { accountNo: adminPerson.accountNo })).toEqual([404, 'ROLE_NOT_FOUND', '没有这个角色']);
    expect(await refusal('/api/admin/roles/admin/holders', { accountNo: 'NOSUCH9' })).toEqual([404, 'ACCOUNT_NOT_FOUND', '没有这个学号/工号的账号：请先导入该人员']);
    expect(await refusal('/api/admin/roles/admin/holders', { accountNo: adminPerson.accountNo, departmentCode: 'X' })).toEqual([400, 'ADMIN_ROLE_SCHOOL_WIDE', '系统管理员面向全校，不能只授予某个部门']);
    const code = roleCode();
    await admin.post('/api/admin/roles', { code, name: '某角色' });
    expect(await refusal(`/api/admin/roles/${code}/holders`, { accountNo: adminPerson.accountNo, departmentCode: 'NOSUCHDEPT' })).toEqual([404, 'DEPARTMENT_NOT_FOUND', '没有这个编码的部门']);
    const left = await buildPerson(hall.db);
    await hall.db.updateTable('account').set({ status: 'disabled' }).where('account_no', '=', left.accountNo).execute();
    expect((await refusal(`/api/admin/roles/${code}/holders`, { accountNo: left.accountNo }))[1]).toBe('ACCOUNT_DISABLED');
    expect((await refusal('/api/admin/roles', { code: 'Bad Code', name: '某' }))[1]).toBe('VALIDATION_FAILED');

    const someone = await buildPerson(hall.db);
    const api = client(hall.app, await login(hall.app, someone.accountNo, someone.password));
    expect((await api.post('/api/admin/roles', { code: roleCode(), name: '越权' })).statusCode).toBe(403);
  });
});
