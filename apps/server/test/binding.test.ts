import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { runDueJobs } from '../src/platform/jobs.ts';
import { sessionIdFromToken } from '../src/modules/identity/sessions.ts';
import { aliyunSmsEnv, startAliyunSmsFake, type AliyunSmsFake } from './fakes/aliyun-sms.fake.ts';
import { buildPerson, client, createTestHall, login, type TestHall } from './helpers.ts';

const account = { accessKeyId: 'LTAI-binding-test', accessKeySecret: 'binding-test-secret', signName: '云麓大学', templateCode: 'SMS_000000002' };
let aliyun: AliyunSmsFake;
let hall: TestHall;

beforeAll(async () => {
  aliyun = await startAliyunSmsFake(account);
  hall = await createTestHall({
    ...aliyunSmsEnv(account, aliyun),
  });
});
afterAll(async () => {
  await hall?.close();
  await aliyun?.close();
});

let phoneCounter = 0;
const freshPhone = () => `139${String(Date.now() % 1e5).padStart(5, '0')}${String(phoneCounter++ % 1000).padStart(3, '0')}`;

/** A person logged in just now, with the API client of their session. */
async function freshlyLoggedIn() {
  const person = await buildPerson(hall.db);
  const session = await login(hall.app, person.accountNo, person.password);
  return { person, session, api: client(hall.app, session) };
}

/** Asks for a code, lets the worker send it, and returns what the phone received. */
async function codeSentTo(api: ReturnType<typeof client>, phone: string): Promise<string> {
  expect((await api.post('/api/verification/sms', { purpose: 'bindPhone', phone })).statusCode).toBe(200);
  await runDueJobs({ db: hall.db, handlers: hall.jobHandlers, log: hall.app.log, pollMs: 1000 });
  return aliyun.accepted.filter((m) => m.phone === phone).at(-1)!.templateParam.code!;
}

describe('binding a phone (注册: 绑定手机号)', () => {
  it('binds the phone verified by an SMS code in this session; the answer shows it masked; binding twice is refused', async () => {
    const { person, api } = await freshlyLoggedIn();
    const phone = freshPhone();
    expect((await api.get('/api/binding')).json()).toEqual({ bound: false, phone: null, wecom: false, boundAt: null, followQrUrl: null, wecomConflict: null });
    // Not verified yet: refused.
    expect((await api.post('/api/binding/phone', { phone })).json().error.code).toBe('PHONE_NOT_VERIFIED');
    const code = await codeSentTo(api, phone);
    expect((await api.post('/api/verification/sms/check', { purpose: 'bindPhone', phone, code })).json()).toEqual({ verified: true });
    const bound = await api.post('/api/binding/phone', { phone });
    expect(bound.statusCode).toBe(200);
    expect(bound.json()).toMatchObject({ bound: true, phone: `${phone.slice(0, 3)}****${phone.slice(7)}`, wecom: false });
    expect((await api.post('/api/binding/phone', { phone })).json().error.code).toBe('ALREADY_BOUND');
    const audit = await hall.db.selectFrom('audit_log').select(['action', 'target']).where('actor_person_id', '=', person.personId).where('action', '=', 'bind').execute();
    expect(audit).toEqual([{ action: 'bind', target: `${phone.slice(0, 3)}****${phone.slice(7)}` }]);
  });

  it('wants a login made just now: an older session must log in again', async () => {
    const { session, api } = await freshlyLoggedIn();
    // The session was opened eleven minutes ago (created_at is not writable through the table type, hence plain SQL).
    await sql`update session set created_at = now() - interval '11 minutes' where id = ${sessionIdFromToken(session.cookie.split('=')[1]!)}`.execute(hall.db);
    const refused = await api.post('/api/binding/phone', { phone: freshPhone() });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'LOGIN_NOT_FRESH', message: '为确认是本人操作，请重新登录后再继续' });
  });
});

describe('unbinding (解除绑定)', () => {
  it('ends the binding and every session of the person at once; then the person can bind again after logging in', async () => {
    const { person, api } = await freshlyLoggedIn();
    const other = client(hall.app, await login(hall.app, person.accountNo, person.password));
    const phone = freshPhone();
    const code = await codeSentTo(api, phone);
    await api.post('/api/verification/sms/check', { purpose: 'bindPhone', phone, code });
    await api.post('/api/binding/phone', { phone });
    const out = await api.post('/api/binding/unbind');
    expect(out.statusCode).toBe(200);
    expect((await api.get('/api/auth/me')).statusCode).toBe(401);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    const again = client(hall.app, await login(hall.app, person.accountNo, person.password));
    expect((await again.get('/api/binding')).json()).toMatchObject({ bound: false });
    expect((await again.post('/api/binding/unbind')).json().error.code).toBe('NOT_BOUND');
    const history = await hall.db.selectFrom('binding').select(['phone', 'unbound_at']).where('person_id', '=', person.personId).execute();
    expect(history).toHaveLength(1);
    expect(history[0]!.unbound_at).not.toBeNull();
  });
});

describe('the 关注企业号 QR image (注册 ②长按并关注微信企业号)', () => {
  it('is the one the administrator set in the WeCom settings, else the server’s WECOM_FOLLOW_QR_URL; only an http(s) address of at most 500 characters is taken', async () => {
    const envQr = 'https://www.yunlu.edu.cn/static/wecom-follow-env.png';
    const adminQr = 'https://www.yunlu.edu.cn/static/wecom-follow-admin.png';
    // A second hall process on the same database, configured with the fallback (the first has none).
    const configured = await buildApp({ config: { ...hall.config, WECOM_FOLLOW_QR_URL: envQr }, db: hall.db, logger: false });
    try {
      const adminPerson = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
      const admin = await login(configured.app, adminPerson.accountNo, adminPerson.password);
      const putWecom = (settings: object) =>
        configured.app.inject({ method: 'PUT', url: '/api/admin/identity-providers/wecom', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: { enabled: false, displayName: '企业微信', settings: { corpId: 'wwyunlu0001', agentId: 1000002, ...settings } } });
      const person = await buildPerson(hall.db);
      const here = client(configured.app, await login(configured.app, person.accountNo, person.password));
      const there = client(hall.app, await login(hall.app, person.accountNo, person.password));
      const followQrUrls = async () => [(await here.get('/api/binding')).json().followQrUrl, (await there.get('/api/binding')).json().followQrUrl];

      expect(await followQrUrls()).toEqual([envQr, null]);

      // Saved by the administrator (WeCom login itself left off): both processes show it, over the configured one.
      const saved = await putWecom({ followQrUrl: adminQr });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().items.find((item: { id: string }) => item.id === 'wecom').settings.followQrUrl).toBe(adminQr);
      expect(await followQrUrls()).toEqual([adminQr, adminQr]);

      // Not an http(s) address, or too long: refused in Chinese, the saved one stays.
      for (const followQrUrl of ['javascript:alert(1)', 'ftp://www.yunlu.edu.cn/qr.png', `https://www.yunlu.edu.cn/${'q'.repeat(480)}.png`]) {
        const refused = await putWecom({ followQrUrl });
        expect(refused.statusCode, followQrUrl).toBe(400);
        expect(refused.json().error.fields).toEqual([expect.objectContaining({ key: 'followQrUrl', message: expect.stringMatching(/http:\/\/ 或 https:\/\/|500 个字符/) })]);
      }
      expect(await followQrUrls()).toEqual([adminQr, adminQr]);

      // Cleared (left empty in the console: null): the configured one again.
      expect((await putWecom({ followQrUrl: null })).statusCode).toBe(200);
      expect(await followQrUrls()).toEqual([envQr, null]);
    } finally {
      await configured.app.close();
    }
  });
});
