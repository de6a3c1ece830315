import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson, client, createTestHall, login, type BuiltPerson, type TestHall } from './helpers.ts';
import { slapdPath, startSlapd, type Slapd } from './peers/slapd.ts';

if (!slapdPath) console.warn('LDAP tests skipped: slapd is not installed (apt-get install slapd)');

describe.runIf(Boolean(slapdPath))('login through the school directory (LDAP, a real slapd)', () => {
  let hall: TestHall;
  let slapd: Slapd;
  let zhang: BuiltPerson;
  let wang: BuiltPerson;

  beforeAll(async () => {
    hall = await createTestHall();
    zhang = await buildPerson(hall.db, { name: '张同学', mustChangePassword: true });
    wang = await buildPerson(hall.db, { name: '王老师', kind: 'teacher' });
    slapd = await startSlapd([
      // 张同学 logs in with his number; the directory holds the same number.
      { uid: zhang.accountNo, password: 'Ldap#Zhang2026', employeeNumber: zhang.accountNo, cn: '张同学' },
      // 王老师 logs in with a directory name; the directory maps it to his 工号.
      { uid: 'wanglaoshi', password: 'Ldap#Wang2026', employeeNumber: wang.accountNo, cn: '王老师' },
      // Known to the directory, unknown to the hall.
      { uid: 'visitor', password: 'Ldap#Visitor2026', employeeNumber: '99999999', cn: '访客' },
    ]);
  }, 60_000);
  afterAll(async () => {
    await slapd?.stop();
    await hall?.close();
  });

  const loginAs = (accountNo: string, password: string) => hall.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo, password } });
  let putProvider: (body: object) => Promise<{ statusCode: number; json(): any }>;

  beforeAll(async () => {
    const adminPerson = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
    const session = await login(hall.app, adminPerson.accountNo, adminPerson.password);
    putProvider = (body) => hall.app.inject({ method: 'PUT', url: '/api/admin/identity-providers/ldap', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, payload: body });
  });

  it('checks the password against the directory once an administrator enables it; the hall password no longer works', async () => {
    const person = await buildPerson(hall.db);
    const notAdmin = client(hall.app, await login(hall.app, person.accountNo, person.password));
    expect((await notAdmin.get('/api/admin/identity-providers')).statusCode).toBe(403);
    expect((await hall.app.inject({ method: 'GET', url: '/api/auth/login-options' })).json()).toEqual({ password: { provider: 'local', displayName: '账号密码' }, redirects: [], wecomLoginUrl: null });
    const saved = await putProvider({ enabled: true, displayName: '统一身份认证', settings: { url: slapd.url, baseDn: slapd.peopleDn, loginAttribute: 'uid', accountNoAttribute: 'employeeNumber' } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().items.find((p: { id: string }) => p.id === 'ldap')).toMatchObject({ enabled: true, settings: { url: slapd.url, loginAttribute: 'uid' } });
    expect((await hall.app.inject({ method: 'GET', url: '/api/auth/login-options' })).json()).toEqual({ password: { provider: 'ldap', displayName: '统一身份认证' }, redirects: [], wecomLoginUrl: null });

    const ok = await loginAs(zhang.accountNo, 'Ldap#Zhang2026');
    expect(ok.statusCode).toBe(200);
    // The initial-password rule is the hall's own: a directory login need not change it.
    expect(ok.json()).toMatchObject({ name: '张同学', mustChangePassword: false });
    const me = await hall.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `hall_sid=${ok.cookies.find((c) => c.name === 'hall_sid')!.value}` } });
    expect(me.json()).toMatchObject({ name: '张同学', mustChangePassword: false });

    const local = await loginAs(zhang.accountNo, zhang.password);
    expect(local.statusCode).toBe(401);
    expect(local.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', attemptsLeft: 4 });

    const identity = await hall.db.selectFrom('external_identity').selectAll().where('person_id', '=', zhang.personId).executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ provider_id: 'ldap', subject: `uid=${zhang.accountNo},${slapd.peopleDn}` });
  });

  it('maps the directory entry to the hall account by its attribute, and refuses people the hall does not know', async () => {
    const wangLogin = await loginAs('wanglaoshi', 'Ldap#Wang2026');
    expect(wangLogin.statusCode).toBe(200);
    expect(wangLogin.json()).toMatchObject({ name: '王老师', accountNo: wang.accountNo });
    const visitor = await loginAs('visitor', 'Ldap#Visitor2026');
    expect(visitor.statusCode).toBe(403);
    expect(visitor.json().error.code).toBe('ACCOUNT_NOT_IN_DIRECTORY');
  });

  it('never lets typed text act as LDAP syntax, and refuses an empty password (no anonymous bind)', async () => {
    for (const accountNo of ['*', 'visitor,ou=people', ')(uid=*', 'wanglaoshi\\00']) {
      expect((await loginAs(accountNo, 'Ldap#Wang2026')).json().error.code).toBe('INVALID_CREDENTIALS');
    }
    expect((await loginAs('wanglaoshi', '')).statusCode).toBe(400);
  });

  it('finds the entry with a service account when configured (search, then bind as the user)', async () => {
    await slapd.stop();
    slapd = await startSlapd([{ uid: 'lixs', password: 'Ldap#Li2026', employeeNumber: 'L2026001', cn: '李同学' }]);
    // The service account's password comes from the configuration, never from the settings.
    const searching = await createTestHall({ LDAP_BIND_PASSWORD: slapd.rootPassword });
    try {
      const person = await buildPerson(searching.db, { name: '李同学' });
      await searching.db.updateTable('account').set({ account_no: 'L2026001' }).where('person_id', '=', person.personId).execute();
      const adminPerson = await buildPerson(searching.db, { kind: 'staff', roles: [{ role: 'admin' }] });
      const session = await login(searching.app, adminPerson.accountNo, adminPerson.password);
      const saved = await searching.app.inject({
        method: 'PUT',
        url: '/api/admin/identity-providers/ldap',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        payload: { enabled: true, displayName: '统一身份认证', settings: { url: slapd.url, baseDn: slapd.suffix, loginAttribute: 'uid', accountNoAttribute: 'employeeNumber', bindDn: slapd.rootDn } },
      });
      expect(saved.statusCode).toBe(200);
      const ok = await searching.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: 'lixs', password: 'Ldap#Li2026' } });
      expect(ok.json(), ok.body).toMatchObject({ name: '李同学' });
      expect((await searching.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: 'lixs', password: 'wrong' } })).json().error.code).toBe('INVALID_CREDENTIALS');

      // The directory going away is a clear, temporary error — never a way in.
      await slapd.stop();
      const down = await searching.app.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: 'lixs', password: 'Ldap#Li2026' } });
      expect(down.statusCode).toBe(503);
      expect(down.json().error).toMatchObject({ code: 'IDENTITY_PROVIDER_UNAVAILABLE', message: '统一身份认证暂时无法连接，请稍后再试' });
    } finally {
      await searching.close();
    }
  });

  it('refuses bad settings with the field named, and audits every change', async () => {
    const bad = await putProvider({ enabled: true, displayName: '统一身份认证', settings: { url: 'http://example.edu.cn', baseDn: 'dc=x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('url');
    const entries = await hall.db.selectFrom('audit_log').select(['action', 'target']).where('action', '=', 'settingChanged').execute();
    expect(entries).toContainEqual({ action: 'settingChanged', target: 'identity_provider:ldap' });
  });
});
