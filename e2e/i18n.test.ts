import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoInitialPassword, launchChromium, logInFirstTime, newPhone, openPicker, poll, snap, startHall } from './support.ts';

/**
 * The hall in English. An international student's phone (its browser
 * languages English only) gets the hall in English without asking: the tab
 * bar, the home page, a service's launch page and its form's messages; an
 * approver on such a phone handles a todo in English. A Chinese phone keeps
 * Chinese until its owner chooses English in 我的 › 语言, and can choose
 * 简体中文 again. What the school wrote (service names, form labels, node
 * names) stays as written.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;
let approver: BrowserContext;

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** The first login in English: the initial password, then the change the hall insists on. */
async function logInFirstTimeInEnglish(page: Page, accountNo: string, newPassword: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/login/);
  await page.getByLabel('Username', { exact: true }).fill(accountNo);
  await page.getByLabel('Password', { exact: true }).fill(demoInitialPassword(accountNo));
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.waitForURL(/\/password/);
  await page.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();
  await page.getByText('8–64 characters, with at least three of').waitFor(); // the rule, from the contracts' English
  await page.getByLabel('Current password').fill(demoInitialPassword(accountNo));
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Chooses an option of an antd-mobile picker (the wheel's own labels are antd-mobile's Chinese in every language). */
async function pickOption(page: Page, fieldKey: string, optionLabel: string): Promise<void> {
  const popup = await openPicker(page, fieldKey);
  for (let step = 0; step < 20; step++) {
    if ((await popup.locator(`[aria-label="当前选择的是：${optionLabel}"]`).count()) > 0) break;
    await popup.locator('[aria-label^="选择下一项"]').dispatchEvent('click');
  }
  await popup.getByText('Confirm', { exact: true }).click();
  await popup.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  student = await newPhone(browser, hall.baseUrl, { english: true });
  approver = await newPhone(browser, hall.baseUrl, { english: true });
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

describe('a phone whose languages are English only', () => {
  it('logs in in English: labels, a missing field and a wrong password are worded in English', async () => {
    const page = await student.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await page.getByRole('heading', { level: 1, name: 'Unified Login' }).waitFor();
    await page.getByText('One-Stop Service Hall').waitFor();
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toBe('Enter your username');
    // The empty field takes the focus.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('login-account');
    await page.getByLabel('Username', { exact: true }).fill('2023010101');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByText('Wrong account number or password').waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.not.toMatch(CJK);
    await snap(page, 'i18n-01-login-en');
    await page.close();

    const fresh = await student.newPage();
    await logInFirstTimeInEnglish(fresh, '2023010101', 'Yunlu-Student-1');
    await fresh.close();
  });

  it('shows the home page and the tab bar in English', async () => {
    const page = await student.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'One-Stop Service Hall' }).waitFor();
    await expect(page.title()).resolves.toBe('One-Stop Service Hall');
    await page.getByText('Hello, 张子涵').waitFor();
    const tabBar = page.getByRole('navigation').filter({ has: page.getByRole('link', { name: /^Home/ }) });
    for (const name of [/^Home/, /services/i, /^Sent/, /^Received/]) await tabBar.getByRole('link', { name }).waitFor();
    await expect(tabBar.innerText()).resolves.not.toMatch(CJK);
    await page.getByRole('link', { name: /^Go to the service hall/ }).waitFor();
    await snap(page, 'i18n-02-home-en');
    await page.close();
  });

  it('finds a service, and its form answers a missing field in English', async () => {
    const page = await student.newPage();
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: /services/i }).click();
    await page.waitForURL(/\/hall/);
    await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor();
    await page.getByRole('heading', { name: 'Favourites' }).waitFor();
    await page.getByPlaceholder('Service name or pinyin').fill('wzbg');
    await poll(() => page.getByText('请假申请').count()).toBe(0);
    await page.getByRole('link', { name: '网站变更申请' }).first().click();
    await page.waitForURL(/\/services\/website-change/);
    // The school's words stay as written; the hall's own are English.
    await page.getByRole('heading', { level: 1, name: '网站变更申请' }).waitFor();
    for (const name of ['Guide', 'Approval steps', 'Application form']) await page.getByRole('heading', { name, exact: true }).waitFor();
    await page.getByText('What it is for').waitFor();

    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByText('Please fill in 网站名称').first().waitFor();
    await expect(page.getByText('请填写网站名称').count()).resolves.toBe(0);
    await snap(page, 'i18n-03-form-errors-en', { fullPage: true });

    await page.getByLabel('网站名称').fill('English Site');
    await page.getByLabel('网站地址').fill('https://en.yunlu.edu.cn');
    await pickOption(page, 'changeType', '栏目调整');
    await page.getByLabel('变更说明').fill('An English news column.');
    await (await openPicker(page, 'expectedDate')).getByText('Confirm', { exact: true }).click();
    await page.getByLabel('联系电话').fill('13800001234');
    await page.getByTestId('path-preview').getByText('卫院长').waitFor();
    await page.getByTestId('path-preview').getByRole('heading', { name: 'Who will approve' }).waitFor();
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.waitForURL(/\/applications\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: 'Details' }).waitFor();
    await page.getByText('In progress').first().waitFor();
    await page.getByRole('heading', { name: 'Form contents' }).waitFor();
    await page.getByText('English Site').waitFor();
    await page.close();
  });

  it('the approver opens the todo list and the detail in English and approves', async () => {
    const page = await approver.newPage();
    await logInFirstTimeInEnglish(page, '30010001', 'Yunlu-Head-001');
    await page.goto('/received');
    await page.getByRole('heading', { level: 1, name: 'Received' }).waitFor();
    await poll(() => page.getByTestId('todo-count').innerText()).toBe('1');
    await page.getByRole('link', { name: 'To do 1' }).click();
    await page.waitForURL(/\/received\/todo/);
    await page.getByRole('heading', { level: 1, name: 'To do' }).waitFor();
    const item = page.locator('.application-item').filter({ hasText: '网站变更申请' });
    await item.getByText('Applicant').waitFor();
    await item.getByText('张子涵').waitFor();
    await expect(item.getByText('申请人').count()).resolves.toBe(0);
    await snap(page, 'i18n-04-todo-en');

    await item.click();
    await page.waitForURL(/\/applications\//);
    await page.getByRole('heading', { level: 1, name: 'Details' }).waitFor();
    await page.getByText('English Site').waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Opinion').fill('Approved; the IT centre will help.');
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByText('信息中心审核').first().waitFor();
    await snap(page, 'i18n-05-approved-en', { fullPage: true });

    await page.goto('/received');
    await poll(() => page.getByTestId('done-count').innerText()).toBe('1');
    await page.getByRole('link', { name: 'Done 1' }).waitFor();
    await page.close();
  });
});

describe('a Chinese phone that chooses English in 我的 › 语言', () => {
  it('switches to English after the reload and back to Chinese', async () => {
    const context = await newPhone(browser, hall.baseUrl);
    const page = await context.newPage();
    await logInFirstTime(page, '2023010102', 'Yunlu-Student-2');
    await page.getByRole('heading', { level: 1, name: '一站式网上办事大厅' }).waitFor();

    await page.getByRole('button', { name: /我的/ }).click();
    const choice = page.getByRole('radiogroup', { name: /语言/ });
    await expect(choice.getByRole('radio', { name: '简体中文' }).isChecked()).resolves.toBe(true);
    await Promise.all([page.waitForEvent('load'), choice.getByText('English', { exact: true }).click()]);
    await page.getByRole('heading', { level: 1, name: 'One-Stop Service Hall' }).waitFor();
    await expect(page.evaluate(() => localStorage.getItem('onehall.language'))).resolves.toBe('en');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await page.getByRole('navigation').getByRole('link', { name: /^Home/ }).waitFor();
    await snap(page, 'i18n-06-switched-en');

    // Other pages follow, and the choice outlives the page.
    await page.goto('/sent');
    await page.getByRole('heading', { level: 1, name: 'Sent' }).waitFor();
    await page.getByRole('tab', { name: 'Drafts' }).waitFor();

    await page.goto('/');
    await page.getByRole('button', { name: /\bMe\b/ }).click();
    const englishChoice = page.getByRole('radiogroup', { name: /Language/ });
    await expect(englishChoice.getByRole('radio', { name: 'English' }).isChecked()).resolves.toBe(true);
    await Promise.all([page.waitForEvent('load'), englishChoice.getByText('简体中文', { exact: true }).click()]);
    await page.getByRole('heading', { level: 1, name: '一站式网上办事大厅' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
    await page.getByRole('navigation').getByRole('link', { name: /^首页/ }).waitFor();
    await context.close();
  });
});
