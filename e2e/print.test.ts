import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifactsDir, launchChromium, logInFirstTime, newPhone, poll, snap, startHall } from './support.ts';

/**
 * 打印 / 导出 PDF. 张子涵 asks for leave (学生请假申请, with a handwritten
 * signature); 蒋辅导 finds it in a filtered todo list, goes back to the list
 * with its filters and forward again, and approves it with an opinion; the
 * student opens the print view from the detail page, and Chromium prints it
 * to an A4 PDF. Someone with no part in the application is refused.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;
let counsellor: BrowserContext;
let application: { id: string; serialNo: string };

const OPINION = '同意请假，返校后及时销假。';
const REASON = '回家办理身份证补办手续';
/** A small PNG, standing in for the signature pad's picture. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  [student, counsellor] = await Promise.all([newPhone(browser, hall.baseUrl), newPhone(browser, hall.baseUrl)]);
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

const csrfOf = async (page: Page) => ((await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string }).csrfToken;

/** The student's leave request, through the API (the form itself is form-fields.test.ts's journey). */
async function submitLeave(page: Page): Promise<{ id: string; serialNo: string }> {
  const csrf = await csrfOf(page);
  const upload = await page.request.post('/api/files', { multipart: { file: { name: '签名.png', mimeType: 'image/png', buffer: png } }, headers: { 'x-csrf-token': csrf } });
  expect(upload.status(), await upload.text()).toBe(201);
  const signature = await upload.json();
  const data = {
    studentNo: '2023010101',
    className: '计算机科学与技术2301班',
    period: { start: today, end: today },
    leaveKind: 'personal',
    leaveSchool: false,
    reason: REASON,
    contactPhone: '13800001234',
    promises: ['safety', 'return'],
    signature,
  };
  const submitted = await page.request.post('/api/applications', { data: { serviceCode: 'student-leave', data, idempotencyKey: `print-${Date.now()}` }, headers: { 'x-csrf-token': csrf } });
  expect(submitted.ok(), await submitted.text()).toBe(true);
  return (await submitted.json()) as { id: string; serialNo: string };
}

describe('打印 / 导出 PDF of an application', () => {
  it('the counsellor finds the request in a filtered list, goes back to it, and approves with an opinion', async () => {
    const page = await student.newPage();
    await logInFirstTime(page, '2023010101', 'Yunlu-Student-1');
    application = await submitLeave(page);
    await page.close();

    const approver = await counsellor.newPage();
    await logInFirstTime(approver, '30010002', 'Yunlu-Counsel-1');
    // The list's filters live in its address; the back arrow must bring them back as they were.
    const listUrl = `/received/todo?q=${encodeURIComponent(application.serialNo)}&from=${today}`;
    await approver.goto(listUrl);
    await approver.locator('.application-item').filter({ hasText: application.serialNo }).click();
    await approver.waitForURL(new RegExp(`/applications/${application.id}$`));
    await approver.getByText(REASON).waitFor();
    await approver.locator('.page-header').getByRole('button', { name: '返回' }).click();
    await approver.waitForURL((url) => url.pathname === '/received/todo');
    const back = new URL(approver.url());
    expect(back.searchParams.get('q')).toBe(application.serialNo);
    expect(back.searchParams.get('from')).toBe(today);
    await approver.locator('.application-item').filter({ hasText: application.serialNo }).waitFor();

    await approver.goto(`/applications/${application.id}`);
    await approver.getByRole('button', { name: '同意' }).click();
    await approver.getByPlaceholder('请输入审批意见').fill(OPINION);
    await approver.getByRole('button', { name: '确认' }).click();
    await approver.getByText('已通过').first().waitFor();
    await approver.close();
  });

  it('the student opens the print view from the detail page and Chromium saves it as an A4 PDF', async () => {
    const page = await student.newPage();
    await page.goto(`/applications/${application.id}`);
    await page.getByText('已通过').first().waitFor();
    await page.getByRole('link', { name: '打印 / 导出 PDF' }).click();
    await page.waitForURL(new RegExp(`/applications/${application.id}/print$`));

    const sheet = page.getByRole('article', { name: '申请打印稿' });
    await sheet.getByRole('heading', { name: '学生请假申请' }).waitFor();
    await sheet.getByText('一站式网上办事大厅').waitFor();
    await sheet.getByText(application.serialNo).first().waitFor();
    await sheet.getByText('张子涵').first().waitFor();
    await sheet.getByText('已通过').waitFor();
    // The values, as the detail page reads them: labels, not codes.
    await sheet.locator('[data-field="reason"]').getByText(REASON).waitFor();
    await sheet.locator('[data-field="leaveKind"]').getByText('事假').waitFor();
    await sheet.locator('[data-field="promises"]').getByText('请假期间注意人身安全、按时返校并销假').waitFor();
    // The signature is its picture, loaded.
    const signature = sheet.locator('[data-field="signature"] img');
    await poll(() => signature.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // The record: who decided, what, the opinion, when.
    const decision = sheet.locator('tr[data-action="approve"]');
    await decision.getByText('蒋辅导').waitFor();
    await decision.getByText(OPINION).waitFor();
    await decision.getByText('辅导员审批').waitFor();
    await poll(() => sheet.getByTestId('printed-at').innerText()).toMatch(/^打印时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.getByRole('button', { name: '打印' }).waitFor();
    await snap(page, 'p1-print-view', { fullPage: true });

    // On paper: no title bar, no 打印 button, and the sheet alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    expect(await page.locator('.page-header').isVisible()).toBe(false);
    expect(await sheet.getByText(OPINION).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // "Save as PDF": the page's own @page rule gives A4 (595×842 pt).
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, 'p2-application.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    // (Checked as numbers, not with toMatch: a failure would print the whole PDF.)
    const text = pdf.toString('latin1');
    const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((box) => [Number(box[1]), Number(box[2])]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const [width, height] of boxes) {
      expect(width).toBeCloseTo(595.28, 0);
      expect(height).toBeCloseTo(841.89, 0);
    }
    expect(text.includes('/Subtype /Image')).toBe(true); // the signature went onto the page
    await page.close();
  });

  it('someone with no part in the application sees the usual refusal', async () => {
    const other = await newPhone(browser, hall.baseUrl);
    const page = await other.newPage();
    await logInFirstTime(page, '2023010103', 'Yunlu-Student-3');
    await page.goto(`/applications/${application.id}/print`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('article', { name: '申请打印稿' }).count()).toBe(0);
    expect(await page.getByText(REASON).count()).toBe(0);
    await snap(page, 'p3-print-refused');
    await other.close();
  });
});
