import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidWecomState, randomWecomState, tokenRefreshAt, WecomCodeInvalid, WecomError, wecomAuthorizeUrl, wecomRefusal, WecomTokenCache } from './wecom-api.ts';

const settings = { corpId: 'wwCorp01', agentId: 1000002, authorizeUrl: 'https://open.weixin.qq.com/connect/oauth2/authorize' };

describe('the WeCom OAuth link', () => {
  it('has the documented parameters in the documented order, the callback URL-encoded, and #wechat_redirect', () => {
    const url = wecomAuthorizeUrl(settings, { redirectUri: 'https://hall.yunlu.edu.cn/api/auth/wecom/callback?next=/sent&x=1', scope: 'snsapi_privateinfo', state: 'abc123' });
    expect(url).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wwCorp01' +
        '&redirect_uri=https%3A%2F%2Fhall.yunlu.edu.cn%2Fapi%2Fauth%2Fwecom%2Fcallback%3Fnext%3D%2Fsent%26x%3D1' +
        '&response_type=code&scope=snsapi_privateinfo&state=abc123&agentid=1000002#wechat_redirect',
    );
    expect(new URL(url).searchParams.get('redirect_uri')).toBe('https://hall.yunlu.edu.cn/api/auth/wecom/callback?next=/sent&x=1');
  });

  it('refuses a state WeCom would refuse (84025): empty, longer than 128, or outside a-zA-Z0-9', () => {
    for (const state of ['', 'a'.repeat(129), 'abc-_', 'a b', '状态']) {
      expect(() => wecomAuthorizeUrl(settings, { redirectUri: 'https://h/cb', scope: 'snsapi_base', state })).toThrow(/state/);
    }
    expect(isValidWecomState('a'.repeat(128))).toBe(true);
  });

  it('makes random states WeCom accepts', () => {
    const states = new Set(Array.from({ length: 50 }, randomWecomState));
    expect(states.size).toBe(50);
    for (const state of states) expect(isValidWecomState(state)).toBe(true);
  });
});

describe('the access-token schedule', () => {
  it('renews five minutes early, or at half the life of a short-lived token', () => {
    expect(tokenRefreshAt(0, 7200)).toBe(6900_000);
    expect(tokenRefreshAt(1_000, 240)).toBe(121_000);
  });

  it('always renews after fetching and before expiry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 42 }), fc.integer({ min: 1, max: 86_400 }), (at, expiresIn) => {
        const refreshAt = tokenRefreshAt(at, expiresIn);
        return refreshAt > at && refreshAt < at + expiresIn * 1000;
      }),
    );
  });
});

describe('WeCom refusals', () => {
  it('sorts errcodes into what the hall does about them', () => {
    const kinds = Object.fromEntries([-1, 40001, 40013, 40014, 40029, 42001, 45009, 50001, 60011, 60020, 84014, 84015].map((code) => [code, wecomRefusal('x', code, '').kind]));
    expect(kinds).toEqual({
      '-1': 'busy',
      40001: 'credentials',
      40013: 'credentials',
      40014: 'token-rejected',
      40029: 'code-invalid',
      42001: 'token-rejected',
      45009: 'busy',
      50001: 'redirect-untrusted',
      60011: 'refused',
      60020: 'ip-not-allowed',
      84014: 'ticket-invalid',
      84015: 'ticket-invalid',
    });
    expect(wecomRefusal('auth/getuserinfo', 40029, 'invalid code')).toBeInstanceOf(WecomCodeInvalid);
    expect(wecomRefusal('auth/getuserinfo', 40029, 'invalid code')).toBeInstanceOf(WecomError);
    expect(wecomRefusal('x', -1, '').isRetryable).toBe(true);
    expect(wecomRefusal('x', 40001, '').isRetryable).toBe(false);
  });

  it('keeps errmsg out of the message and scrubs the request’s secrets from it', () => {
    const error = wecomRefusal('auth/getuserinfo', 40029, 'invalid code CODE-SECRET-1, hint: [1], from ip: 10.0.0.1', ['CODE-SECRET-1']);
    expect(error.message).toBe('WeCom auth/getuserinfo: errcode 40029 (code-invalid)');
    expect(error.detail).toBe('invalid code [redacted], hint: [1], from ip: 10.0.0.1');
  });
});

describe('the token cache', () => {
  const later = (token: string, refreshAt = 1_000) => new Promise<{ token: string; refreshAt: number }>((resolve) => setTimeout(() => resolve({ token, refreshAt }), 5));

  it('fetches once for callers arriving together, and keeps the token until its refresh time', async () => {
    const cache = new WecomTokenCache();
    let fetches = 0;
    const fetchToken = () => (fetches++, later(`t${fetches}`));
    expect(await Promise.all(Array.from({ length: 8 }, () => cache.get('k', 0, fetchToken)))).toEqual(Array(8).fill('t1'));
    expect(await cache.get('k', 999, fetchToken)).toBe('t1');
    expect(await cache.get('k', 1_000, fetchToken)).toBe('t2');
    expect(fetches).toBe(2);
  });

  it('shares a failed fetch with every waiter and does not keep it', async () => {
    const cache = new WecomTokenCache();
    const failing = () => Promise.reject(new WecomError('credentials', 'gettoken', 40001, 'invalid credential'));
    const results = await Promise.allSettled([cache.get('k', 0, failing), cache.get('k', 0, failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await cache.get('k', 0, () => later('t-after'))).toBe('t-after');
  });

  it('drops a refused token only if nobody has replaced it yet', async () => {
    const cache = new WecomTokenCache();
    await cache.get('k', 0, () => later('old'));
    cache.drop('k', 'other');
    expect(await cache.get('k', 0, () => later('new'))).toBe('old');
    cache.drop('k', 'old');
    expect(await cache.get('k', 0, () => later('new'))).toBe('new');
  });
});
