import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../src/platform/jobs.ts';
import { aliyunSmsEnv, startAliyunSmsFake, type AliyunSmsFake } from './fakes/aliyun-sms.fake.ts';
import { buildPerson, createTestHall, login, type BuiltPerson, type TestHall } from './helpers.ts';
import { startWecomEmulator, type WecomEmulator } from './peers/wecom-emulator.ts';

/**
 * Opening the hall inside WeCom (企业微信), against the WeCom emulator: the
 * registration carries the WeCom member into the binding (a phone equal to
 * WeCom's mobile binds at once, any other needs an SMS code); a bound member
 * is logged in by WeCom alone; the manual's troubles are diagnosed.
 */
const hallUrl = 'http://hall.yunlu.test';
const secret = 'wecom-app-secret-for-tests';
const sms = { accessKeyId: 'LTAI-wecom-test', accessKeySecret: 'wecom-test-secret', signName: '云麓大学', templateCode: 'SMS_000000003' };

let hall: TestHall;
let wecom: WecomEmulator;
let aliyun: AliyunSmsFake;
let zhang: BuiltPerson;
let li: BuiltPerson;

beforeAll(async () => {
  aliyun = await startAliyunSmsFake(sms);
  wecom = await startWecomEmulator({
    corpId: 'wwyunlu0001',
    agentId: 1000002,
    secret,
    trustedDomain: 'hall.yunlu.test',
    members: [
      { userid: 'ZhangSan', name: '张三', department: [1], mobile: '+86 13800001111' },
      { userid: 'LiSi', name: '李四', department: [1], mobile: '13800002222' },
      { userid: 'Hidden', name: '王五', department: [2], mobile: '13800003333', visible: false },
      { userid: 'NewGuy', name: '赵六', department: [1], mobile: '13800004444' },
      { userid: 'OldNumber', name: '钱七', department: [1], mobile: '13800005555' },
      { userid: 'OtherMember', name: '孙八', department: [1], mobile: '13800006666' },
    ],
    wechatUsers: [{ openid: 'o-outsider' }],
  });
  hall = await createTestHall({
    PUBLIC_URL: hallUrl,
    WECOM_SECRET: secret,
    ...aliyunSmsEnv(sms, aliyun),
  });
  zhang = await buildPerson(hall.db, { name: '张三' });
  li = await buildPerson(hall.db, { name: '李四' });
  const adminPerson = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
  const admin = await login(hall.app, adminPerson.accountNo, adminPerson.password);
  const saved = await hall.app.inject({
    method: 'PUT',
    url: '/api/admin/identity-providers/wecom',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: { enabled: true, displayName: '企业微信', settings: { ...wecom.settings(), apiBaseUrl: wecom.settings().apiBaseUrl, authorizeUrl: wecom.settings().authorizeUrl } },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect((await hall.app.inject({ method: 'GET', url: '/api/auth/login-options' })).json().wecomLoginUrl).toBe('/api/auth/wecom/login');
}, 60_000);
afterAll(async () => {
  await hall?.close();
  await wecom?.close();
  await aliyun?.close();
});

/** A phone's browser: its cookies for the hall (the emulator decides who is logged in to WeChat). */
class Phone {
  cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  keep(setCookies: string | string[] | undefined) {
    for (const cookie of [setCookies ?? []].flat()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      if (value.join('=') === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value.join('='));
    }
  }
  async get(path: string) {
    const answer = await hall.app.inject({ method: 'GET', url: path, headers: { cookie: this.header() } });
    this.keep(answer.headers['set-cookie']);
    return answer;
  }
  async post(path: string, payload: object, csrf: string) {
    const answer = await hall.app.inject({ method: 'POST', url: path, headers: { cookie: this.header(), 'x-csrf-token': csrf }, payload });
    this.keep(answer.headers['set-cookie']);
    return answer;
  }
  /** The hall sends the phone to WeCom's login; WeCom sends it back with a code; returns where the hall sends it then. */
  async throughWecom(start: string): Promise<string> {
    const toWecom = await this.get(start);
    expect(toWecom.statusCode).toBe(302);
    const back = await fetch(toWecom.headers.location as string, { redirect: 'manual' });
    const callback = new URL(back.headers.get('location')!);
    expect(callback.origin).toBe(hallUrl);
    const answer = await this.get(`${callback.pathname}${callback.search}`);
    return answer.headers.location as string;
  }
  /** The registration's 在校师生 step: a fresh login with the hall password. */
  async logInAs(person: BuiltPerson): Promise<string> {
    const answer = await hall.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: this.header() }, payload: { accountNo: person.accountNo, password: person.password } });
    this.keep(answer.headers['set-cookie']);
    return answer.json().csrfToken as string;
  }
}

describe('registering inside WeCom', () => {
  it('binds at once when the phone typed is the mobile WeCom holds; afterwards WeCom alone logs the person in', async () => {
    const phone = new Phone();
    wecom.asUser('ZhangSan');
    expect(await phone.throughWecom('/api/auth/wecom/login?purpose=register')).toBe('/register');
    expect(phone.cookies.has('hall_wecom')).toBe(true);
    const csrf = await phone.logInAs(zhang);
    const bound = await phone.post('/api/binding/phone', { phone: '13800001111' }, csrf);
    expect(bound.statusCode, bound.body).toBe(200);
    expect(bound.json()).toMatchObject({ bound: true, phone: '138****1111', wecom: true });
    expect(aliyun.accepted.filter((m) => m.phone === '13800001111')).toHaveLength(0); // no SMS needed

    const later = new Phone();
    expect(await later.throughWecom('/api/auth/wecom/login?next=%2Freceived')).toBe('/received');
    expect((await later.get('/api/auth/me')).json()).toMatchObject({ name: '张三', accountNo: zhang.accountNo, provider: 'wecom' });
  });

  it('asks for an SMS code when the phone differs from WeCom’s (the manual’s 企业小助手 path)', async () => {
    const phone = new Phone();
    wecom.asUser('LiSi');
    await phone.throughWecom('/api/auth/wecom/login?purpose=register');
    const csrf = await phone.logInAs(li);
    expect((await phone.post('/api/binding/phone', { phone: '13900009999' }, csrf)).json().error.code).toBe('PHONE_NOT_VERIFIED');
    await phone.post('/api/verification/sms', { purpose: 'bindPhone', phone: '13900009999' }, csrf);
    await runDueJobs({ db: hall.db, handlers: hall.jobHandlers, log: hall.app.log, pollMs: 1000 });
    const code = aliyun.accepted.filter((m) => m.phone === '13900009999').at(-1)!.templateParam.code!;
    expect((await phone.post('/api/verification/sms/check', { purpose: 'bindPhone', phone: '13900009999', code }, csrf)).json()).toEqual({ verified: true });
    expect((await phone.post('/api/binding/phone', { phone: '13900009999' }, csrf)).json()).toMatchObject({ bound: true, wecom: true });
  });

  it('explains the troubles: not a member, outside the app’s range, this WeCom bound to someone else', async () => {
    wecom.asWechatUser('o-outsider');
    expect(await new Phone().throughWecom('/api/auth/wecom/login?purpose=register')).toBe('/register?error=WECOM_NOT_MEMBER');
    wecom.asUser('Hidden');
    expect(await new Phone().throughWecom('/api/auth/wecom/login?purpose=register')).toBe('/register?error=WECOM_OUTSIDE_VISIBLE_RANGE');

    // One WeCom member, two registrations under way (two phones): the first binding wins, the second is told why.
    const first = new Phone();
    const second = new Phone();
    wecom.asUser('NewGuy');
    await first.throughWecom('/api/auth/wecom/login?purpose=register');
    await second.throughWecom('/api/auth/wecom/login?purpose=register');
    const owner = await buildPerson(hall.db, { name: '赵六' });
    const other = await buildPerson(hall.db, { name: '他人' });
    expect((await first.post('/api/binding/phone', { phone: '13800004444' }, await first.logInAs(owner))).json()).toMatchObject({ bound: true, wecom: true });
    const refused = await second.post('/api/binding/phone', { phone: '13800004444' }, await second.logInAs(other));
    expect(refused.json().error).toMatchObject({ code: 'WECOM_BOUND_TO_OTHER', message: '这个企业微信已绑定其他账号（如旧学号）：请先用原账号解除绑定，再绑定新账号' });
  });

  it('a member bound to an old number registering a new one is told at the phone step; a person bound to another member is told at once', async () => {
    // 钱七 registered under an old number through WeCom.
    const oldNumber = await buildPerson(hall.db, { name: '钱七（旧学号）' });
    const first = new Phone();
    wecom.asUser('OldNumber');
    await first.throughWecom('/api/auth/wecom/login?purpose=register');
    expect((await first.post('/api/binding/phone', { phone: '13800005555' }, await first.logInAs(oldNumber))).json()).toMatchObject({ bound: true, wecom: true });
    // Opening the registration again in that WeCom (now with a new number): WeCom does not log the old number in; the binding is refused with the reason.
    const again = new Phone();
    expect(await again.throughWecom('/api/auth/wecom/login?purpose=register')).toBe('/register');
    const newNumber = await buildPerson(hall.db, { name: '钱七（新学号）' });
    const refused = await again.post('/api/binding/phone', { phone: '13800005555' }, await again.logInAs(newNumber));
    expect(refused.json().error.code).toBe('WECOM_BOUND_TO_OTHER');

    // The old number's person opens the registration from another member's WeCom: the status says why nothing can be bound.
    const other = new Phone();
    wecom.asUser('OtherMember');
    await other.throughWecom('/api/auth/wecom/login?purpose=register');
    await other.logInAs(oldNumber);
    expect((await other.get('/api/binding')).json()).toMatchObject({ bound: true, wecomConflict: 'PERSON_BOUND_TO_OTHER_WECOM' });
    // From the member it is bound to, no conflict.
    const same = new Phone();
    wecom.asUser('OldNumber');
    await same.throughWecom('/api/auth/wecom/login?purpose=register');
    await same.logInAs(oldNumber);
    expect((await same.get('/api/binding')).json()).toMatchObject({ bound: true, wecomConflict: null });
  });

  it('restarts the login when WeCom says the code was already used (a reload, a prefetch), instead of showing an error page', async () => {
    const phone = new Phone();
    wecom.asUser('ZhangSan');
    const toWecom = await phone.get('/api/auth/wecom/login?next=%2Fsent');
    const back = await fetch(toWecom.headers.location as string, { redirect: 'manual' });
    const callback = new URL(back.headers.get('location')!);
    // Something else used the code at WeCom first.
    const { access_token: token } = (await (await fetch(`${wecom.url}/cgi-bin/gettoken?corpid=wwyunlu0001&corpsecret=${secret}`)).json()) as { access_token: string };
    await fetch(`${wecom.url}/cgi-bin/auth/getuserinfo?access_token=${token}&code=${callback.searchParams.get('code')}`);
    const answer = await phone.get(`${callback.pathname}${callback.search}`);
    expect(answer.headers.location).toBe('/api/auth/wecom/login?next=%2Fsent&purpose=login');
    // And a callback whose state this browser never started is refused.
    expect((await new Phone().get(`${callback.pathname}${callback.search}`)).headers.location).toBe('/register?error=WECOM_LOGIN_INVALID');
  });
});
