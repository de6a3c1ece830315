import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { fillWebsiteChange, logInFirstTime, launchChromium, newPhone, poll, snap, startHall } from './support.ts';

/**
 * The manual's chapter 2 on a phone, as two people: a student finds and
 * submits 网站变更申请; the head of the student's college approves one and
 * rejects another from 收到的事项; the student sees both outcomes.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;
let approver: BrowserContext;

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

describe('chapter 2: find a service, submit, approve, follow', () => {
  it('the student logs in (a wrong password first), changes the initial password and reaches the home page', async () => {
    const page = await student.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByText('统一身份认证').waitFor();
    await snap(page, '01-login');
    await page.getByLabel('用户名').fill('2023010101');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('账号或密码错误').waitFor();
    await snap(page, '02-login-wrong-password');
    await page.close();

    const fresh = await student.newPage();
    await logInFirstTime(fresh, '2023010101', 'Yunlu-Student-1', { shotOfPasswordPage: '03-change-password' });
    await fresh.getByTestId('banner').first().waitFor();
    await fresh.getByRole('link', { name: /^要办事到大厅/ }).waitFor();
    await snap(fresh, '04-home');
    await fresh.close();
  });

  it('the student goes to the hall, searches, reads the guide and submits 网站变更申请', async () => {
    const page = await student.newPage();
    await page.goto('/');
    await page.getByTestId('hall-entry').click();
    await page.waitForURL(/\/hall/);
    await page.getByText('我的服务').first().waitFor();
    await page.getByText('网站变更申请').first().waitFor();
    await snap(page, '05-hall');
    await page.getByPlaceholder('搜索服务名称').fill('网站');
    await page.getByPlaceholder('搜索服务名称').press('Enter');
    await poll(() => page.getByText('请假申请').count()).toBe(0);
    await snap(page, '06-hall-search');
    await page.getByText('网站变更申请').first().click();
    await page.waitForURL(/\/services\/website-change/);
    await page.getByText('办事指南').first().waitFor();
    await page.getByText('信息与现代教育技术中心').first().waitFor();
    await snap(page, '07-launch-page', { fullPage: true });

    // Submitting the empty form shows the shared validator's messages and sends nothing.
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('请填写网站名称').waitFor();
    await snap(page, '08-launch-page-errors', { fullPage: true });

    await fillWebsiteChange(page, '计算机学院官网');
    // Before submitting, the student sees who will decide each step.
    await page.getByTestId('path-preview').getByText('卫院长').waitFor();
    await page.getByTestId('path-preview').getByText('张信息').waitFor();
    await snap(page, '09-launch-page-filled', { fullPage: true });
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/applications\//);
    await page.getByText('审批中').first().waitFor();
    await page.getByText('部门负责人审批').first().waitFor();
    await snap(page, '10-submitted', { fullPage: true });

    // A second application, for the approver to reject.
    await page.goto('/services/website-change');
    await fillWebsiteChange(page, '计算机学院旧站');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/applications\//);

    await page.goto('/sent');
    await page.getByText('发出的事项').first().waitFor();
    await poll(() => page.getByText('卫院长').count()).toBeGreaterThanOrEqual(2);
    await snap(page, '11-sent');
    await page.close();
  });

  it('the approver sees the counts, opens the todo list and the detail, approves one and rejects the other', async () => {
    const page = await approver.newPage();
    await logInFirstTime(page, '30010001', 'Yunlu-Head-001');
    await page.goto('/received');
    await poll(() => page.getByTestId('todo-count').innerText()).toBe('2');
    await expect(page.getByTestId('done-count').innerText()).resolves.toBe('0');
    await snap(page, '12-received');
    await page.getByTestId('todo-count').click();
    await page.waitForURL(/\/received\/todo/);
    await page.getByText('张子涵').first().waitFor();
    await snap(page, '13-todo-list');

    // The oldest is the first application (计算机学院官网): approve it.
    await page.getByText('网站变更申请').last().click();
    await page.waitForURL(/\/applications\//);
    await page.getByText('计算机学院官网').waitFor();
    await page.getByText('栏目调整').waitFor();
    await snap(page, '14-detail', { fullPage: true });
    await page.getByRole('button', { name: '同意' }).click();
    await page.getByPlaceholder('请输入审批意见').fill('同意，请信息中心协助。');
    await snap(page, '15-approve-dialog');
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByText('信息中心审核').first().waitFor();
    await snap(page, '16-approved', { fullPage: true });

    await page.goto('/received/todo');
    await page.getByText('网站变更申请').first().click();
    await page.waitForURL(/\/applications\//);
    await page.getByText('计算机学院旧站').waitFor();
    await page.getByRole('button', { name: '驳回' }).click();
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByText('请填写审批意见').first().waitFor(); // a rejection needs an opinion
    await page.getByPlaceholder('请输入审批意见').fill('旧站已停止维护，请直接申请下线。');
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByText('已驳回').first().waitFor();
    await snap(page, '17-rejected', { fullPage: true });

    await page.goto('/received');
    await poll(() => page.getByTestId('done-count').innerText()).toBe('2');
    await expect(page.getByTestId('todo-count').innerText()).resolves.toBe('0');
    await page.getByTestId('done-count').click();
    await page.waitForURL(/\/received\/done/);
    await page.getByText('张子涵').first().waitFor();
    await snap(page, '18-done-list');
    await page.close();
  });

  it('the student sees both outcomes in 发出的事项 and on the detail page', async () => {
    const page = await student.newPage();
    await page.goto('/sent');
    await page.getByText('已驳回').first().waitFor();
    await page.getByText('信息中心审核').first().waitFor();
    await snap(page, '19-sent-outcomes');
    await page.locator('.application-item').filter({ hasText: '已驳回' }).click();
    await page.waitForURL(/\/applications\//);
    await page.getByText('旧站已停止维护，请直接申请下线。').waitFor();
    await page.getByText('卫院长').first().waitFor();
    await snap(page, '20-detail-rejected', { fullPage: true });
    await page.close();
  });
});

describe('the admin console', () => {
  it('an administrator logs in and sees the dashboard', async () => {
    const context = await browser.newContext({ baseURL: hall.baseUrl, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    // The initial password is changed once in the hall (the console sends the person there).
    await logInFirstTime(page, '10000001', 'Yunlu-Admin-01');
    await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()).then((me) => me.csrfToken)) } });
    await page.goto('/admin/');
    await page.getByRole('button', { name: /^登\s*录$/ }).waitFor();
    await snap(page, '21-admin-login');
    await page.getByLabel('账号').fill('10000001');
    await page.getByLabel('密码').fill('Yunlu-Admin-01');
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.getByText('管理控制台').first().waitFor();
    await page.getByText('人员').first().waitFor();
    await snap(page, '22-admin-dashboard');
    await context.close();
  });
});
