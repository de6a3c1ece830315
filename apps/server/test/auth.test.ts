import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { buildPerson, buildService, client, createTestHall, login, sampleData, testDbKind, type TestHall } from './helpers.ts';

let hall: TestHall;
beforeAll(async () => {
  hall = await createTestHall({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '10' });
});
afterAll(() => hall?.close());

const loginAs = (accountNo: string, password: string, headers: Record<string, string> = {}) =>
  hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo, password }, headers });

describe('login', () => {
  it('logs in with the account number and password and returns who I am, phone masked', async () => {
    const person = await buildPerson(hall.db, { name: '王小明', phone: '13812345678' });
    const response = await loginAs(person.accountNo, person.password);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: '王小明', accountNo: person.accountNo, phone: '138****5678', mustChangePassword: false, provider: 'local' });
    const cookie = response.cookies.find((c) => c.name === 'hall_sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(response.body).not.toContain(cookie.value);
  });

  it('answers a wrong password and an unknown account alike, then locks after repeated failures and says until when', async () => {
    const person = await buildPerson(hall.db);
    const unknown = await loginAs('no-such-account', 'whatever');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');

    const first = await loginAs(person.accountNo, 'wrong');
    expect(first.statusCode).toBe(401);
    expect(first.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '账号或密码错误', attemptsLeft: 2 });
    await loginAs(person.accountNo, 'wrong');
    const locked = await loginAs(person.accountNo, 'wrong');
    expect(locked.statusCode).toBe(423);
    const lockedUntil = new Date(locked.json().error.lockedUntil);
    expect(lockedUntil.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);

    // While locked, even the right password is refused.
    const right = await loginAs(person.accountNo, person.password);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');

    // When the lock has passed, the right password works and the count starts again.
    await hall.db.updateTable('account').set({ locked_until: new Date(Date.now() - 1000) }).where('account_no', '=', person.accountNo).execute();
    expect((await loginAs(person.accountNo, person.password)).statusCode).toBe(200);
    expect((await loginAs(person.accountNo, 'wrong')).json().error.attemptsLeft).toBe(2);
  });

  it('gives a new session at every login and ends the old one', async () => {
    const person = await buildPerson(hall.db);
    const first = await login(hall.app, person.accountNo, person.password);
    const second = await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: person.accountNo, password: person.password }, headers: { cookie: first.cookie } });
    const newCookie = second.cookies.find((c) => c.name === 'hall_sid')!.value;
    expect(`hall_sid=${newCookie}`).not.toBe(first.cookie);
    expect((await client(hall.app, first).get('/api/auth/me')).statusCode).toBe(401);
  });

  it('logs out without a body too (clients that post nothing)', async () => {
    const person = await buildPerson(hall.db);
    const session = await login(hall.app, person.accountNo, person.password);
    const out = await hall.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    expect([out.statusCode, out.json()]).toEqual([200, { ok: true }]);
    expect((await client(hall.app, session).get('/api/auth/me')).statusCode).toBe(401);
  });

  it('logs out: the session no longer works', async () => {
    const person = await buildPerson(hall.db);
    const session = await login(hall.app, person.accountNo, person.password);
    const api = client(hall.app, session);
    expect((await api.get('/api/auth/me')).statusCode).toBe(200);
    expect((await api.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await api.get('/api/auth/me')).json().error.code).toBe('NOT_AUTHENTICATED');
  });

  it('rejects a malformed login body with 400 and a code', async () => {
    const response = await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: 12 } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    const notJson = await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{bad', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('first login with the initial password', () => {
  it('must change the password first, following the rule, and not to the initial one', async () => {
    const person = await buildPerson(hall.db, { mustChangePassword: true, idNumber: '11010519491231002X', password: '1231002X' });
    const session = await login(hall.app, person.accountNo, '1231002X');
    const api = client(hall.app, session);
    expect((await api.get('/api/auth/me')).json().mustChangePassword).toBe(true);

    const blocked = await api.get('/api/catalog');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    expect((await api.post('/api/auth/password', { oldPassword: 'nope', newPassword: 'Better-Pass1' })).json().error.code).toBe('WRONG_PASSWORD');
    expect((await api.post('/api/auth/password', { oldPassword: '1231002X', newPassword: 'short' })).json().error.code).toBe('PASSWORD_TOO_WEAK');
    expect((await api.post('/api/auth/password', { oldPassword: '1231002X', newPassword: 'alllowercase' })).json().error.code).toBe('PASSWORD_TOO_WEAK');
    expect((await api.post('/api/auth/password', { oldPassword: '1231002X', newPassword: '1231002X' })).json().error.code).toBe('PASSWORD_UNCHANGED');

    const changed = await api.post('/api/auth/password', { oldPassword: '1231002X', newPassword: 'Better-Pass1' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().mustChangePassword).toBe(false);
    expect((await api.get('/api/catalog')).statusCode).toBe(200);
    expect((await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: person.accountNo, password: '1231002X' } })).statusCode).toBe(401);
    expect((await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: person.accountNo, password: 'Better-Pass1' } })).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the session token, from another origin, or not as JSON', async () => {
    const person = await buildPerson(hall.db);
    const session = await login(hall.app, person.accountNo, person.password);
    const noToken = await hall.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_FAILED');
    const wrongToken = await hall.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(32) } });
    expect(wrongToken.json().error.code).toBe('CSRF_FAILED');
    const crossSite = await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: person.accountNo, password: person.password }, headers: { origin: 'https://evil.example' } });
    expect(crossSite.json().error.code).toBe('CSRF_FAILED');
    const form = await hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: `accountNo=${person.accountNo}`, headers: { 'content-type': 'text/plain' } });
    expect(form.json().error.code).toBe('CSRF_FAILED');
    // The session survived all of that.
    expect((await client(hall.app, session).get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('platform', () => {
  it('answers unknown API routes with 404 JSON, serves health checks and the OpenAPI document', async () => {
    const missing = await hall.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect(missing.headers['x-request-id']).toBeTruthy();
    expect((await hall.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await hall.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const openapi = await hall.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(expect.arrayContaining(['/api/applications', '/api/tasks/{taskId}/approve', '/api/inbox/todo']));
  });
});

describe.runIf(testDbKind() === 'postgres')('sessions across server processes', () => {
  it('a session ended on one server process stops working on the other at once, though the other keeps sessions in memory', async () => {
    // A second server process on the same database, with its own session cache.
    const other = await buildApp({ config: hall.config, db: hall.db, logger: false });
    await other.app.ready();
    try {
      const person = await buildPerson(hall.db);
      const session = await login(hall.app, person.accountNo, person.password);
      const here = client(hall.app, session);
      const there = client(other.app, session);
      expect((await there.get('/api/auth/me')).statusCode).toBe(200); // now cached over there
      expect((await here.post('/api/auth/logout')).statusCode).toBe(200);
      const deadline = Date.now() + 2_000;
      let status = (await there.get('/api/auth/me')).statusCode;
      while (status === 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = (await there.get('/api/auth/me')).statusCode;
      }
      expect(status).toBe(401);

      // Changing the password ends the person's other sessions everywhere too.
      const first = await login(hall.app, person.accountNo, person.password);
      const second = await login(other.app, person.accountNo, person.password);
      expect((await client(other.app, second).get('/api/auth/me')).statusCode).toBe(200);
      const changed = await client(hall.app, first).post('/api/auth/password', { oldPassword: person.password, newPassword: 'Another#Pass2026' });
      expect(changed.statusCode).toBe(200);
      let secondStatus = 200;
      while (secondStatus === 200 && Date.now() < deadline + 2_000) {
        secondStatus = (await client(other.app, second).get('/api/auth/me')).statusCode;
        if (secondStatus === 200) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(secondStatus).toBe(401);
      expect((await client(hall.app, first).get('/api/auth/me')).json()).toMatchObject({ mustChangePassword: false });
    } finally {
      await other.app.close();
    }
  });
});

describe('signing out everywhere, and the audit log', () => {
  it('ends every session of the person, on every device, this one included', async () => {
    const person = await buildPerson(hall.db);
    const phone = client(hall.app, await login(hall.app, person.accountNo, person.password));
    const laptop = client(hall.app, await login(hall.app, person.accountNo, person.password));
    const someoneElse = await buildPerson(hall.db);
    const other = client(hall.app, await login(hall.app, someoneElse.accountNo, someoneElse.password));
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
    const out = await phone.post('/api/auth/logout-everywhere');
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === 'hall_sid')?.value).toBe('');
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(401);
    expect((await other.get('/api/auth/me')).statusCode).toBe(200); // someone else's sessions are untouched
  });

  it('records logins, failures, logouts and password changes with who, when and from where; only administrators read it; nothing can change it', async () => {
    const person = await buildPerson(hall.db);
    const admin = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
    const headers = { 'user-agent': 'AuditTest/1.0' };
    await loginAs(person.accountNo, 'wrong-password', headers);
    await loginAs(`nobody-${person.accountNo}`, 'whatever', headers);
    const session = await login(hall.app, person.accountNo, person.password);
    const api = client(hall.app, session);
    await api.post('/api/auth/password', { oldPassword: 'not-it', newPassword: 'Another#Pass2026' });
    expect((await api.post('/api/auth/password', { oldPassword: person.password, newPassword: 'Another#Pass2026' })).statusCode).toBe(200);
    await api.post('/api/auth/logout');

    const adminApi = client(hall.app, await login(hall.app, admin.accountNo, admin.password));
    const mine = (await adminApi.get(`/api/admin/audit?personId=${person.personId}`)).json();
    expect(mine.items.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`)).toEqual([
      'logout:ok', 'passwordChanged:ok', 'passwordChanged:WRONG_PASSWORD', 'login:ok', 'loginFailed:INVALID_CREDENTIALS',
    ]);
    expect(mine.items[4]).toMatchObject({ actor: { personId: person.personId, label: person.accountNo }, userAgent: 'AuditTest/1.0' });
    expect(mine.items[0].ip).toBeTruthy();
    // An unknown account is recorded by what was typed; no password appears anywhere.
    const failures = (await adminApi.get('/api/admin/audit?action=loginFailed&limit=50')).json();
    expect(failures.items.find((e: { actor: { label: string } }) => e.actor.label === `nobody-${person.accountNo}`)).toMatchObject({ actor: { personId: null }, outcome: 'INVALID_CREDENTIALS' });
    const raw = await hall.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(raw)).not.toMatch(/wrong-password|Another#Pass2026|whatever|not-it/);

    // Pages: newest first, a cursor to the next page.
    const first = (await adminApi.get(`/api/admin/audit?personId=${person.personId}&limit=2`)).json();
    const second = (await adminApi.get(`/api/admin/audit?personId=${person.personId}&limit=2&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((e: { id: string }) => e.id)).toEqual(mine.items.slice(0, 4).map((e: { id: string }) => e.id));

    const notAdmin = await buildPerson(hall.db);
    expect((await client(hall.app, await login(hall.app, notAdmin.accountNo, notAdmin.password)).get('/api/admin/audit')).statusCode).toBe(403);
    await expect(hall.db.updateTable('audit_log').set({ outcome: 'ok' }).where('actor_person_id', '=', person.personId).execute()).rejects.toThrow(/append-only/);
    await expect(hall.db.deleteFrom('audit_log').where('actor_person_id', '=', person.personId).execute()).rejects.toThrow(/append-only/);
  });
});

describe('a changed number on the same person (预科 → 本科)', () => {
  it('an administrator gives the person a new account; applications follow the person; the old account can be disabled, ending its sessions at once', async () => {
    const student = await buildPerson(hall.db, { name: '预科生', idNumber: '110101200501010037' });
    const adminPerson = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
    const admin = client(hall.app, await login(hall.app, adminPerson.accountNo, adminPerson.password));
    const oldSession = client(hall.app, await login(hall.app, student.accountNo, student.password));
    const service = await buildService(hall.db, { process: { nodes: [{ id: 'a', type: 'approver', name: '审核', assignee: { kind: 'applicant' } }] } });
    const submitted = await oldSession.post('/api/applications', { serviceCode: service.code, data: sampleData, idempotencyKey: `link-${student.accountNo}` });
    expect(submitted.statusCode).toBe(201);

    const linked = await admin.post(`/api/admin/people/${student.personId}/accounts`, { accountNo: `B${student.accountNo.slice(1)}`, kind: 'student' });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().accounts.map((a: { accountNo: string; status: string }) => `${a.accountNo}:${a.status}`)).toEqual([`${student.accountNo}:active`, `B${student.accountNo.slice(1)}:active`]);
    expect((await admin.post(`/api/admin/people/${student.personId}/accounts`, { accountNo: student.accountNo, kind: 'student' })).json().error.code).toBe('ACCOUNT_NO_TAKEN');

    // The new number logs in with the initial password (last 8 of the ID number), changes it, and sees the same applications.
    const first = await loginAs(`B${student.accountNo.slice(1)}`, '01010037');
    expect(first.json()).toMatchObject({ name: '预科生', mustChangePassword: true });
    const session = await login(hall.app, `B${student.accountNo.slice(1)}`, '01010037');
    const renewed = client(hall.app, session);
    expect((await renewed.post('/api/auth/password', { oldPassword: '01010037', newPassword: 'New#Number2026' })).statusCode).toBe(200);
    expect((await renewed.get('/api/applications/sent')).json().items.map((i: { id: string }) => i.id)).toEqual([submitted.json().id]);

    const disabled = await hall.app.inject({ method: 'PUT', url: `/api/admin/accounts/${student.accountNo}/status`, headers: { cookie: (await login(hall.app, adminPerson.accountNo, adminPerson.password).then((s) => s.cookie)), 'x-csrf-token': '' }, payload: { status: 'disabled' } });
    expect(disabled.statusCode).toBe(403); // the CSRF token is required
    const adminSession = await login(hall.app, adminPerson.accountNo, adminPerson.password);
    const done = await hall.app.inject({ method: 'PUT', url: `/api/admin/accounts/${student.accountNo}/status`, headers: { cookie: adminSession.cookie, 'x-csrf-token': adminSession.csrf }, payload: { status: 'disabled' } });
    expect(done.statusCode).toBe(200);
    expect((await oldSession.get('/api/auth/me')).statusCode).toBe(401);
    expect((await renewed.get('/api/auth/me')).statusCode).toBe(200);
    expect((await loginAs(student.accountNo, student.password)).json().error.code).toBe('ACCOUNT_DISABLED');
    // An administrator cannot disable the account they are using (the console would be lost to them).
    const own = await hall.app.inject({ method: 'PUT', url: `/api/admin/accounts/${adminPerson.accountNo}/status`, headers: { cookie: adminSession.cookie, 'x-csrf-token': adminSession.csrf }, payload: { status: 'disabled' } });
    expect(own.json().error.code).toBe('CANNOT_DISABLE_OWN_ACCOUNT');
    const audit = await hall.db.selectFrom('audit_log').select(['action']).where('actor_person_id', '=', adminPerson.personId).where('action', 'in', ['accountLinked', 'accountStatusChanged']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['accountLinked', 'accountStatusChanged']);
  });
});
