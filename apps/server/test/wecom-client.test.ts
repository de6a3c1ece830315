import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomCodeInvalid, WecomError, WecomTokenCache, type WecomScope } from '../src/modules/identity/providers/wecom-api.ts';
import { createWecomClient, type WecomClient } from '../src/modules/identity/providers/wecom-client.ts';
import { freePort } from './peers/ports.ts';
import { startWecomEmulator, type WecomEmulator } from './peers/wecom-emulator.ts';

/**
 * The WeCom client against the emulator (test/peers/wecom-emulator.ts): the
 * token's life, the OAuth link, both scopes, and every way a code, a person
 * or the network can go wrong. No database: the hall's flows are tested
 * where they are wired.
 */
const SECRET = 'app-secret-for-tests-0123456789';
const CALLBACK = 'https://hall.yunlu.edu.cn/api/auth/wecom/callback?next=%2Fsent';

let emulator: WecomEmulator;
let client: WecomClient;

beforeEach(async () => {
  emulator = await startWecomEmulator({
    corpId: 'wwYunluCorp01',
    agentId: 1000002,
    secret: SECRET,
    trustedDomain: 'hall.yunlu.edu.cn',
    members: [
      { userid: 'zhangsan', name: '张三', department: [2], mobile: '13800000001', position: '辅导员' },
      { userid: 'lisi', name: '李四', department: [3, 5], mobile: '13800000002', email: 'lisi@yunlu.edu.cn' },
      { userid: 'wangwu', name: '王五', department: [3], mobile: '13800000003', visible: false },
      { userid: 'zhaoliu', name: '赵六', department: [4], status: 2 },
    ],
    wechatUsers: [{ openid: 'oVisitor0001' }, { openid: 'oCustomer0002', externalUserId: 'wmCustomer0002' }],
  });
  client = newClient();
});
afterEach(() => emulator.close());

function newClient(overrides: { secret?: string; corpId?: string; timeoutMs?: number; apiBaseUrl?: string } = {}): WecomClient {
  const settings = { ...emulator.settings(overrides.timeoutMs), ...(overrides.corpId ? { corpId: overrides.corpId } : {}), ...(overrides.apiBaseUrl ? { apiBaseUrl: overrides.apiBaseUrl } : {}) };
  return createWecomClient(settings, overrides.secret ?? SECRET, { tokens: new WecomTokenCache(), now: emulator.now });
}

/** What the WeCom client does with the OAuth link: follow it once and hand back the callback's code and state. */
async function authorize(scope: WecomScope, options: { callback?: string; state?: string } = {}): Promise<{ code: string; state: string; callback: URL }> {
  const response = await fetch(client.authorizeUrl({ redirectUri: options.callback ?? CALLBACK, scope, state: options.state ?? 'st4te' }), { redirect: 'manual' });
  expect(response.status).toBe(302);
  const callback = new URL(response.headers.get('location')!);
  return { code: callback.searchParams.get('code')!, state: callback.searchParams.get('state')!, callback };
}

async function failure(promise: Promise<unknown>): Promise<WecomError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WecomError);
  return error as WecomError;
}

const errcodes = (api: string) => emulator.answers.filter((a) => a.api === api).map((a) => a.errcode);

describe('the access token', () => {
  it('is fetched once for callers arriving together, then reused', async () => {
    const entries = await Promise.all(Array.from({ length: 10 }, () => client.getDirectoryEntry('zhangsan')));
    expect(entries.every((e) => e.found)).toBe(true);
    await client.getDirectoryEntry('lisi');
    expect(emulator.counts.gettoken).toBe(1);
    expect(emulator.counts['user/get']).toBe(11);
  });

  it('is shared by clients made per request through one cache, and not across secrets', async () => {
    const tokens = new WecomTokenCache();
    const perRequest = (secret: string) => createWecomClient(emulator.settings(), secret, { tokens, now: emulator.now });
    await perRequest(SECRET).getDirectoryEntry('zhangsan');
    await perRequest(SECRET).getDirectoryEntry('lisi');
    expect(emulator.counts.gettoken).toBe(1);
    await failure(perRequest('another-secret').getDirectoryEntry('lisi'));
    expect(emulator.counts.gettoken).toBe(2);
  });

  it('is renewed before it expires, without WeCom ever refusing it', async () => {
    await client.getDirectoryEntry('zhangsan');
    emulator.advance(7200 - 60);
    await client.getDirectoryEntry('zhangsan');
    expect(emulator.counts.gettoken).toBe(2);
    // WeCom hands back the live token with its remaining minute; the client does not ask again at once.
    await client.getDirectoryEntry('zhangsan');
    expect(emulator.counts.gettoken).toBe(2);
    emulator.advance(61);
    await client.getDirectoryEntry('zhangsan');
    expect(emulator.counts.gettoken).toBe(3);
    expect(errcodes('user/get')).toEqual([0, 0, 0, 0]);
  });

  it('is dropped and the call made once more when WeCom says it expired (42001)', async () => {
    await client.getDirectoryEntry('zhangsan');
    emulator.expireTokens();
    expect(await client.getDirectoryEntry('lisi')).toMatchObject({ found: true, name: '李四' });
    expect(errcodes('user/get')).toEqual([0, 42001, 0]);
    expect(emulator.counts.gettoken).toBe(2);
  });

  it('is dropped and the call made once more when WeCom says it is invalid (40014)', async () => {
    await client.getDirectoryEntry('zhangsan');
    emulator.revokeTokens();
    expect(await client.getDirectoryEntry('lisi')).toMatchObject({ found: true });
    expect(errcodes('user/get')).toEqual([0, 40014, 0]);
    expect(emulator.counts.gettoken).toBe(2);
  });

  it('is fetched once more, not once per caller, when callers together meet the refusal', async () => {
    await client.getDirectoryEntry('zhangsan');
    emulator.expireTokens();
    await Promise.all(Array.from({ length: 6 }, () => client.getDirectoryEntry('zhangsan')));
    expect(emulator.counts.gettoken).toBe(2);
    expect(errcodes('user/get').filter((c) => c === 42001)).toHaveLength(6);
  });

  it('is retried once only: a second refusal is an error', async () => {
    emulator.failNext('user/get', { errcode: 42001 });
    emulator.failNext('user/get', { errcode: 42001 });
    const error = await failure(client.getDirectoryEntry('zhangsan'));
    expect(error).toMatchObject({ kind: 'token-rejected', errcode: 42001, api: 'user/get' });
    expect(emulator.counts['user/get']).toBe(2);
  });

  it('is refused for a wrong secret or corp id, with a typed error, and nothing is cached', async () => {
    const wrongSecret = newClient({ secret: 'not-the-secret' });
    expect(await failure(wrongSecret.getDirectoryEntry('zhangsan'))).toMatchObject({ kind: 'credentials', errcode: 40001, api: 'gettoken' });
    await failure(wrongSecret.getDirectoryEntry('zhangsan'));
    expect(emulator.counts.gettoken).toBe(2);
    expect(await failure(newClient({ corpId: 'wwNotOurs' }).getDirectoryEntry('zhangsan'))).toMatchObject({ kind: 'credentials', errcode: 40013 });
    expect(emulator.counts['user/get']).toBe(0);
  });
});

describe('the OAuth link and the code', () => {
  it('is built exactly as documented, and comes back with a code and the same state', async () => {
    expect(client.authorizeUrl({ redirectUri: CALLBACK, scope: 'snsapi_base', state: 'Xy12' })).toBe(
      `${emulator.url}/connect/oauth2/authorize?appid=wwYunluCorp01&redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code&scope=snsapi_base&state=Xy12&agentid=1000002#wechat_redirect`,
    );
    emulator.asUser('zhangsan');
    const { code, state, callback } = await authorize('snsapi_base', { state: 'Xy12' });
    expect(state).toBe('Xy12');
    expect(code).toMatch(/^[\w-]{20,512}$/);
    expect(`${callback.origin}${callback.pathname}`).toBe('https://hall.yunlu.edu.cn/api/auth/wecom/callback');
    expect(callback.searchParams.get('next')).toBe('/sent');
  });

  it('snsapi_base: the member, from the directory, without sensitive fields', async () => {
    emulator.asUser('zhangsan');
    const { code } = await authorize('snsapi_base');
    expect(await client.identify(code)).toEqual({ kind: 'member', userId: 'zhangsan', name: '张三', departments: [2], status: 'active', mobile: null, email: null });
    expect(emulator.counts['auth/getuserdetail']).toBe(0);
  });

  it('snsapi_privateinfo: a user_ticket, and the mobile and email the member agreed to share', async () => {
    emulator.asUser('lisi');
    const visitor = await client.getVisitor((await authorize('snsapi_privateinfo')).code);
    expect(visitor).toMatchObject({ kind: 'member', userId: 'lisi', userTicket: expect.any(String) });
    emulator.asUser('lisi');
    expect(await client.identify((await authorize('snsapi_privateinfo')).code)).toEqual({
      kind: 'member',
      userId: 'lisi',
      name: '李四',
      departments: [3, 5],
      status: 'active',
      mobile: '13800000002',
      email: 'lisi@yunlu.edu.cn',
    });
  });

  it('snsapi_privateinfo declined: the member without a mobile', async () => {
    emulator.asUser('lisi', { consent: false });
    expect(await client.identify((await authorize('snsapi_privateinfo')).code)).toMatchObject({ kind: 'member', userId: 'lisi', mobile: null, email: null });
    expect(emulator.counts['auth/getuserdetail']).toBe(1);
  });

  it('a code used twice, older than five minutes, made up or malformed is WecomCodeInvalid (40029)', async () => {
    emulator.asUser('zhangsan');
    const { code } = await authorize('snsapi_base');
    await client.identify(code);
    const reused = await failure(client.identify(code));
    expect(reused).toBeInstanceOf(WecomCodeInvalid);
    expect(reused).toMatchObject({ kind: 'code-invalid', errcode: 40029 });

    const late = await authorize('snsapi_base');
    emulator.advance(301);
    expect(await failure(client.getVisitor(late.code))).toBeInstanceOf(WecomCodeInvalid);
    expect(await failure(client.getVisitor('made-up-code'))).toBeInstanceOf(WecomCodeInvalid);
    const calls = emulator.counts['auth/getuserinfo'];
    expect(await failure(client.getVisitor('c'.repeat(513)))).toBeInstanceOf(WecomCodeInvalid);
    expect(emulator.counts['auth/getuserinfo']).toBe(calls);
  });

  it('a WeChat user outside the corp is a non-member, with external_userid when a customer', async () => {
    emulator.asWechatUser('oVisitor0001');
    expect(await client.identify((await authorize('snsapi_privateinfo')).code)).toEqual({ kind: 'non-member', openId: 'oVisitor0001', externalUserId: null });
    emulator.asWechatUser('oCustomer0002');
    expect(await client.identify((await authorize('snsapi_base')).code)).toEqual({ kind: 'non-member', openId: 'oCustomer0002', externalUserId: 'wmCustomer0002' });
    expect(emulator.counts['user/get']).toBe(0);
  });

  it('a member outside the app’s visible range is told apart (60011), and gets no user_ticket', async () => {
    emulator.asUser('wangwu');
    const { code } = await authorize('snsapi_privateinfo');
    expect(await client.identify(code)).toEqual({ kind: 'outside-visible-range', userId: 'wangwu' });
    expect(errcodes('user/get')).toEqual([60011]);
    expect(emulator.counts['auth/getuserdetail']).toBe(0);
    expect(await client.getDirectoryEntry('nobody')).toEqual({ found: false, reason: 'not-found' });
    expect(await client.getDirectoryEntry('zhaoliu')).toMatchObject({ found: true, status: 'disabled' });
  });

  it('a member taken out of the visible range after login cannot read the ticket', async () => {
    emulator.asUser('lisi');
    const visitor = await client.getVisitor((await authorize('snsapi_privateinfo')).code);
    emulator.setVisible('lisi', false);
    expect(visitor.kind === 'member' && visitor.userTicket).toBeTruthy();
    expect(await failure(client.getMemberDetail(visitor.kind === 'member' ? visitor.userTicket! : ''))).toMatchObject({ kind: 'refused', errcode: 60011 });
  });

  it('an expired or unknown user_ticket is ticket-invalid (84014, 84015)', async () => {
    emulator.asUser('lisi');
    const visitor = await client.getVisitor((await authorize('snsapi_privateinfo')).code);
    emulator.advance(1801);
    expect(await failure(client.getMemberDetail(visitor.kind === 'member' ? visitor.userTicket! : ''))).toMatchObject({ kind: 'ticket-invalid', errcode: 84014 });
    expect(await failure(client.getMemberDetail('not-a-ticket'))).toMatchObject({ kind: 'ticket-invalid', errcode: 84015 });
  });

  it('a callback outside the app’s 可信域名 (port included) fails the exchange with 50001', async () => {
    emulator.asUser('zhangsan');
    const { code } = await authorize('snsapi_base', { callback: 'https://hall.yunlu.edu.cn:8443/api/auth/wecom/callback' });
    expect(await failure(client.identify(code))).toMatchObject({ kind: 'redirect-untrusted', errcode: 50001, api: 'auth/getuserinfo' });
  });

  it('the authorize page refuses snsapi_privateinfo without agentid, a foreign corp, and a state WeCom refuses', async () => {
    emulator.asUser('zhangsan');
    const page = (query: string) => fetch(`${emulator.url}/connect/oauth2/authorize?${query}`, { redirect: 'manual' }).then((r) => r.status);
    const callback = encodeURIComponent(CALLBACK);
    expect(await page(`appid=wwYunluCorp01&redirect_uri=${callback}&response_type=code&scope=snsapi_privateinfo&state=a`)).toBe(400);
    expect(await page(`appid=wwOther&redirect_uri=${callback}&response_type=code&scope=snsapi_base&state=a`)).toBe(400);
    expect(await page(`appid=wwYunluCorp01&redirect_uri=${callback}&response_type=code&scope=snsapi_base&state=a-b`)).toBe(400);
    expect(await page(`appid=wwYunluCorp01&redirect_uri=${callback}&response_type=code&scope=snsapi_base&state=a`)).toBe(302);
    emulator.asNobody();
    expect(await page(`appid=wwYunluCorp01&redirect_uri=${callback}&response_type=code&scope=snsapi_base&state=a`)).toBe(200); // the picker
  });
});

describe('failures on the way', () => {
  it('a server outside the app’s 企业可信IP gets a token but nothing else (60020), and learns its address', async () => {
    emulator.setTrustedIps(['203.0.113.7']);
    const error = await failure(client.getDirectoryEntry('zhangsan'));
    expect(error).toMatchObject({ kind: 'ip-not-allowed', errcode: 60020 });
    expect(error.detail).toContain('from ip: 127.0.0.1');
    expect(errcodes('gettoken')).toEqual([0]);
  });

  it('WeCom unreachable, slow, or answering an error page is `unreachable`, told apart', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    expect(await failure(newClient({ apiBaseUrl: nobody }).getDirectoryEntry('zhangsan'))).toMatchObject({ kind: 'unreachable', errcode: null, detail: 'ECONNREFUSED' });
    const impatient = newClient({ timeoutMs: 200 });
    emulator.failNext('gettoken', { delayMs: 1_000 });
    expect(await failure(impatient.getDirectoryEntry('zhangsan'))).toMatchObject({ kind: 'unreachable', detail: 'TIMEOUT' });
    emulator.failNext('user/get', { httpStatus: 502 });
    expect(await failure(client.getDirectoryEntry('zhangsan'))).toMatchObject({ kind: 'unreachable', detail: 'HTTP_502', isRetryable: true });
    emulator.failNext('user/get', { errcode: -1 });
    expect(await failure(client.getDirectoryEntry('zhangsan'))).toMatchObject({ kind: 'busy', errcode: -1, isRetryable: true });
  });

  it('no error shows the secret or the code', async () => {
    emulator.asUser('zhangsan');
    const { code } = await authorize('snsapi_base');
    await client.identify(code);
    const errors = [
      await failure(client.identify(code)),
      await failure(newClient({ secret: `${SECRET}-wrong` }).getVisitor(code)),
      await failure(newClient({ apiBaseUrl: `http://127.0.0.1:${await freePort()}` }).getVisitor(code)),
    ];
    for (const error of errors) {
      const shown = `${error.message} ${error.detail} ${error.stack ?? ''}`;
      expect(shown).not.toContain(code);
      expect(shown).not.toContain(SECRET);
    }
  });
});
