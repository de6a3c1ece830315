import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoInitialPassword, launchChromium, newPhone, poll, snap, startHall, type Hall } from './support.ts';

/**
 * The manual's chapters 1 (用户注册), 3 (解除绑定) and 4 (常见问题) on a
 * phone. A student who has never logged in opens the registration page,
 * logs in with the initial password, changes it, binds a phone with an SMS
 * code (read from the hall's log: SMS_PROVIDER is 'log'), follows the
 * school's WeCom account and enters the hall; then unbinds after a fresh
 * login, which ends every session of the student, on this phone and others.
 */
const student = '2023010203';
const newPassword = 'Yunlu-Register-1';
const phoneNumber = '13912345678';
const maskedPhone = '139****5678';

/** A stand-in for the school's WeCom QR code (WECOM_FOLLOW_QR_URL), small enough for the setting. */
const followQr = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 21 21'><path fill='#fff' d='M0 0h21v21H0z'/><path d='M0 0h7v7H0zm14 0h7v7h-7zM0 14h7v7H0zM9 9h3v3H9zm5 5h2v2h-2zm4 3h2v3h-2zM9 2h2v2H9zm0 14h3v2H9zM2 9h3v2H2zm14 -1h3v2h-3z'/><path fill='#fff' d='M1 1h5v5H1zm14 0h5v5h-5zM1 15h5v5H1z'/><path d='M2 2h3v3H2zm14 0h3v3h-3zM2 16h3v3H2z'/></svg>",
)}`;

let hall: Hall;
let browser: Browser;
let phone: BrowserContext;
let otherPhone: BrowserContext;

beforeAll(async () => {
  hall = await startHall({ readSmsCodes: true, env: { WECOM_FOLLOW_QR_URL: followQr } });
  browser = await launchChromium();
  phone = await newPhone(browser, hall.baseUrl);
  otherPhone = await newPhone(browser, hall.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

/** Fills the unified login form and submits it. */
async function logIn(page: Page, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(student);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Whether a request with this context's cookies finds a session. */
async function sessionStatus(context: BrowserContext): Promise<number> {
  const response = await context.request.get('/api/auth/me');
  return response.status();
}

describe('chapter 1: 用户注册', () => {
  it('a first-time student registers: 在校师生, login, initial password changed, phone, SMS code, 关注, 完成, 首页', async () => {
    const page = await phone.newPage();
    await page.goto('/register');
    await page.getByRole('heading', { name: '用户注册' }).waitFor();
    await page.getByText('教师为工号，学生为学号').first().waitFor();
    await snap(page, '40-register');

    await page.getByRole('button', { name: '在校师生' }).click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/register/phone');
    await page.getByText('统一身份认证').waitFor();
    await snap(page, '41-register-login');
    await logIn(page, demoInitialPassword(student));

    // The initial password must be changed first; the journey goes on afterwards.
    await page.waitForURL((url) => url.pathname === '/password' && url.searchParams.get('next') === '/register/phone');
    await page.getByLabel('原密码').fill(demoInitialPassword(student));
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码').fill(newPassword);
    await snap(page, '42-register-password');
    await page.getByRole('button', { name: '确认修改' }).click();

    await page.waitForURL((url) => url.pathname === '/register/phone');
    await page.getByText('①填写手机号，并点击下一步').waitFor();
    await page.getByText('注：此处手机号务必与微信绑定手机号一致').waitFor();
    await page.locator('.adm-toast-mask').waitFor({ state: 'detached' }); // 密码修改成功 fades away
    await page.getByText(`学号 ${student}`).waitFor();
    await snap(page, '43-register-phone');

    // A malformed number is caught before anything is sent.
    await page.getByRole('textbox', { name: '手机号' }).fill('1391234');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('请输入 11 位手机号').last().waitFor();
    await snap(page, '44-register-phone-invalid');
    await page.getByRole('textbox', { name: '手机号' }).fill(phoneNumber);
    await page.getByRole('button', { name: '下一步' }).click();

    await page.waitForURL((url) => url.pathname === '/register/code');
    await page.getByText('填写收到的短信验证码').waitFor();
    await expect(page.getByTestId('code-phone').innerText()).resolves.toBe(maskedPhone);
    await snap(page, '45-register-code');

    const sentBefore = hall.smsCount();
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(`验证码已发送至 ${maskedPhone}，5 分钟内有效`).waitFor();
    // The server's 60 s before another code, counted down on the button, which is disabled meanwhile.
    const resend = page.getByRole('button', { name: /\d+ 秒后重新获取/ });
    await resend.waitFor();
    const seconds = Number(/(\d+) 秒后/.exec(await resend.innerText())![1]);
    expect(seconds).toBeGreaterThan(50);
    expect(seconds).toBeLessThanOrEqual(60);
    await expect(resend.isDisabled()).resolves.toBe(true);
    const code = await hall.smsCodeFor(phoneNumber, { after: sentBefore });
    expect(code).toMatch(/^\d{6}$/);
    await snap(page, '46-register-code-sent');

    // A wrong code: refused, with the attempts left.
    const wrong = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`;
    await page.getByRole('textbox', { name: '短信验证码' }).fill(wrong);
    await page.getByRole('button', { name: '绑定', exact: true }).click();
    await page.getByText('验证码不正确，还可以再试 4 次').waitFor();
    await snap(page, '47-register-code-wrong');

    await page.getByRole('textbox', { name: '短信验证码' }).fill(code);
    await page.getByRole('button', { name: '绑定', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/register/follow');
    await page.getByText('②长按并关注微信企业号').waitFor();
    // The school's QR code, as configured, to long-press.
    const qr = page.getByAltText('学校企业微信号二维码');
    await expect(qr.getAttribute('src')).resolves.toBe(followQr);
    await expect(qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).resolves.toBe(true);
    await page.getByText(`手机号 ${maskedPhone} 已绑定。`).waitFor();
    await snap(page, '48-register-follow');

    await page.getByRole('button', { name: '下一步' }).click();
    await page.waitForURL((url) => url.pathname === '/register/done');
    await page.getByRole('heading', { name: '③完成' }).waitFor();
    await page.getByText(`手机号 ${maskedPhone} 已与您的账号绑定`).waitFor();
    await snap(page, '49-register-done');

    await page.getByRole('button', { name: '进入办事大厅' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: /^要办事到大厅/ }).waitFor();
    await snap(page, '50-register-home');
    await page.close();
  });

  it('registering again after logging in anew shows the binding, with 进入办事大厅 and 解除绑定', async () => {
    const page = await phone.newPage();
    await page.goto('/register');
    await page.getByRole('button', { name: '在校师生' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    // The session of the first test was ended by 在校师生: nobody is logged in now.
    await expect(sessionStatus(phone)).resolves.toBe(401);
    await logIn(page, newPassword);
    await page.waitForURL((url) => url.pathname === '/register/phone');
    await page.getByText('您已完成注册绑定').waitFor();
    await expect(page.getByTestId('bound-phone').innerText()).resolves.toBe(maskedPhone);
    await page.getByRole('button', { name: '进入办事大厅' }).waitFor();
    await snap(page, '51-register-already-bound');
    await page.getByRole('button', { name: '解除绑定' }).click();
    await page.waitForURL((url) => url.pathname === '/unbind');
    await page.close();
  });
});

describe('chapter 3: 解除绑定', () => {
  it('after a fresh login the student unbinds; every session ends, and registering again can start at once', async () => {
    // The same student, logged in on another phone beforehand.
    const other = await otherPhone.newPage();
    await other.goto('/login');
    await logIn(other, newPassword);
    await other.waitForURL((url) => url.pathname === '/');
    await expect(sessionStatus(otherPhone)).resolves.toBe(200);

    const page = await phone.newPage();
    await page.goto('/unbind');
    await page.getByText('更换学号（民族预科生转本科、本科生继续在本校读研）', { exact: false }).waitFor();
    await snap(page, '52-unbind');
    await page.getByRole('button', { name: '在校师生' }).click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/unbind/confirm');
    await logIn(page, newPassword);
    await page.waitForURL((url) => url.pathname === '/unbind/confirm');
    await expect(page.getByTestId('bound-phone').innerText()).resolves.toBe(maskedPhone);
    await snap(page, '53-unbind-confirm');

    const sessionBefore = await phone.cookies();
    expect(sessionBefore.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: '解除绑定' }).click();
    const dialog = page.locator('.adm-dialog');
    await dialog.getByText(`确定解除手机号 ${maskedPhone} 与本人账号的绑定吗？`, { exact: false }).waitFor();
    await poll(() => dialog.locator('.adm-center-popup-wrap > div').evaluate((wrap) => getComputedStyle(wrap).opacity)).toBe('1'); // opened
    await snap(page, '54-unbind-dialog');
    await dialog.getByRole('button', { name: '解除绑定' }).click();

    await page.waitForURL((url) => url.pathname === '/unbind/done');
    await page.getByRole('heading', { name: '已解除绑定' }).waitFor();
    await page.getByText('您已在所有设备上退出登录。').waitFor();
    await dialog.waitFor({ state: 'detached' }); // closed
    await snap(page, '55-unbind-done');

    // The session this phone had is over on the server, not only forgotten by the browser…
    await phone.addCookies(sessionBefore);
    await expect(sessionStatus(phone)).resolves.toBe(401);
    // …and so is the one on the other phone, which is sent to log in.
    await expect(sessionStatus(otherPhone)).resolves.toBe(401);
    await other.goto('/sent');
    await other.waitForURL((url) => url.pathname === '/login');

    // Registering again may follow at once, through a new login.
    await page.getByRole('button', { name: '用户注册' }).click();
    await page.waitForURL((url) => url.pathname === '/register');
    await page.getByRole('button', { name: '在校师生' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await logIn(page, newPassword);
    await page.waitForURL((url) => url.pathname === '/register/phone');
    await page.getByText('①填写手机号，并点击下一步').waitFor();
    await page.close();
    await other.close();
  });
});

describe('chapter 4: 常见问题', () => {
  it('/faq answers the questions, and 我的 links to it', async () => {
    const page = await phone.newPage();
    await page.goto('/faq');
    await page.getByRole('heading', { name: '常见问题' }).waitFor();
    for (const question of ['更换学号怎么办？', '还需要清理微信缓存吗？', '手机号与微信绑定的手机号不一致怎么办？', '收不到验证码怎么办？', '账号被锁定怎么办？', '如何退出所有设备上的登录？']) {
      await page.getByRole('heading', { name: question }).waitFor();
    }
    await page.getByText('每个手机号每分钟最多获取 1 条、每小时 5 条、每天 10 条验证码').waitFor();
    await snap(page, '56-faq', { fullPage: true });

    // The student is still logged in from the last test: 我的 → 常见问题.
    await page.goto('/');
    await page.getByRole('button', { name: /我的/ }).click();
    await page.getByRole('dialog', { name: '我的' }).getByText('常见问题').click();
    await page.waitForURL((url) => url.pathname === '/faq');
    await page.close();
  });
});
