import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { freePort } from '../apps/server/test/peers/ports.ts';
import { startWecomEmulator, type WecomEmulator } from '../apps/server/test/peers/wecom-emulator.ts';
import { demoInitialPassword, launchChromium, snap, startHall, type Hall } from './support.ts';

/**
 * The hall opened inside WeCom (企业微信), against the WeCom emulator: the
 * registration learns the WeCom member first, and a phone equal to the
 * mobile WeCom holds binds without an SMS code (manual 1.3 ①–③); afterwards
 * WeCom alone lets the member in; someone outside the corp is told why.
 */
const student = '2023020104';
const newPassword = 'Yunlu-Wecom-01';
const secret = 'wecom-e2e-app-secret';
const wecomUa = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh ColorScheme/Light';

let hall: Hall;
let wecom: WecomEmulator;
let browser: Browser;

function wecomPhone(): Promise<BrowserContext> {
  return browser.newContext({ baseURL: hall.baseUrl, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', userAgent: wecomUa });
}

beforeAll(async () => {
  // The hall takes its port first: the emulator then listens elsewhere (a port just found free could go to it otherwise).
  const port = await freePort();
  hall = await startHall({ readSmsCodes: true, env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, WECOM_SECRET: secret } });
  wecom = await startWecomEmulator({
    corpId: 'wwyunlue2e',
    agentId: 1000002,
    secret,
    trustedDomain: `127.0.0.1:${port}`,
    members: [{ userid: 'HY230104', name: '汉语言学生', department: [1], mobile: '+86 13922223333' }],
    wechatUsers: [{ openid: 'o-visitor' }],
  });
  browser = await launchChromium();
  // The IT centre sets WeCom up (the administrator changes the initial password first).
  const admin = await browser.newContext({ baseURL: hall.baseUrl });
  const login = await admin.request.post('/api/auth/login', { data: { accountNo: '10000001', password: demoInitialPassword('10000001') } });
  const changed = await admin.request.post('/api/auth/password', { data: { oldPassword: demoInitialPassword('10000001'), newPassword: 'Yunlu-Admin-W1' }, headers: { 'x-csrf-token': (await login.json()).csrfToken } });
  const saved = await admin.request.put('/api/admin/identity-providers/wecom', { data: { enabled: true, displayName: '企业微信', settings: wecom.settings() }, headers: { 'x-csrf-token': (await changed.json()).csrfToken } });
  expect(saved.status()).toBe(200);
  await admin.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  await wecom?.close();
});

describe('inside WeCom', () => {
  it('registers with the phone WeCom holds — no SMS code — and afterwards WeCom alone lets the student in', async () => {
    wecom.asUser('HY230104');
    const context = await wecomPhone();
    const page = await context.newPage();
    await page.goto('/register');
    // The page first asks WeCom who this is, and comes back to itself.
    await page.waitForURL((url) => url.pathname === '/register' && wecom.counts.authorize === 1);
    await page.getByRole('button', { name: '在校师生' }).waitFor();
    await snap(page, '60-wecom-register');
    await page.getByRole('button', { name: '在校师生' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('用户名').fill(student);
    await page.getByLabel('密码').fill(demoInitialPassword(student));
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/password');
    await page.getByLabel('原密码').fill(demoInitialPassword(student));
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码').fill(newPassword);
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL((url) => url.pathname === '/register/phone');
    const smsBefore = hall.smsCount();
    await page.getByRole('textbox', { name: '手机号' }).fill('13922223333');
    await snap(page, '61-wecom-register-phone');
    await page.getByRole('button', { name: '下一步' }).click();
    // The same number as WeCom's: bound at once, straight to ②.
    await page.waitForURL((url) => url.pathname === '/register/follow');
    expect(hall.smsCount()).toBe(smsBefore);
    await snap(page, '62-wecom-register-follow');

    // Later, on a fresh WeCom browser: opening the hall goes through WeCom and lands logged in.
    const later = await wecomPhone();
    const home = await later.newPage();
    await home.goto('/');
    await home.getByRole('link', { name: /^要办事到大厅/ }).waitFor();
    // WeCom's #wechat_redirect, which browsers carry across redirects, is gone from the address.
    expect(new URL(home.url()).hash).toBe('');
    const me = await later.request.get('/api/auth/me');
    expect((await me.json()).accountNo).toBe(student);
    await snap(home, '63-wecom-home');
    await context.close();
    await later.close();
  });

  it('tells someone who is not a member of the school’s WeCom what to do', async () => {
    wecom.asWechatUser('o-visitor');
    const context = await wecomPhone();
    const page = await context.newPage();
    await page.goto('/register');
    await page.waitForURL((url) => url.pathname === '/register' && url.searchParams.get('error') === 'WECOM_NOT_MEMBER');
    await page.getByText('您还不是本校企业微信的成员').waitFor();
    await snap(page, '64-wecom-not-member');
    await context.close();
  });
});
