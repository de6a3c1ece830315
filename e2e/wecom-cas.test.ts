import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casServerAvailable, startCasServer, type CasServer } from '../apps/server/test/peers/cas-server.ts';
import type { Page } from 'playwright-core';
import { newPhone, snap } from './support.ts';
import { bindingOf, enterPhone, openRegistrationInWecom, startWecomHall, type WecomHall } from './wecom-support.ts';

/**
 * Registering inside WeCom through the school's unified login (CAS, a real
 * django-cas-server): the login page offers 统一身份认证登录; on the
 * registration journey the hall asks CAS for a fresh login (renew), and the
 * person comes back logged in to the phone step, WeCom member still known.
 * Then, on a phone's ordinary browser, 我的 → 退出登录 offers to end the CAS
 * session too.
 */
const student = '2023040102';
const casPassword = 'Cas#Student2026';
const member = 'SX230102';
const wecomMobile = '13944440002';

if (!casServerAvailable) console.warn('e2e CAS journey skipped: python3-django-cas-server is not installed (apt-get install python3-django-cas-server)');

describe.runIf(casServerAvailable)('inside WeCom, logging in through CAS', () => {
  let setup: WecomHall;
  let cas: CasServer;

  beforeAll(async () => {
    setup = await startWecomHall([{ userid: member, name: '数学学生', department: [1], mobile: `+86 ${wecomMobile}` }]);
    cas = await startCasServer([{ username: student, password: casPassword, email: 'sx230102@yunlu.edu.cn', lastName: student }]);
    const saved = await setup.admin.put('/api/admin/identity-providers/cas', { enabled: true, displayName: '统一身份认证', settings: { baseUrl: cas.baseUrl } });
    expect(saved.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await cas?.stop();
    await setup?.stop();
  });

  it('registers: 在校师生 → 统一身份认证登录 → the CAS login form (renew) → back to the phone step → bound with WeCom', async () => {
    const phone = await setup.wecomPhone(member);
    const page = await phone.newPage();
    await openRegistrationInWecom(page, setup.wecom);
    await page.getByRole('button', { name: '在校师生' }).click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/register/phone');
    const casButton = page.getByRole('button', { name: '统一身份认证登录' });
    await casButton.waitFor();
    await snap(page, '76-cas-hall-login');
    await casButton.click();

    // CAS's own login page, asked for a fresh login, for the hall's callback that leads back to the journey.
    await page.waitForURL((url) => url.href.startsWith(`${cas.baseUrl}/login`));
    const casLogin = new URL(page.url());
    expect(casLogin.searchParams.get('renew')).toBe('true');
    const service = new URL(casLogin.searchParams.get('service')!);
    expect(`${service.origin}${service.pathname}`).toBe(`${setup.hall.baseUrl}/api/auth/cas/callback`);
    expect(service.searchParams.get('next')).toBe('/register/phone');
    await page.locator('input[name="username"]').fill(student);
    await page.locator('input[name="password"]').fill(casPassword);
    await snap(page, '77-cas-login-form');
    await page.locator('form button[type="submit"], form input[type="submit"]').first().click();

    await page.waitForURL((url) => url.origin === setup.hall.baseUrl && url.pathname === '/register/phone');
    expect(new URL(page.url()).searchParams.get('ticket')).toBeNull();
    await page.getByText(`学号 ${student}`).waitFor();
    await snap(page, '78-cas-register-phone');
    const smsBefore = setup.hall.smsCount();
    await enterPhone(page, wecomMobile); // WeCom's mobile: no SMS code
    await page.waitForURL((url) => url.pathname === '/register/follow');
    expect(setup.hall.smsCount()).toBe(smsBefore);
    await expect(bindingOf(page)).resolves.toMatchObject({ bound: true, phone: '139****0002', wecom: true });
    await page.getByRole('button', { name: '下一步' }).click();
    await page.waitForURL((url) => url.pathname === '/register/done');
    await page.getByRole('heading', { name: '③完成' }).waitFor();
    await snap(page, '79-cas-register-done');
    expect((await (await phone.request.get('/api/auth/me')).json()).accountNo).toBe(student);
    await phone.close();
  });

  it('logs out: 退出登录 keeps the CAS session (the next 统一身份认证登录 needs no password), 同时退出统一身份认证 ends it', async () => {
    const phone = await newPhone(setup.browser, setup.hall.baseUrl);
    const page = await phone.newPage();
    const casLoginButton = page.getByRole('button', { name: '统一身份认证登录' });
    /** 我的 → 退出登录: a session that came through CAS is asked how far to log out. */
    const askToLogOut = async (target: Page) => {
      await target.getByRole('button', { name: /我的/ }).click();
      await target.getByRole('dialog', { name: '我的' }).getByRole('button', { name: '退出登录' }).click();
      await target.getByText('您是通过统一身份认证登录的').waitFor();
    };

    await page.goto('/login');
    await casLoginButton.click();
    await page.waitForURL((url) => url.href.startsWith(`${cas.baseUrl}/login`));
    await page.locator('input[name="username"]').fill(student);
    await page.locator('input[name="password"]').fill(casPassword);
    await page.locator('form button[type="submit"], form input[type="submit"]').first().click();
    await page.waitForURL((url) => url.origin === setup.hall.baseUrl && url.pathname === '/');
    expect((await (await page.request.get('/api/auth/me')).json()).provider).toBe('cas');

    // 退出登录 only: the hall session ends; CAS still knows the person, so its button logs in again without the form.
    await askToLogOut(page);
    await snap(page, '80-cas-logout-choice');
    await page.getByRole('option', { name: '退出登录', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    await casLoginButton.click();
    await page.waitForURL((url) => url.origin === setup.hall.baseUrl && url.pathname === '/');

    // 同时退出统一身份认证: through CAS's logout and back to the hall's login page; now CAS asks for the password again.
    await askToLogOut(page);
    await page.getByRole('option', { name: '同时退出统一身份认证' }).click();
    await page.waitForURL((url) => url.origin === setup.hall.baseUrl && url.pathname === '/login');
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);
    await casLoginButton.click();
    await page.waitForURL((url) => url.href.startsWith(`${cas.baseUrl}/login`));
    await page.locator('input[name="username"]').waitFor();
    await phone.close();
  });
});
