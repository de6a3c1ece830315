import Provider from 'oidc-provider';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson, createTestHall, login, type BuiltPerson, type TestHall } from './helpers.ts';
import { Browser } from './peers/browser.ts';
import { freePort } from './peers/ports.ts';

/**
 * Login through OpenID Connect against oidc-provider (the certified provider
 * from npm) running in the test process with its development login pages.
 */
describe('login through OpenID Connect (oidc-provider, authorization code + PKCE)', () => {
  let hall: TestHall;
  let hallUrl: string;
  let issuer: string;
  let server: Server;
  let zhang: BuiltPerson;
  let putOidc: (body: object) => Promise<Response>;
  const secret = 'oidc-client-secret-for-tests';

  beforeAll(async () => {
    // One port at a time, each taken before the next is looked for (two lookups could find the same one).
    const hallPort = await freePort();
    hallUrl = `http://127.0.0.1:${hallPort}`;
    hall = await createTestHall({ PUBLIC_URL: hallUrl, OIDC_CLIENT_SECRET: secret });
    await hall.app.listen({ port: hallPort, host: '127.0.0.1' });
    const providerPort = await freePort();
    issuer = `http://127.0.0.1:${providerPort}`;
    zhang = await buildPerson(hall.db, { name: '张同学', mustChangePassword: true });
    // The provider's accounts: who they are there (sub) and the hall number they carry.
    const numbers: Record<string, string> = { 'zhang-at-idp': zhang.accountNo, 'visitor-at-idp': '99999999' };
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'onehall', client_secret: secret, redirect_uris: [`${hallUrl}/api/auth/oidc/callback`], token_endpoint_auth_method: 'client_secret_post' }],
      claims: { openid: ['sub'], profile: ['preferred_username'] },
      findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, preferred_username: numbers[id] }) }),
      pkce: { required: () => true },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['oidc-provider-cookie-key-for-tests'] },
    });
    server = provider.listen(providerPort);
    const adminPerson = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
    const session = await login(hall.app, adminPerson.accountNo, adminPerson.password);
    putOidc = (body) =>
      fetch(`${hallUrl}/api/admin/identity-providers/oidc`, { method: 'PUT', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await hall?.close();
  });

  /** Follows redirects and the provider's development login and consent forms until the hall's callback answers. */
  async function logInAtProvider(browser: Browser, accountAtIdp: string, start: string) {
    let response = await browser.get(`${hallUrl}${start}`);
    expect(response.status).toBe(302);
    let url = new URL(response.headers.get('location')!);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (let step = 0; step < 12; step++) {
      if (url.origin === hallUrl && url.pathname === '/api/auth/oidc/callback') return { callback: url, answer: await browser.get(url.toString()) };
      response = await browser.get(url.toString());
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location')!, url);
        continue;
      }
      // A development page: the login form (login + password) or the consent form.
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no form at ${url}: ${html.slice(0, 200)}`);
      const hidden = Object.fromEntries([...html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      const form = html.includes('name="login"') ? { ...hidden, login: accountAtIdp, password: 'anything' } : hidden;
      response = await browser.postForm(new URL(action, url).toString(), form);
      url = new URL(response.headers.get('location')!, url);
    }
    throw new Error('too many steps at the provider');
  }

  it('logs in with the code and PKCE, to the page wanted; the state works once and only in the browser that started', async () => {
    expect((await putOidc({ enabled: true, displayName: '学校统一认证', settings: { issuer, clientId: 'onehall' } })).status).toBe(200);
    const options = await (await fetch(`${hallUrl}/api/auth/login-options`)).json();
    expect(options.redirects).toContainEqual({ provider: 'oidc', displayName: '学校统一认证', loginUrl: '/api/auth/oidc/login' });

    const browser = new Browser();
    const { callback, answer } = await logInAtProvider(browser, 'zhang-at-idp', '/api/auth/oidc/login?next=%2Freceived');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/received');
    expect(await (await browser.get(`${hallUrl}/api/auth/me`)).json()).toMatchObject({ name: '张同学', mustChangePassword: false });
    expect(await hall.db.selectFrom('external_identity').select(['provider_id', 'subject']).where('person_id', '=', zhang.personId).execute()).toEqual([{ provider_id: 'oidc', subject: 'zhang-at-idp' }]);

    // The same answer again, or in another browser: refused.
    expect((await browser.get(callback.toString())).headers.get('location')).toBe('/login?error=OIDC_LOGIN_INVALID');
    expect((await new Browser().get(callback.toString())).headers.get('location')).toBe('/login?error=OIDC_LOGIN_INVALID');
  });

  it('refuses a state started in another browser, and people the hall does not know', async () => {
    const victim = new Browser();
    const attacker = new Browser();
    // The attacker starts a login and sends the callback URL to someone else: the state is not theirs.
    const started = await attacker.get(`${hallUrl}/api/auth/oidc/login`);
    const state = new URL(started.headers.get('location')!).searchParams.get('state')!;
    expect((await victim.get(`${hallUrl}/api/auth/oidc/callback?code=x&state=${state}`)).headers.get('location')).toBe('/login?error=OIDC_LOGIN_INVALID');
    const visitor = await logInAtProvider(new Browser(), 'visitor-at-idp', '/api/auth/oidc/login');
    // renew=1 (binding, unbinding) asks the provider for a fresh login.
    const renewed = new URL((await new Browser().get(`${hallUrl}/api/auth/oidc/login?renew=1`)).headers.get('location')!);
    expect([renewed.searchParams.get('prompt'), renewed.searchParams.get('max_age')]).toEqual(['login', '0']);
    expect(visitor.answer.headers.get('location')).toBe('/login?error=ACCOUNT_NOT_IN_DIRECTORY');
  });

  it('needs PUBLIC_URL to be enabled and the client secret never leaves the configuration', async () => {
    const noUrl = await createTestHall();
    try {
      const adminPerson = await buildPerson(noUrl.db, { kind: 'staff', roles: [{ role: 'admin' }] });
      const session = await login(noUrl.app, adminPerson.accountNo, adminPerson.password);
      const refused = await noUrl.app.inject({ method: 'PUT', url: '/api/admin/identity-providers/oidc', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, payload: { enabled: true, displayName: '统一认证', settings: { issuer, clientId: 'onehall' } } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toContain('PUBLIC_URL');
    } finally {
      await noUrl.close();
    }
    const stored = JSON.stringify(await hall.db.selectFrom('identity_provider').selectAll().execute());
    expect(stored).not.toContain(secret);
  });
});
