import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, logInFirstTime, newPhone, personIdOf, poll, snap, startHall, submitWebsiteChange } from './support.ts';

/**
 * What 同意 asks for when the step says so: an administrator publishes a new
 * version of 网站变更申请 where the head must give an opinion, may correct
 * 变更说明, and chooses who reviews at the IT centre; the head does all three
 * in the approve dialog, and only the chosen reviewer gets the task.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let admin: BrowserContext;
let student: BrowserContext;
let head: BrowserContext;
let li: BrowserContext; // 李运维 20010002
let reviewerId = '';
let applicationUrl = '';

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  const phone = () => newPhone(browser, hall.baseUrl);
  [admin, student, head, li] = await Promise.all([phone(), phone(), phone(), phone()]);
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

async function barButtons(page: Page): Promise<string[]> {
  return (await page.locator('.action-bar').getByRole('button').allInnerTexts()).map((text) => text.trim());
}

describe('the approve dialog: required opinion, writable fields, next approvers', () => {
  it('an administrator publishes a version where the head writes 变更说明 and chooses the IT reviewer', async () => {
    const page = await admin.newPage();
    await logInFirstTime(page, '10000001', 'Yunlu-Admin-01');
    const me = await (await page.request.get('/api/auth/me')).json();
    const definition = {
      nodes: [
        { id: 'deptHead', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead', levels: 1 }, fields: { description: 'write' }, opinionRequired: { approve: true, reject: true } },
        { id: 'itReview', type: 'approver', name: '信息中心审核', assignee: { kind: 'previousApproverChooses', max: 2 } },
      ],
    };
    const response = await page.request.post('/api/admin/process-definitions/website-change', { data: { definition }, headers: { 'x-csrf-token': me.csrfToken } });
    expect(response.status(), await response.text()).toBe(200);
    expect((await response.json()).version).toBe(2);
    await page.close();

    const reviewer = await li.newPage();
    await logInFirstTime(reviewer, '20010002', 'Yunlu-ItStaff-2');
    reviewerId = await personIdOf(reviewer);
    await reviewer.close();
  });

  it('the head must give an opinion, may correct 变更说明 and chooses 李运维 for the next step', async () => {
    const page = await student.newPage();
    await logInFirstTime(page, '2023010101', 'Yunlu-Student-1');
    applicationUrl = await submitWebsiteChange(page, '计算机学院官网');
    await page.close();

    const approver = await head.newPage();
    await logInFirstTime(approver, '30010001', 'Yunlu-Head-001');
    await approver.goto(applicationUrl);
    await poll(() => barButtons(approver)).toEqual(['更多', '驳回', '同意']);
    await approver.getByRole('button', { name: '同意' }).click();
    const popup = approver.locator('.decision-popup__body');
    // This step's field, filled with what the applicant wrote.
    await poll(() => popup.getByLabel('变更说明').inputValue()).toBe('新增“通知公告”栏目，并调整首页新闻区的布局。');
    await popup.getByText('下一步“信息中心审核”的审批人').waitFor();
    // Nothing chosen, no opinion, an emptied required field: three messages, nothing sent.
    await popup.getByLabel('变更说明').fill('');
    await popup.getByRole('button', { name: '确认' }).click();
    await popup.getByText('请填写审批意见').waitFor();
    await popup.getByText('请为“信息中心审核”选择审批人').waitFor();
    await popup.getByText('请填写变更说明').waitFor();
    await approver.waitForTimeout(400);
    await snap(approver, '3g-approve-dialog-errors');

    await popup.getByLabel('变更说明').fill('新增“通知公告”栏目，并调整首页新闻区的布局。（院办已确认栏目负责人）');
    await popup.getByLabel('选择人员').fill(reviewerId);
    await popup.getByRole('button', { name: '添加' }).click();
    await popup.getByText(reviewerId).waitFor();
    await popup.getByLabel('审批意见').fill('同意，请李运维审核。');
    await snap(approver, '3h-approve-dialog-filled');
    await popup.getByRole('button', { name: '确认' }).click();
    await approver.getByText('信息中心审核').first().waitFor();
    // Only the chosen reviewer waits; the corrected text is the application's now.
    await poll(() => approver.locator('#current-title + dl').innerText()).toContain('李运维');
    expect(await approver.locator('#current-title + dl').innerText()).not.toContain('王网管');
    await approver.locator('[data-field="description"]').getByText('院办已确认栏目负责人').waitFor();
    await approver.close();

    const reviewer = await li.newPage();
    await reviewer.goto(applicationUrl);
    await poll(() => barButtons(reviewer)).toEqual(['更多', '驳回', '同意']);
    await reviewer.getByRole('button', { name: '同意' }).click();
    await reviewer.locator('.decision-popup__body').getByRole('button', { name: '确认' }).click();
    await poll(async () => (await reviewer.locator('.application-header .status-tag').innerText()).trim()).toBe('已通过');
    await reviewer.close();
  });
});
