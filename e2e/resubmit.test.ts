import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { idNumberCheckChar } from '@onehall/forms';
import { launchChromium, logInFirstTime, newPhone, personIdOf, poll, snap, startHall } from './support.ts';

/**
 * 重新提交 with what changed, on a phone. A student's 差旅报销 (a detail
 * table and its computed total, people, photos, and 收款人身份证号, which
 * the department head may not see) is sent back by the head, 卫院长. The
 * student opens 修改并重新提交: with nothing changed, the hall asks whether
 * to send it unchanged; after correcting a destination, an amount and the
 * ID number, it lists each change (old → new, the table by the row that
 * changed) before sending. The approval record then shows the changes to
 * the student, and to the head without the ID number.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;
let head: BrowserContext; // 卫院长 30010001, head of the student's college
let applicationPath = '';

const STUDENT = '2023010101';
const HEAD = '30010001';
const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
const FIRST_ID = idNumber('61010220040101123');
const CORRECTED_ID = idNumber('61010220040101321');
/** A 1×1 PNG, the receipt's photo. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  [student, head] = await Promise.all([newPhone(browser, hall.baseUrl), newPhone(browser, hall.baseUrl)]);
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

/** A day before today in Shanghai (yyyy-mm-dd). */
function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - days * 86_400_000));
}

/**
 * The student's 差旅报销, sent through the API with the page's session: the
 * form on a phone is another journey (form-fields.test.ts); this one starts
 * once the application exists.
 */
async function submitTravelExpense(page: Page): Promise<string> {
  const me = await (await page.request.get('/api/auth/me')).json();
  const headers = { 'x-csrf-token': me.csrfToken as string };
  const upload = await page.request.post('/api/files', { headers, multipart: { file: { name: '火车票.png', mimeType: 'image/png', buffer: png } } });
  expect(upload.status(), await upload.text()).toBe(201);
  const colleague = (await (await page.request.get('/api/people?q=%E6%B2%88%E8%80%81%E5%B8%88')).json()).items[0]; // 沈老师
  const departments = (await (await page.request.get('/api/departments')).json()).items as { id: string; name: string }[];
  const data = {
    travellers: [await personIdOf(page), colleague.personId],
    department: departments.find((department) => department.name === '计算机科学与技术学院')!.id,
    tripDates: { start: daysAgo(3), end: daysAgo(2) },
    destination: '北京',
    purpose: 'meeting',
    items: [
      { date: daysAgo(3), kind: 'transport', note: '高铁往返', amount: '100.10' },
      { date: daysAgo(3), kind: 'hotel', note: '会议酒店', amount: '200.20' },
    ],
    invoiceKinds: ['train', 'vat'],
    invoices: [await upload.json()],
    idNumber: FIRST_ID,
    contactPhone: '13800001234',
  };
  const created = await page.request.post('/api/applications', { headers, data: { serviceCode: 'travel-expense', data, idempotencyKey: crypto.randomUUID() } });
  expect(created.status(), await created.text()).toBe(201);
  return `/applications/${(await created.json()).id}`;
}

/** The changes a list shows, one line per field, as a person reads them. */
async function changeLines(page: Page, scope: string): Promise<string[]> {
  // A table's rows are lines of their own under the label: read as one line.
  return (await page.locator(`${scope} .resubmit-change`).allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').replace(/： /g, '：').trim());
}

async function timelineHeadlines(page: Page): Promise<string[]> {
  return (await page.locator('.timeline__action').allInnerTexts()).map((text) => text.trim());
}

/** Lets a sliding sheet come to rest before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(400);

describe('resubmitting after a send-back, with what changed', () => {
  it('the student submits a 差旅报销; 卫院长 sends it back', async () => {
    const page = await student.newPage();
    await logInFirstTime(page, STUDENT, 'Yunlu-Student-1');
    applicationPath = await submitTravelExpense(page);
    await page.close();

    const approver = await head.newPage();
    await logInFirstTime(approver, HEAD, 'Yunlu-Head-001');
    await approver.goto(applicationPath);
    await approver.getByText('审批记录').waitFor();
    // 收款人身份证号 is hidden at the head's step.
    await approver.locator('[data-field="destination"]').getByText('北京').waitFor();
    expect(await approver.locator('[data-field="idNumber"]').count()).toBe(0);
    await approver.locator('.action-bar').getByRole('button', { name: '更多' }).click();
    await approver.locator('.adm-action-sheet').getByRole('option', { name: '退回', exact: true }).click();
    const popup = approver.locator('.decision-popup__body');
    await popup.getByLabel('审批意见').fill('住宿费超标准，请按标准填写；出差地点请写到城市。');
    await popup.getByRole('button', { name: '确认' }).click();
    await poll(() => timelineHeadlines(approver)).toEqual(['提交申请', '退回申请人']);
    await approver.close();
  });

  it('the student resubmits: with nothing changed the hall asks first; after corrections it lists each change', async () => {
    const page = await student.newPage();
    await page.goto(applicationPath);
    await page.locator('.action-bar').getByRole('button', { name: '重新提交' }).click();
    await page.waitForURL(/\/resubmit$/);
    await page.getByText('退回意见（卫院长）：住宿费超标准').waitFor();
    await poll(() => page.getByLabel('出差地点').inputValue()).toBe('北京');

    // Nothing changed yet: the hall says so, and going back leaves the form as it was.
    await page.getByRole('button', { name: '重新提交' }).click();
    const sheet = page.locator('.resubmit-sheet');
    await sheet.getByRole('heading', { name: '提交未修改的内容？' }).waitFor();
    await sheet.getByText('没有修改任何内容').waitFor();
    await expect(sheet.getByRole('button', { name: '仍然提交' }).isEnabled()).resolves.toBe(true);
    await settle(page);
    await snap(page, 'r01-resubmit-unchanged');
    await sheet.getByRole('button', { name: '返回修改' }).click();
    await sheet.waitFor({ state: 'hidden' });
    expect(page.url()).toMatch(/\/resubmit$/);

    // The corrections: a city, the hotel's amount (the total follows), the ID number.
    await page.getByLabel('出差地点').fill('北京市海淀区');
    const hotel = page.locator('[data-cell="1.amount"] input');
    await hotel.fill('180');
    await hotel.blur();
    await poll(() => page.locator('[data-field="total"] output').innerText()).toBe('¥280.10');
    await page.getByLabel('收款人身份证号').fill(CORRECTED_ID);
    await page.getByRole('button', { name: '重新提交' }).click();
    await sheet.getByRole('heading', { name: '确认修改内容' }).waitFor();
    await sheet.getByText('修改了 4 项').waitFor();
    expect(await changeLines(page, '.resubmit-sheet')).toEqual([
      '出差地点：北京 → 北京市海淀区',
      '费用明细：第 2 行：金额 ¥200.20 → ¥180.00',
      '报销合计：¥300.30 → ¥280.10',
      `收款人身份证号：${FIRST_ID} → ${CORRECTED_ID}`,
    ]);
    await settle(page);
    await snap(page, 'r02-resubmit-changes');
    await sheet.getByRole('button', { name: '确认重新提交' }).click();
    await page.waitForURL(/\/applications\/[^/]+$/);

    // The approval record keeps what this resubmission changed.
    await poll(() => timelineHeadlines(page)).toEqual(['提交申请', '退回申请人', '重新提交']);
    await poll(() => changeLines(page, '.timeline')).toEqual([
      '出差地点：北京 → 北京市海淀区',
      '费用明细：第 2 行：金额 ¥200.20 → ¥180.00',
      '报销合计：¥300.30 → ¥280.10',
      `收款人身份证号：${FIRST_ID} → ${CORRECTED_ID}`,
    ]);
    await page.locator('.adm-toast-main').waitFor({ state: 'hidden' });
    await page.locator('.timeline').scrollIntoViewIfNeeded();
    await snap(page, 'r03-applicant-timeline');
    await page.close();
  });

  it('卫院长 sees what changed in the approval record, without the ID number hidden at the step', async () => {
    const approver = await head.newPage();
    await approver.goto(applicationPath);
    await poll(() => timelineHeadlines(approver)).toEqual(['提交申请', '退回申请人', '重新提交']);
    await poll(() => changeLines(approver, '.timeline')).toEqual([
      '出差地点：北京 → 北京市海淀区',
      '费用明细：第 2 行：金额 ¥200.20 → ¥180.00',
      '报销合计：¥300.30 → ¥280.10',
    ]);
    // Neither ID number is anywhere on the page.
    const text = await approver.locator('body').innerText();
    expect(text).not.toContain(FIRST_ID);
    expect(text).not.toContain(CORRECTED_ID);
    // The head decides again on the corrected application.
    await approver.locator('.action-bar').getByRole('button', { name: '同意' }).waitFor();
    await approver.locator('.timeline').scrollIntoViewIfNeeded();
    await snap(approver, 'r04-approver-timeline');

    // Sent back once more, for the student to resubmit as it is.
    await approver.locator('.action-bar').getByRole('button', { name: '更多' }).click();
    await approver.locator('.adm-action-sheet').getByRole('option', { name: '退回', exact: true }).click();
    const popup = approver.locator('.decision-popup__body');
    await popup.getByLabel('审批意见').fill('请附上会议通知。');
    await popup.getByRole('button', { name: '确认' }).click();
    await poll(() => timelineHeadlines(approver)).toEqual(['提交申请', '退回申请人', '重新提交', '退回申请人']);
    await approver.close();
  });

  it('the student resubmits without changes when the hall asks; the record says nothing changed, to the student only', async () => {
    const page = await student.newPage();
    await page.goto(`${applicationPath}/resubmit`);
    await page.getByText('退回意见（卫院长）：请附上会议通知。').waitFor();
    await poll(() => page.getByLabel('出差地点').inputValue()).toBe('北京市海淀区');
    await page.getByRole('button', { name: '重新提交' }).click();
    const sheet = page.locator('.resubmit-sheet');
    await sheet.getByRole('heading', { name: '提交未修改的内容？' }).waitFor();
    await sheet.getByRole('button', { name: '仍然提交' }).click();
    await page.waitForURL(/\/applications\/[^/]+$/);
    await poll(() => timelineHeadlines(page)).toEqual(['提交申请', '退回申请人', '重新提交', '退回申请人', '重新提交']);
    const last = page.locator('.timeline .adm-step').last();
    await last.getByText('未修改内容').waitFor();
    expect(await last.locator('.resubmit-change').count()).toBe(0);
    await page.close();

    // The head may not see 收款人身份证号: an empty list might hide a change to it, so they are told neither way.
    const approver = await head.newPage();
    await approver.goto(applicationPath);
    await poll(() => timelineHeadlines(approver)).toEqual(['提交申请', '退回申请人', '重新提交', '退回申请人', '重新提交']);
    const seen = approver.locator('.timeline .adm-step').last();
    expect(await seen.innerText()).toContain('重新提交');
    expect(await seen.getByText('未修改内容').count()).toBe(0);
    expect(await seen.locator('.resubmit-change').count()).toBe(0);
    await approver.close();
  });
});
