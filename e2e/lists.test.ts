import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, logInFirstTime, newPhone, poll, snap, startHall } from './support.ts';

/**
 * 发出的事项 and 收到的事项 as lists, on a phone, as three people. 张子涵
 * asks twice for leave (请假申请: 辅导员审批, then a copy to 学生工作处);
 * 蒋辅导 approves one with 批量审批 and rejects the other; the student finds
 * the approved one under 已通过 and narrows the list by service; 孙事务 of
 * 学生工作处 finds the copy under 抄送我; the student reads a message and
 * the badge goes down; then applies again from the approved one (再次申请).
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;
let counsellor: BrowserContext;
let affairs: BrowserContext;
let approvedUrl = '';

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  const phone = () => newPhone(browser, hall.baseUrl);
  [student, counsellor, affairs] = await Promise.all([phone(), phone(), phone()]);
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

/** Today in Shanghai, as the leave form's dates take it. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A state change through the API with the page's session (for what this journey only needs to have happened). */
async function post(page: Page, url: string, data: object): Promise<Record<string, unknown>> {
  const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const response = await page.request.post(url, { data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(response.ok(), `${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

async function leave(page: Page, destination: string): Promise<{ id: string; serialNo: string }> {
  const data = { leaveType: 'personal', startDate: today, endDate: today, days: 1, destination, reason: '回家办理身份证', contactPhone: '13800001234' };
  return (await post(page, '/api/applications', { serviceCode: 'leave', data, idempotencyKey: `lists-${destination}-${Date.now()}` })) as { id: string; serialNo: string };
}

/** The bell's unread number, as its label says it (消息，2 条未读); 0 without one. */
async function unreadOnBell(page: Page): Promise<number> {
  const label = (await page.getByTestId('message-bell').first().getAttribute('aria-label')) ?? '';
  return Number(/(\d+) 条未读/.exec(label)?.[1] ?? 0);
}

describe('lists: filters, 抄送我, 消息 and 再次申请', () => {
  let approved: { id: string; serialNo: string };
  let rejected: { id: string; serialNo: string };

  it('蒋辅导 approves one leave request with 批量审批 and rejects the other', async () => {
    const page = await student.newPage();
    await logInFirstTime(page, '2023010101', 'Yunlu-Student-1');
    approved = await leave(page, '西安市雁塔区');
    rejected = await leave(page, '咸阳市');
    approvedUrl = `/applications/${approved.id}`;
    await page.close();

    const approver = await counsellor.newPage();
    await logInFirstTime(approver, '30010002', 'Yunlu-Counsel-1');
    await approver.goto('/received/todo');
    await approver.locator('.application-item').filter({ hasText: approved.serialNo }).waitFor();
    // index.html's script asked for the 待办 page's own chunk, without waiting for the entry to run and ask.
    expect(await approver.locator('link[rel=modulepreload][href^="/assets/task-list-page-"]').count()).toBe(1);
    await approver.getByRole('button', { name: '批量审批' }).click();
    await approver.locator('.application-item').filter({ hasText: approved.serialNo }).locator('.adm-checkbox').click();
    await expect(approver.locator('.batch-bar__count').innerText()).resolves.toBe('已选 1 项');
    await snap(approver, 'b1-batch-choose');
    await approver.locator('.batch-bar').getByRole('button', { name: '批量同意' }).click();
    await approver.getByLabel('审批意见').fill('同意，注意安全。');
    await approver.getByRole('button', { name: '确认同意' }).click();
    await approver.getByText('处理结果：成功 1 项').waitFor();
    await expect(approver.getByTestId('batch-result').innerText()).resolves.toContain('已同意');
    await snap(approver, 'b2-batch-results');
    await approver.getByRole('button', { name: '完成' }).click();
    // The rest stays in 待办 until decided on its own.
    await poll(() => approver.locator('.application-item').count()).toBe(1);
    const todo = (await (await approver.request.get('/api/inbox/todo')).json()) as { items: { taskId: string }[] };
    await post(approver, `/api/tasks/${todo.items[0]!.taskId}/reject`, { opinion: '请假理由不充分' });
    await approver.close();
  });

  it('the student filters 发出的事项 by 已通过 and by service, and sees the path with its people', async () => {
    const page = await student.newPage();
    await page.goto('/sent');
    await poll(() => page.locator('.application-item').count()).toBe(2);
    await page.getByRole('tab', { name: '已通过' }).click();
    await poll(() => new URL(page.url()).searchParams.get('status')).toBe('approved');
    await poll(() => page.locator('.application-item').count()).toBe(1);
    // Polled: a list item is drawn when it comes near the screen (content-visibility), and its text is empty until then.
    await poll(() => page.locator('.application-item').innerText()).toContain(approved.serialNo);
    await snap(page, 'b3-sent-approved');
    await page.getByRole('tab', { name: '已驳回' }).click();
    await poll(() => page.locator('.application-item').first().innerText()).toContain(rejected.serialNo);
    expect(await page.locator('.application-item').count()).toBe(1);

    // 筛选: 请假申请 over a range of days that holds today, then a range that does not.
    await page.getByRole('tab', { name: '全部' }).click();
    await page.getByRole('button', { name: /筛选/ }).click();
    const sheet = page.getByRole('dialog', { name: '筛选' });
    await sheet.getByText('请假申请').click();
    await snap(page, 'b4-sent-filter-sheet');
    await sheet.getByRole('button', { name: '确定' }).click();
    await poll(() => page.getByTestId('list-filters-chosen').innerText()).toContain('请假申请');
    await poll(() => page.locator('.application-item').count()).toBe(2);
    await page.goto(`/sent?from=2020-01-01&to=2020-01-31&service=${new URL(page.url()).searchParams.get('service')}`);
    await page.getByText('没有符合条件的事项').waitFor();

    // The detail shows the whole path: who decided, and the copy to 学生工作处.
    await page.goto(approvedUrl);
    const path = page.locator('.application-path');
    await path.getByText('辅导员审批').waitFor();
    await expect(path.innerText()).resolves.toMatch(/辅导员审批[\s\S]*已完成[\s\S]*蒋辅导/);
    await expect(path.innerText()).resolves.toMatch(/抄送学工处[\s\S]*孙事务/);
    await snap(page, 'b5-detail-path', { fullPage: true });
    await page.close();
  });

  it('孙事务 finds the copy under 抄送我; opening it marks it read', async () => {
    const page = await affairs.newPage();
    await logInFirstTime(page, '20020002', 'Yunlu-Affairs-1');
    await page.goto('/received');
    await poll(() => page.getByTestId('cc-count').innerText()).toBe('1');
    await snap(page, 'b6-received-counts');
    await page.getByTestId('cc-count').click();
    await page.waitForURL(/\/received\/cc/);
    await poll(() => page.getByTestId('tab-cc').innerText()).toBe('抄送我 1');
    const item = page.locator('.application-item').filter({ hasText: approved.serialNo });
    await item.getByText('未读').waitFor();
    await poll(() => item.innerText()).toContain('张子涵');
    await snap(page, 'b7-cc-list');
    await item.click();
    await page.waitForURL((url) => url.pathname === approvedUrl);
    await page.getByText('审批记录').waitFor();
    await page.goto('/received/cc');
    await page.locator('.application-item').filter({ hasText: approved.serialNo }).waitFor();
    await poll(() => page.locator('.application-item').filter({ hasText: approved.serialNo }).getByText('未读').count()).toBe(0);
    await page.close();
  });

  it('the student reads a message and the bell shows one fewer; 全部已读 clears it', async () => {
    const page = await student.newPage();
    await page.goto('/');
    // Both endings are delivered by the worker as messages.
    await poll(async () => {
      await page.reload();
      await page.getByTestId('message-bell').waitFor();
      return unreadOnBell(page);
    }).toBe(2);
    await snap(page, 'b8-home-bell');
    await page.getByTestId('message-bell').click();
    await page.waitForURL(/\/messages/);
    await poll(() => page.locator('.message-item--unread').count()).toBe(2);
    await snap(page, 'b9-messages');
    await page.locator('.message-item').filter({ hasText: '申请已通过' }).first().click();
    await page.waitForURL(/\/applications\//);
    await page.goto('/');
    await poll(() => unreadOnBell(page)).toBe(1);
    await page.getByTestId('message-bell').click();
    await page.waitForURL(/\/messages/);
    await poll(() => page.locator('.message-item--unread').count()).toBe(1);
    await page.getByRole('button', { name: '全部已读' }).click();
    await poll(() => page.locator('.message-item--unread').count()).toBe(0);
    await page.goto('/');
    await page.getByTestId('message-bell').waitFor();
    await poll(() => unreadOnBell(page)).toBe(0);
    await page.close();
  });

  it('再次申请: the student applies again from the approved request, starting from its values', async () => {
    const page = await student.newPage();
    await page.goto(approvedUrl);
    await page.getByRole('button', { name: '再次申请' }).click();
    await page.waitForURL((url) => url.pathname === '/services/leave' && url.searchParams.get('from') === approved.id);
    await page.getByText(`已复制申请 ${approved.serialNo} 的内容`).waitFor();
    await expect(page.getByLabel('去向').inputValue()).resolves.toBe('西安市雁塔区');
    await expect(page.getByLabel('请假事由').inputValue()).resolves.toBe('回家办理身份证');
    await snap(page, 'b10-copy-as-new', { fullPage: true });
    await page.getByLabel('去向').fill('宝鸡市');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL((url) => /^\/applications\/[^/]+$/.test(url.pathname) && url.pathname !== approvedUrl);
    await page.getByText('宝鸡市').waitFor();
    await page.getByText('审批中').first().waitFor();
    await page.goto('/sent');
    await poll(() => page.locator('.application-item').count()).toBe(3);
    await snap(page, 'b11-sent-after-copy');

    // Another person cannot start from the student's application.
    const other = await counsellor.newPage();
    await other.goto(`/services/leave?from=${approved.id}`);
    await other.getByText('未能复制原申请').waitFor();
    await expect(other.getByLabel('去向').inputValue()).resolves.toBe('');
    await other.close();
    await page.close();
  });
});
