import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, logInFirstTime, newPhone, personIdOf, poll, snap, startHall, submitWebsiteChange } from './support.ts';

/**
 * The manual's approval actions on a phone, as five people. 网站变更申请 goes
 * 部门负责人审批 (卫院长) → 信息中心审核 (李运维 or 王网管) → 信息中心主任审批
 * (张信息). The head sends it back, the student corrects and resubmits, the
 * head approves; 李运维 removes 王网管 and asks 张信息 to sign first; the
 * student urges (twice), comments and copies; the director delegates to
 * 王网管, who answers, then transfers to 李运维, who approves. A second
 * application is withdrawn before anyone decides.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;
let head: BrowserContext;
let li: BrowserContext; // 李运维 20010002, IT staff
let wang: BrowserContext; // 王网管 20010003, IT staff
let zhang: BrowserContext; // 张信息 20010001, IT director
let applicationUrl = '';

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  const phone = () => newPhone(browser, hall.baseUrl);
  [student, head, li, wang, zhang] = await Promise.all([phone(), phone(), phone(), phone(), phone()]);
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

// ── what a person sees and does on the detail page ──

async function openDetail(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByText('审批记录').waitFor();
  return page;
}

/** The bottom bar's buttons, left to right, as a person reads them. */
async function barButtons(page: Page): Promise<string[]> {
  const bar = page.locator('.action-bar');
  if ((await bar.count()) === 0) return [];
  return (await bar.getByRole('button').allInnerTexts()).map((text) => text.trim());
}

/** Opens 更多 and chooses an action from the sheet. */
async function chooseMore(page: Page, action: string): Promise<void> {
  await page.locator('.action-bar').getByRole('button', { name: '更多' }).click();
  await page.locator('.adm-action-sheet').getByRole('option', { name: action, exact: true }).click();
  await dialog(page).waitFor();
}

function dialog(page: Page): Locator {
  return page.locator('.decision-popup__body');
}

/** Lets a sliding popup come to rest before a screenshot. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
}

/** Waits until no toast or action dialog covers the page (for screenshots of the page itself). */
async function uncovered(page: Page): Promise<void> {
  await page.locator('.adm-toast-main').waitFor({ state: 'hidden' });
  await dialog(page).waitFor({ state: 'hidden' });
}

async function timelineHeadlines(page: Page): Promise<string[]> {
  return (await page.locator('.timeline__action').allInnerTexts()).map((text) => text.trim());
}

async function status(page: Page): Promise<string> {
  return (await page.locator('.application-header .status-tag').innerText()).trim();
}

describe('approval actions on the detail page', () => {
  it('the student submits; the head sends it back to the applicant with an opinion', async () => {
    const page = await student.newPage();
    await logInFirstTime(page, '2023010101', 'Yunlu-Student-1');
    applicationUrl = await submitWebsiteChange(page, '计算机学院官网');
    await page.getByText('部门负责人审批').first().waitFor();
    // Before anyone decides, the applicant may withdraw and urge; comment and CC wait behind 更多.
    await poll(() => barButtons(page)).toEqual(['更多', '撤回', '催办']);
    await uncovered(page);
    await snap(page, '30-applicant-actions');
    await page.close();

    const approver = await head.newPage();
    await logInFirstTime(approver, '30010001', 'Yunlu-Head-001');
    await approver.goto(applicationUrl);
    await approver.getByText('计算机学院官网').waitFor();
    await poll(() => barButtons(approver)).toEqual(['更多', '驳回', '同意']);
    await approver.getByRole('button', { name: '更多' }).click();
    const sheet = approver.locator('.adm-action-sheet');
    await sheet.getByRole('option', { name: '退回', exact: true }).waitFor();
    // The first step has nobody before it to remove; everything else the node allows is offered.
    expect(await sheet.getByRole('option').allInnerTexts()).toEqual(['退回', '转交', '委派', '加签', '评论', '抄送', '取消']);
    await settle(approver);
    await snap(approver, '31-more-actions');
    await sheet.getByRole('option', { name: '退回', exact: true }).click();

    const popup = dialog(approver);
    await popup.getByText('退回到').waitFor();
    // The first step can only go back to the applicant, chosen already.
    await expect(popup.getByRole('radio', { name: '退回申请人' }).isChecked()).resolves.toBe(true);
    await popup.getByRole('button', { name: '确认' }).click();
    await popup.getByText('请填写审批意见').waitFor(); // 退回 always needs a reason
    await popup.getByLabel('审批意见').fill('请在变更说明中写明新栏目的内容负责人。');
    await settle(approver);
    await snap(approver, '32-send-back-dialog');
    await popup.getByRole('button', { name: '确认' }).click();
    await poll(() => status(approver)).toBe('已退回');
    await poll(() => timelineHeadlines(approver)).toEqual(['提交申请', '退回申请人']);
    // The head has nothing left to decide here.
    expect(await barButtons(approver)).not.toContain('同意');
    await approver.close();
  });

  it('the student sees 已退回, corrects the form and resubmits; it reaches the head again', async () => {
    const page = await openDetail(student, applicationUrl);
    expect(await status(page)).toBe('已退回');
    await page.getByText('申请已被退回，请修改后重新提交').waitFor();
    await page.getByText('卫院长：请在变更说明中写明新栏目的内容负责人。').waitFor();
    await poll(() => barButtons(page)).toEqual(['更多', '撤回', '重新提交']);
    await snap(page, '33-returned-detail', { fullPage: true });

    await page.getByRole('button', { name: '重新提交' }).click();
    await page.waitForURL(/\/resubmit$/);
    // The form opens with what was submitted.
    await poll(() => page.getByLabel('网站名称').inputValue()).toBe('计算机学院官网');
    await expect(page.getByLabel('网站地址').inputValue()).resolves.toBe('https://cs.yunlu.edu.cn');
    await page.locator('[data-field="changeType"]').getByText('栏目调整').waitFor();
    // The shared validator checks the corrected form before anything is sent.
    await page.getByLabel('网站名称').fill('');
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.getByText('请填写网站名称').waitFor();
    await page.getByLabel('网站名称').fill('计算机学院官网');
    await page.getByLabel('变更说明').fill('新增“通知公告”栏目，并调整首页新闻区的布局。栏目内容负责人：学院办公室沈老师。');
    await snap(page, '34-resubmit-form', { fullPage: true });
    await page.getByRole('button', { name: '重新提交' }).click();
    // What changed since the send-back is shown before anything is sent (e2e/resubmit.test.ts has the whole of it).
    await page.locator('.resubmit-sheet').getByRole('button', { name: '确认重新提交' }).click();
    await page.waitForURL(/\/applications\/[^/]+$/);
    await poll(() => status(page)).toBe('审批中');
    await page.locator('#current-title').waitFor();
    await page.locator('[data-field="description"]').getByText('栏目内容负责人：学院办公室沈老师').waitFor();
    await poll(() => timelineHeadlines(page)).toEqual(['提交申请', '退回申请人', '重新提交']);
    // The resubmission says what changed, so the approver need not compare by eye.
    const change = page.locator('.resubmit-change');
    await poll(() => change.count()).toBe(1);
    expect(await change.innerText()).toContain('变更说明');
    expect(await change.locator('ins').innerText()).toContain('栏目内容负责人：学院办公室沈老师');
    await page.close();

    const approver = await head.newPage();
    await approver.goto('/received');
    await poll(() => approver.getByTestId('todo-count').innerText()).toBe('1');
    await approver.close();
  });

  it('the head approves; 李运维 removes 王网管 and asks 张信息 to sign first', async () => {
    const approver = await openDetail(head, applicationUrl);
    await approver.locator('.resubmit-change ins').getByText('栏目内容负责人：学院办公室沈老师').waitFor();
    await approver.getByRole('button', { name: '同意' }).click();
    await dialog(approver).getByLabel('审批意见').fill('同意。');
    await dialog(approver).getByRole('button', { name: '确认' }).click();
    await approver.locator('#current-title').waitFor();
    await approver.getByText('信息中心审核').first().waitFor();
    await approver.close();

    // The director's id, as the person picker takes it until people can be searched.
    const director = await zhang.newPage();
    await logInFirstTime(director, '20010001', 'Yunlu-Director-1');
    const directorId = await personIdOf(director);
    await director.close();

    const page = await li.newPage();
    await logInFirstTime(page, '20010002', 'Yunlu-ItStaff-2');
    await page.goto(applicationUrl);
    await page.locator('[data-field="description"]').getByText('栏目内容负责人：学院办公室沈老师').waitFor();
    // Both IT staff wait at 信息中心审核 (any one decides).
    await poll(() => page.locator('#current-title + dl').innerText()).toMatch(/李运维、王网管|王网管、李运维/);

    // 王网管 already approves at this step: he cannot be added as a signer.
    await chooseMore(page, '加签');
    let popup = dialog(page);
    await expect(popup.getByRole('radio', { name: '前加签' }).isChecked()).resolves.toBe(true);
    await popup.getByRole('option', { name: /王网管/ }).click();
    await popup.getByRole('button', { name: '确认' }).click();
    await popup.getByText('所选人员无效或已在本环节中').waitFor();
    await settle(page);
    await snap(page, '35-add-signer-refused');
    await popup.getByRole('button', { name: '取消' }).click();
    await popup.waitFor({ state: 'hidden' });

    // 减签: 李运维 takes the review on alone.
    await chooseMore(page, '减签');
    popup = dialog(page);
    await popup.getByText('减去的人员').waitFor();
    await popup.getByRole('radio', { name: '王网管（信息与现代教育技术中心）' }).check();
    await popup.getByLabel('审批意见').fill('本单由我处理。');
    await settle(page);
    await snap(page, '36-remove-signer-dialog');
    await popup.getByRole('button', { name: '确认' }).click();
    await poll(() => timelineHeadlines(page)).toContain('减签 王网管');
    await poll(() => page.locator('#current-title + dl').innerText()).toContain('李运维');
    expect(await page.locator('#current-title + dl').innerText()).not.toContain('王网管');

    // 前加签 张信息, entered by id (a wrong id is caught in the browser first).
    await chooseMore(page, '加签');
    popup = dialog(page);
    await popup.getByLabel('选择人员').fill('20010001');
    await popup.getByRole('button', { name: '添加' }).click();
    await popup.getByText('请输入正确的人员编号').waitFor();
    await popup.getByLabel('选择人员').fill(directorId);
    await popup.getByRole('button', { name: '添加' }).click();
    await popup.getByText(directorId).waitFor();
    await popup.getByLabel('审批意见').fill('请主任先把关栏目内容。');
    await settle(page);
    await snap(page, '37-add-signer-dialog');
    await popup.getByRole('button', { name: '确认' }).click();
    await poll(() => timelineHeadlines(page)).toContain('前加签 张信息');
    // 李运维's own task now waits for the signer: no decision buttons for him.
    await poll(() => barButtons(page)).not.toContain('同意');
    await expect(page.locator('#current-title + dl').innerText()).resolves.toContain('张信息');
    await uncovered(page);
    await snap(page, '38-signer-added', { fullPage: true });
    await page.close();
  });

  it('the student urges, and a second urge is refused for an hour; the student comments and copies the head', async () => {
    const page = await openDetail(student, applicationUrl);
    // Decisions have been made: no more withdrawing.
    await poll(() => barButtons(page)).toEqual(['评论', '抄送', '催办']);
    await page.getByRole('button', { name: '催办' }).click();
    await page.getByText('已催办，审批人会收到提醒').waitFor();
    await poll(() => timelineHeadlines(page)).toContain('催办 张信息');
    await page.getByText('已催办，审批人会收到提醒').waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: '催办' }).click();
    const refusal = page.locator('.adm-dialog');
    await refusal.getByText('每个待办一小时内只能催办一次').waitFor();
    await settle(page);
    await snap(page, '39-urge-too-soon');
    await refusal.getByRole('button', { name: '知道了' }).click();
    expect((await timelineHeadlines(page)).filter((text) => text.startsWith('催办'))).toHaveLength(1);

    await page.getByRole('button', { name: '评论' }).click();
    let popup = dialog(page);
    await popup.getByRole('button', { name: '确认' }).click();
    await popup.getByText('请填写评论内容').waitFor();
    await popup.getByLabel('评论内容').fill('已按要求补充栏目负责人，麻烦尽快处理，谢谢！');
    await popup.getByRole('button', { name: '确认' }).click();
    await page.getByText('评论：已按要求补充栏目负责人，麻烦尽快处理，谢谢！').waitFor();
    await uncovered(page);

    await page.getByRole('button', { name: '抄送' }).click();
    popup = dialog(page);
    await popup.getByRole('option', { name: /卫院长/ }).click();
    await settle(page);
    await snap(page, '3a-cc-dialog');
    await popup.getByRole('button', { name: '确认' }).click();
    await poll(() => timelineHeadlines(page)).toContain('抄送 卫院长');
    await page.close();
  });

  it('张信息 signs first; 李运维 approves; the director delegates to 王网管, who answers', async () => {
    let page = await openDetail(zhang, applicationUrl);
    // A signer decides (同意 / 驳回) or passes it on; 退回 and 加签 stay with the step's approver.
    await poll(() => barButtons(page)).toEqual(['更多', '驳回', '同意']);
    await page.getByRole('button', { name: '同意' }).click();
    await dialog(page).getByLabel('审批意见').fill('栏目内容已核对。');
    await dialog(page).getByRole('button', { name: '确认' }).click();
    // The head's 同意, and now the signer's.
    await poll(async () => (await timelineHeadlines(page)).filter((text) => text === '同意')).toHaveLength(2);
    await poll(() => barButtons(page)).not.toContain('同意');
    await page.close();

    page = await openDetail(li, applicationUrl);
    await page.getByRole('button', { name: '同意' }).click();
    await dialog(page).getByRole('button', { name: '确认' }).click();
    await poll(() => page.locator('#current-title + dl').innerText()).toContain('信息中心主任审批');
    await page.close();

    page = await openDetail(zhang, applicationUrl);
    await chooseMore(page, '委派');
    const popup = dialog(page);
    await popup.getByRole('option', { name: /王网管/ }).click();
    await popup.getByLabel('审批意见').fill('请王网管评估一下改版工作量。');
    await popup.getByRole('button', { name: '确认' }).click();
    await poll(() => timelineHeadlines(page)).toContain('委派给 王网管');
    await page.close();

    page = await wang.newPage();
    await logInFirstTime(page, '20010003', 'Yunlu-ItStaff-3');
    await page.goto(applicationUrl);
    await page.getByText('审批记录').waitFor();
    // A delegate answers; the decision stays with the director.
    await poll(() => barButtons(page)).toEqual(['更多', '回复意见']);
    await page.getByRole('button', { name: '回复意见' }).click();
    await dialog(page).getByRole('heading', { name: '回复意见' }).waitFor();
    await dialog(page).getByRole('button', { name: '确认' }).click();
    await dialog(page).getByText('请填写审批意见').waitFor();
    await dialog(page).getByLabel('回复意见').fill('工作量约半天，可以安排。');
    await settle(page);
    await snap(page, '3b-delegate-answer');
    await dialog(page).getByRole('button', { name: '确认' }).click();
    await page.getByText('回复意见：工作量约半天，可以安排。').waitFor();
    await poll(() => barButtons(page)).not.toContain('回复意见');
    await page.close();
  });

  it('the director transfers to 李运维, who approves: the application is approved', async () => {
    let page = await openDetail(zhang, applicationUrl);
    await poll(() => barButtons(page)).toEqual(['更多', '驳回', '同意']);
    await chooseMore(page, '转交');
    const popup = dialog(page);
    await popup.getByRole('option', { name: /李运维/ }).click();
    await popup.getByLabel('审批意见').fill('我出差，请李运维代为审批。');
    await settle(page);
    await snap(page, '3c-transfer-dialog');
    await popup.getByRole('button', { name: '确认' }).click();
    await poll(() => timelineHeadlines(page)).toContain('转交给 李运维');
    await page.close();

    page = await openDetail(li, applicationUrl);
    await page.getByRole('button', { name: '同意' }).click();
    await dialog(page).getByRole('button', { name: '确认' }).click();
    await poll(() => status(page)).toBe('已通过');
    await page.close();

    page = await openDetail(student, applicationUrl);
    expect(await status(page)).toBe('已通过');
    const headlines = await timelineHeadlines(page);
    for (const expected of ['退回申请人', '重新提交', '减签 王网管', '前加签 张信息', '催办 张信息', '委派给 王网管', '回复委派', '转交给 李运维']) expect(headlines).toContain(expected);
    await uncovered(page);
    await snap(page, '3d-approved-timeline', { fullPage: true });
    await page.close();
  });

  it('the student withdraws another application before anyone decides', async () => {
    const page = await student.newPage();
    const url = await submitWebsiteChange(page, '计算机学院旧站');
    await uncovered(page); // the 提交成功 toast
    await page.getByRole('button', { name: '撤回' }).click();
    const popup = dialog(page);
    await popup.getByText('撤回后本申请结束').waitFor();
    await popup.getByLabel('撤回原因').fill('填错了网站，重新申请。');
    await settle(page);
    await snap(page, '3e-withdraw-confirm');
    await popup.getByRole('button', { name: '确认撤回' }).click();
    await poll(() => status(page)).toBe('已撤回');
    await page.getByText('撤回原因：填错了网站，重新申请。').waitFor();
    // Ended: nothing left to withdraw, urge or copy; a comment is still possible.
    await poll(() => barButtons(page)).toEqual(['评论']);
    await uncovered(page);
    await snap(page, '3f-withdrawn', { fullPage: true });
    await page.close();

    // The head's todo no longer holds it, and its detail offers no decision.
    const approver = await openDetail(head, url);
    expect(await status(approver)).toBe('已撤回');
    expect(await barButtons(approver)).not.toContain('同意');
    await approver.goto('/received');
    await poll(() => approver.getByTestId('todo-count').innerText()).toBe('0');
    await approver.close();
  });
});
