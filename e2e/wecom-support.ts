import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { freePort } from '../apps/server/test/peers/ports.ts';
import { startWecomEmulator, type WecomEmulator, type WecomEmulatorMember } from '../apps/server/test/peers/wecom-emulator.ts';
import { demoInitialPassword, launchChromium, startHall, type Hall } from './support.ts';

/**
 * What the e2e journeys inside WeCom (企业微信) share: a hall on a fixed
 * port whose PUBLIC_URL is the WeCom app's 可信域名, the WeCom emulator with
 * the corp's members, an administrator's API session, and phones whose
 * browser is WeCom's (wxwork in the user agent) and who are logged in to
 * WeCom as one member each (the emulator's `emulator_identity` cookie), so
 * two phones can be two members, or the same one, at once.
 */
export const wecomUserAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh ColorScheme/Light';
const secret = 'wecom-e2e-app-secret';
const adminPassword = 'Yunlu-Admin-WS1';

/** The administrator (10000001, initial password changed) through the API, as the admin console calls it. */
export interface AdminApi {
  put: <T = unknown>(path: string, data: object) => Promise<{ status: number; body: T }>;
  post: <T = unknown>(path: string, data: object) => Promise<{ status: number; body: T }>;
  close: () => Promise<void>;
}

export interface WecomHall {
  hall: Hall;
  wecom: WecomEmulator;
  browser: Browser;
  admin: AdminApi;
  /** A phone whose WeCom is logged in as `member`. */
  wecomPhone: (member: string) => Promise<BrowserContext>;
  stop: () => Promise<void>;
}

async function logInAdmin(baseURL: string): Promise<AdminApi> {
  const context: APIRequestContext = await request.newContext({ baseURL });
  const login = await context.post('/api/auth/login', { data: { accountNo: '10000001', password: demoInitialPassword('10000001') } });
  expect(login.status()).toBe(200);
  const changed = await context.post('/api/auth/password', { data: { oldPassword: demoInitialPassword('10000001'), newPassword: adminPassword }, headers: { 'x-csrf-token': (await login.json()).csrfToken } });
  expect(changed.status()).toBe(200);
  const csrf = ((await changed.json()) as { csrfToken: string }).csrfToken;
  const send =
    (method: 'put' | 'post') =>
    async <T>(path: string, data: object) => {
      const answer = await context[method](path, { data, headers: { 'x-csrf-token': csrf } });
      return { status: answer.status(), body: (await answer.json()) as T };
    };
  return { put: send('put'), post: send('post'), close: () => context.dispose() };
}

/**
 * A hall with WeCom set up by the IT centre against a fresh emulator. `env`
 * adds settings; PUBLIC_URL is the hall's own address on its fixed port.
 */
export async function startWecomHall(members: WecomEmulatorMember[], options: { env?: Record<string, string> } = {}): Promise<WecomHall> {
  // The hall takes its port first: the emulator then listens elsewhere (a port just found free could go to it otherwise).
  const port = await freePort();
  const hall = await startHall({ readSmsCodes: true, env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, WECOM_SECRET: secret, ...options.env } });
  const wecom = await startWecomEmulator({ corpId: 'wwyunlue2e', agentId: 1000002, secret, trustedDomain: `127.0.0.1:${port}`, members });
  const browser = await launchChromium();
  const admin = await logInAdmin(hall.baseUrl);
  const saved = await admin.put('/api/admin/identity-providers/wecom', { enabled: true, displayName: '企业微信', settings: wecom.settings() });
  expect(saved.status).toBe(200);
  return {
    hall,
    wecom,
    browser,
    admin,
    async wecomPhone(member) {
      const context = await browser.newContext({ baseURL: hall.baseUrl, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', userAgent: wecomUserAgent });
      await context.addCookies([{ name: 'emulator_identity', value: member, url: wecom.url }]);
      return context;
    },
    async stop() {
      await admin.close();
      await browser.close();
      await hall.stop();
      await wecom.close();
    },
  };
}

/**
 * Opens 用户注册 in WeCom's browser: the page first goes through WeCom's
 * login and comes back to itself (with `error` when WeCom's answer rules the
 * registration out).
 */
export async function openRegistrationInWecom(page: Page, wecom: WecomEmulator, options: { refusedWith?: string } = {}): Promise<void> {
  const authorizedBefore = wecom.counts.authorize;
  await page.goto('/register');
  await page.waitForURL((url) => url.pathname === '/register' && wecom.counts.authorize > authorizedBefore && (url.searchParams.get('error') ?? undefined) === options.refusedWith);
  await page.getByRole('button', { name: '在校师生' }).waitFor();
}

/**
 * 在校师生 → the unified login with `password` → (the first time, with
 * `newPassword`: the forced password change) → the step after the login.
 */
export async function logInOnJourney(page: Page, accountNo: string, password: string, options: { newPassword?: string; next?: string } = {}): Promise<void> {
  const next = options.next ?? '/register/phone';
  await page.getByRole('button', { name: '在校师生' }).click();
  await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === next);
  await page.getByLabel('用户名').fill(accountNo);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  if (options.newPassword) {
    await page.waitForURL((url) => url.pathname === '/password');
    await page.getByLabel('原密码').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill(options.newPassword);
    await page.getByLabel('确认新密码').fill(options.newPassword);
    await page.getByRole('button', { name: '确认修改' }).click();
  }
  await page.waitForURL((url) => url.pathname === next);
}

/** On the phone step: types the number and presses 下一步. */
export async function enterPhone(page: Page, phone: string): Promise<void> {
  await page.getByText('①填写手机号，并点击下一步').waitFor();
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached' }); // 密码修改成功 fades away
  await page.getByRole('textbox', { name: '手机号' }).fill(phone);
  await page.getByRole('button', { name: '下一步' }).click();
}

/** What GET /api/binding answers with the page's session. */
export async function bindingOf(page: Page): Promise<{ bound: boolean; phone: string | null; wecom: boolean }> {
  const answer = await page.request.get('/api/binding');
  expect(answer.status()).toBe(200);
  return (await answer.json()) as { bound: boolean; phone: string | null; wecom: boolean };
}
