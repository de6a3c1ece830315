import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { buildPerson, createTestHall, login, testDbKind, type BuiltPerson, type TestHall } from './helpers.ts';
import { Browser } from './peers/browser.ts';
import { casServerAvailable, startCasServer, type CasServer } from './peers/cas-server.ts';
import { freePort } from './peers/ports.ts';

if (!casServerAvailable) console.warn('CAS tests skipped: python3-django-cas-server is not installed (apt-get install python3-django-cas-server)');

describe.runIf(casServerAvailable)('login through CAS 3.0 (a real django-cas-server)', () => {
  let hall: TestHall;
  let hallUrl: string;
  let cas: CasServer;
  let zhang: BuiltPerson;
  let wang: BuiltPerson;
  let putCas: (body: object) => Promise<Response>;

  beforeAll(async () => {
    const port = await freePort();
    hallUrl = `http://127.0.0.1:${port}`;
    hall = await createTestHall({ PUBLIC_URL: hallUrl });
    await hall.app.listen({ port, host: '127.0.0.1' });
    zhang = await buildPerson(hall.db, { name: '张同学', mustChangePassword: true });
    wang = await buildPerson(hall.db, { name: '王老师', kind: 'teacher' });
    cas = await startCasServer([
      { username: zhang.accountNo, password: 'Cas#Zhang2026', email: 'zhang@yunlu.edu.cn', lastName: zhang.accountNo },
      { username: 'wanglaoshi', password: 'Cas#Wang2026', email: 'wang@yunlu.edu.cn', lastName: wang.accountNo },
      { username: 'visitor', password: 'Cas#Visitor2026', email: 'v@example.com', lastName: '99999999' },
    ]);
    const adminPerson = await buildPerson(hall.db, { kind: 'staff', roles: [{ role: 'admin' }] });
    const session = await login(hall.app, adminPerson.accountNo, adminPerson.password);
    putCas = (body) =>
      fetch(`${hallUrl}/api/admin/identity-providers/cas`, { method: 'PUT', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }, 90_000);
  afterAll(async () => {
    await cas?.stop();
    await hall?.close();
  });

  /** Hall → CAS login page → credentials → back to the hall's callback; returns the callback's answer. */
  async function logInThroughCas(browser: Browser, username: string, password: string, start = '/api/auth/cas/login?next=%2Fsent') {
    const toCas = await browser.get(`${hallUrl}${start}`);
    expect(toCas.status).toBe(302);
    const casLogin = toCas.headers.get('location')!;
    expect(casLogin.startsWith(`${cas.baseUrl}/login?`)).toBe(true);
    const page = await browser.get(casLogin);
    const html = await page.text();
    const hidden = Object.fromEntries([...html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replaceAll('&amp;', '&')]));
    const back = await browser.postForm(`${cas.baseUrl}/login`, { ...hidden, username, password });
    expect(back.status).toBe(302);
    const callback = back.headers.get('location')!;
    expect(callback.startsWith(`${hallUrl}/api/auth/cas/callback?`)).toBe(true);
    return { callback, answer: await browser.get(callback) };
  }

  it('sends people to CAS and back, logged in, to the page they wanted, with the ticket gone from the address', async () => {
    expect((await putCas({ enabled: true, displayName: '统一身份认证', settings: { baseUrl: cas.baseUrl } })).status).toBe(200);
    const options = await (await fetch(`${hallUrl}/api/auth/login-options`)).json();
    expect(options.redirects).toEqual([{ provider: 'cas', displayName: '统一身份认证', loginUrl: '/api/auth/cas/login' }]);

    const browser = new Browser();
    const { callback, answer } = await logInThroughCas(browser, zhang.accountNo, 'Cas#Zhang2026');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/sent');
    const me = await (await browser.get(`${hallUrl}/api/auth/me`)).json();
    // The session says it came through CAS: the H5 then offers to end the CAS session too at logout.
    expect(me).toMatchObject({ name: '张同学', accountNo: zhang.accountNo, mustChangePassword: false, provider: 'cas' });

    // The hall keeps no ticket in clear: not in sessions, not in the audit log.
    const ticket = new URL(callback).searchParams.get('ticket')!;
    const stored = JSON.stringify([await hall.db.selectFrom('session').selectAll().execute(), await hall.db.selectFrom('audit_log').selectAll().execute()]);
    expect(stored).not.toContain(ticket);
    expect(await hall.db.selectFrom('external_identity').select(['provider_id', 'subject']).where('person_id', '=', zhang.personId).execute()).toEqual([{ provider_id: 'cas', subject: zhang.accountNo }]);
  });

  it('refuses a replayed service ticket: a ticket is good once, even from another browser', async () => {
    expect((await putCas({ enabled: true, displayName: '统一身份认证', settings: { baseUrl: cas.baseUrl } })).status).toBe(200);
    const { callback, answer } = await logInThroughCas(new Browser(), zhang.accountNo, 'Cas#Zhang2026');
    expect(answer.status).toBe(302);
    const replayer = new Browser();
    const again = await replayer.get(callback);
    expect(again.headers.get('location')).toBe('/login?error=CAS_TICKET_INVALID&next=%2Fsent');
    expect((await replayer.get(`${hallUrl}/api/auth/me`)).status).toBe(401);
  });

  it('maps people by a released attribute when configured, and refuses people the hall does not know', async () => {
    expect((await putCas({ enabled: true, displayName: '统一身份认证', settings: { baseUrl: cas.baseUrl, accountNoAttribute: 'last_name' } })).status).toBe(200);
    const browser = new Browser();
    const { answer } = await logInThroughCas(browser, 'wanglaoshi', 'Cas#Wang2026', '/api/auth/cas/login');
    expect(answer.headers.get('location')).toBe('/');
    expect(await (await browser.get(`${hallUrl}/api/auth/me`)).json()).toMatchObject({ name: '王老师', accountNo: wang.accountNo });
    const visitor = await logInThroughCas(new Browser(), 'visitor', 'Cas#Visitor2026', '/api/auth/cas/login');
    expect(visitor.answer.headers.get('location')).toBe('/login?error=ACCOUNT_NOT_IN_DIRECTORY');
    await putCas({ enabled: true, displayName: '统一身份认证', settings: { baseUrl: cas.baseUrl } });
  });

  it('checks silently with gateway, forces a fresh login with renew, and never follows a next outside the hall', async () => {
    const stranger = new Browser();
    const gateway = await stranger.get(`${hallUrl}/api/auth/cas/login?gateway=1&next=%2Freceived`);
    const casGateway = new URL(gateway.headers.get('location')!);
    expect(casGateway.searchParams.get('gateway')).toBe('true');
    // Not logged in at CAS: CAS sends the browser straight back without a ticket; the hall shows its login page.
    const back = await stranger.get(casGateway.toString());
    expect(back.status).toBe(302);
    const landing = await stranger.get(back.headers.get('location')!);
    expect(landing.headers.get('location')).toBe('/login?next=%2Freceived');

    const renew = await new Browser().get(`${hallUrl}/api/auth/cas/login?renew=1`);
    const casRenew = new URL(renew.headers.get('location')!);
    expect(casRenew.searchParams.get('renew')).toBe('true');
    expect(new URL(casRenew.searchParams.get('service')!).searchParams.get('renew')).toBe('1');

    const evil = await new Browser().get(`${hallUrl}/api/auth/cas/login?next=${encodeURIComponent('//evil.example/x')}`);
    expect(new URL(new URL(evil.headers.get('location')!).searchParams.get('service')!).searchParams.get('next')).toBeNull();
  });

  it('logs out of the hall and, when asked, sends the browser on to end the CAS session too', async () => {
    const browser = new Browser();
    await logInThroughCas(browser, zhang.accountNo, 'Cas#Zhang2026');
    const me = await (await browser.get(`${hallUrl}/api/auth/me`)).json();
    const out = await fetch(`${hallUrl}/api/auth/logout`, { method: 'POST', headers: { cookie: `hall_sid=${browser.cookie(hallUrl, 'hall_sid')}`, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ cas: true }) });
    expect(await out.json()).toEqual({ ok: true, casLogoutUrl: `${cas.baseUrl}/logout?service=${encodeURIComponent(`${hallUrl}/login`)}` });
    expect((await browser.get(`${hallUrl}/api/auth/me`)).status).toBe(401);
    // A session opened with the hall's own password has no CAS session to end.
    const local = await login(hall.app, wang.accountNo, wang.password);
    const plain = await hall.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: local.cookie, 'x-csrf-token': local.csrf }, payload: { cas: true } });
    expect(plain.json()).toEqual({ ok: true });
  });

  it.runIf(testDbKind() === 'postgres')('single logout reaching a second server process ends the session opened on the first', async () => {
    // A second hall process on the same database, listening where CAS posts its logout (the first one is the session's).
    const secondPort = await freePort();
    const second = await buildApp({ config: { ...hall.config, PUBLIC_URL: `http://127.0.0.1:${secondPort}` }, db: hall.db, logger: false });
    await second.app.listen({ port: secondPort, host: '127.0.0.1' });
    try {
      const browser = new Browser();
      const { callback } = await logInThroughCas(browser, zhang.accountNo, 'Cas#Zhang2026');
      const me = await browser.get(`${hallUrl}/api/auth/me`);
      expect(me.status).toBe(200); // the first process now keeps the session in memory
      const ticket = new URL(callback).searchParams.get('ticket')!;
      const logoutRequest = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="x1" Version="2.0" IssueInstant="2026-11-25T02:00:00Z"><saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>${ticket}</samlp:SessionIndex></samlp:LogoutRequest>`;
      const posted = await fetch(`http://127.0.0.1:${secondPort}/api/auth/cas/callback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ logoutRequest }) });
      expect(posted.status).toBe(200);
      const deadline = Date.now() + 5_000;
      let status = 200;
      while (status === 200 && Date.now() < deadline) {
        status = (await browser.get(`${hallUrl}/api/auth/me`)).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(401);
    } finally {
      await second.app.close();
    }
  });

  it('ends the hall session when the person logs out of CAS (single logout)', async () => {
    const browser = new Browser();
    await logInThroughCas(browser, zhang.accountNo, 'Cas#Zhang2026');
    expect((await browser.get(`${hallUrl}/api/auth/me`)).status).toBe(200);
    await browser.get(`${cas.baseUrl}/logout`);
    const deadline = Date.now() + 10_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await browser.get(`${hallUrl}/api/auth/me`)).status;
    }
    expect(status).toBe(401);
    // A forged or unknown logout request ends nothing and reveals nothing.
    const forged = await fetch(`${hallUrl}/api/auth/cas/callback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ logoutRequest: '<!DOCTYPE x><x/>' }) });
    expect(forged.status).toBe(200);
  });
});
