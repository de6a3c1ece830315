import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeFindingLines, fillWebsiteChange, logInFirstTime, launchChromium, newPhone, poll, seriousAxeFindings, startHall, submitWebsiteChange, type AxeFinding } from './support.ts';

/**
 * The main journeys with a screen reader in mind: axe-core, run in the page,
 * finds nothing serious or critical on the login page, 首页, 我的服务, a
 * service's form (empty, then with its errors), 发出的事项, the 待办 list
 * and an application's detail; the buttons a person needs there have names;
 * and the focus goes to the new page's heading after a move, to the first
 * wrong field after a refused submit.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;
let approver: BrowserContext;

/** axe-core's serious and critical findings on the page as a person sees it now (no toast fading over it). */
async function seriousFindings(page: Page): Promise<AxeFinding[]> {
  // Everything the page asked for has come, so axe sees the page a person sees.
  await page.waitForLoadState('networkidle').catch(() => {});
  // A toast (密码修改成功 after the first login) is read out when it comes and then
  // fades; axe on it mid-fade measures a half-transparent text, not what a person reads.
  await page.locator('.adm-toast-mask').waitFor({ state: 'hidden' });
  return seriousAxeFindings(page);
}

/**
 * Fails the test with the list of what axe found, one element a line, but
 * lets the journey go on (a soft expectation), so one run reports every page.
 */
async function expectNoSeriousFindings(page: Page, where: string): Promise<void> {
  const lines = axeFindingLines(await seriousFindings(page));
  expect.soft(lines, `axe on ${where}:\n${lines.join('\n')}`).toEqual([]);
}

/** Waits until the focus is on the page's h1 (put there after a move to another page). */
async function expectFocusOnHeading(page: Page): Promise<void> {
  await poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
}

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  student = await newPhone(browser, hall.baseUrl);
  approver = await newPhone(browser, hall.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

describe('accessibility of the main journeys', () => {
  it('the login page: no serious findings, named controls, an error that is announced and focused', async () => {
    const page = await student.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: '统一身份认证' }).waitFor();
    await expectNoSeriousFindings(page, 'the login page');
    await page.getByRole('textbox', { name: '用户名' }).waitFor();
    await page.getByRole('textbox', { name: '密码' }).waitFor();
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toBe('请输入用户名');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('login-account');
    await expectNoSeriousFindings(page, 'the login page with its error');
    await page.close();
  });

  it('首页 and 我的服务 with its search', async () => {
    const page = await student.newPage();
    await logInFirstTime(page, '2023010101', 'Yunlu-Student-1');
    // 密码修改成功 is a toast whose code may arrive after 首页 is drawn: it is let come
    // and go first, so no page below is checked while it fades over it.
    const changed = page.getByText('密码修改成功');
    await changed.waitFor();
    await changed.waitFor({ state: 'hidden' });
    await page.getByTestId('banner').first().waitFor();
    await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: /我的/ }).waitFor();
    await page.getByRole('link', { name: '要办事到大厅' }).waitFor();
    const tabBar = page.getByRole('navigation').filter({ has: page.getByRole('link', { name: /^首页/ }) });
    for (const name of [/^首页/, /^我的服务/, /^发出的事项/, /^收到的事项/]) await tabBar.getByRole('link', { name }).waitFor();
    await expectNoSeriousFindings(page, '首页');

    await tabBar.getByRole('link', { name: /^我的服务/ }).click();
    await page.waitForURL(/\/hall/);
    await page.getByRole('heading', { level: 1, name: '我的服务' }).waitFor();
    await expectFocusOnHeading(page);
    // Each section is a list of links.
    const favorites = page.getByRole('region', { name: '我的收藏' });
    await favorites.waitFor();
    const category = page.getByRole('list').filter({ has: page.getByRole('link', { name: '网站变更申请' }) }).first();
    await expect(category.getByRole('listitem').count()).resolves.toBeGreaterThan(0);
    await expectNoSeriousFindings(page, '我的服务');

    const search = page.getByRole('search', { name: '搜索服务' });
    await search.getByRole('searchbox').fill('网站');
    await poll(() => page.getByText('请假申请').count()).toBe(0);
    await expectNoSeriousFindings(page, '我的服务 with search results');
    await page.close();
  });

  it('a service form: named controls, and after a refused submit the focus on the first wrong field', async () => {
    const page = await student.newPage();
    await page.goto('/services/website-change');
    await page.getByRole('heading', { level: 1, name: '网站变更申请' }).waitFor();
    await page.getByRole('button', { name: '返回' }).waitFor();
    await page.getByRole('button', { name: /收藏/ }).waitFor();
    await expectNoSeriousFindings(page, 'the launch page of 网站变更申请');

    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('请填写网站名称').first().waitFor();
    await poll(() => page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field') ?? null)).toBe('siteName');
    // The wrong field says so to a screen reader (on the <input> itself, not on a wrapper).
    expect.soft(await page.getByRole('textbox', { name: '网站名称' }).getAttribute('aria-invalid'), 'aria-invalid on the 网站名称 <input>').toBe('true');
    await expectNoSeriousFindings(page, 'the launch page with its errors');

    await fillWebsiteChange(page, '计算机学院官网');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/applications\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: '详情' }).waitFor();
    await expectFocusOnHeading(page);
    await expectNoSeriousFindings(page, 'the detail page of my application');
    await page.close();
  });

  it('发出的事项: a list of applications, no serious findings', async () => {
    const page = await student.newPage();
    await submitWebsiteChange(page, '计算机学院旧站');
    await page.goto('/sent');
    await page.getByRole('heading', { level: 1, name: '发出的事项' }).waitFor();
    const list = page.getByRole('list').filter({ has: page.getByRole('link', { name: /网站变更申请/ }) });
    await poll(() => list.getByRole('listitem').count()).toBe(2);
    await page.getByRole('tab', { name: '草稿' }).waitFor();
    await expectNoSeriousFindings(page, '发出的事项');
    await page.close();
  });

  it('the 待办 list and an application detail with 同意', async () => {
    const page = await approver.newPage();
    await logInFirstTime(page, '30010001', 'Yunlu-Head-001');
    await page.goto('/received');
    await page.getByRole('link', { name: '待办 2' }).click();
    await page.waitForURL(/\/received\/todo/);
    await page.getByRole('heading', { level: 1, name: '待办' }).waitFor();
    await expectFocusOnHeading(page);
    const list = page.getByRole('list').filter({ has: page.getByRole('link', { name: /网站变更申请/ }) });
    await poll(() => list.getByRole('listitem').count()).toBe(2);
    await page.getByRole('button', { name: '批量审批' }).waitFor();
    await expectNoSeriousFindings(page, 'the 待办 list');

    await list.getByRole('link', { name: /计算机学院官网|网站变更申请/ }).last().click();
    await page.waitForURL(/\/applications\//);
    await page.getByRole('heading', { level: 1, name: '详情' }).waitFor();
    await expectFocusOnHeading(page);
    for (const name of ['同意', '驳回']) await page.getByRole('button', { name, exact: true }).waitFor();
    await page.getByRole('link', { name: '打印 / 导出 PDF' }).waitFor();
    await expectNoSeriousFindings(page, 'the detail page of a todo');

    await page.getByRole('button', { name: '同意', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').first().fill('同意。');
    await expectNoSeriousFindings(page, 'the approve dialog');
    await dialog.getByRole('button', { name: '确认' }).click();
    await page.getByText('信息中心审核').first().waitFor();
    await page.close();
  });
});
