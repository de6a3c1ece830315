import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { idNumberCheckChar } from '@onehall/forms';
import { launchChromium, logInFirstTime, newPhone, poll, snap, startHall } from './support.ts';

/**
 * Every kind of form field on a phone, with the demo's 学生请假申请 (a date
 * range and its days, a condition, a doctor's note, a time, a switch,
 * checkboxes, prefill, a handwritten signature) and 差旅报销 (people found
 * by name and pinyin, a department, a detail table with its total, a
 * multi-select, photos, an ID number): filled in, kept on the phone across
 * a reload, submitted, and read back on the detail page.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;

const STUDENT = '2023010103';
/** The 差旅报销 the student submits, for its approvers. */
let travelPath = '';

/** A small but real PDF (what the server's content check looks for). */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
/** A 1×1 PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  student = await newPhone(browser, hall.baseUrl);
  const page = await student.newPage();
  await logInFirstTime(page, STUDENT, 'Yunlu-Student-3');
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

/** The picker sheet open now (closed ones stay in the page, hidden). */
const popup = (page: Page) => page.locator('.adm-picker-popup .adm-popup-body:visible');

/** Moves a wheel of the open picker by up to `steps` items ('next' or 'previous'); answers how many it moved. */
async function turnWheel(page: Page, column: number, direction: 'next' | 'previous', steps: number): Promise<number> {
  const wheel = popup(page).locator('.adm-picker-view-column').nth(column);
  const word = direction === 'next' ? '选择下一项' : '选择上一项';
  let moved = 0;
  for (; moved < steps; moved++) {
    const button = wheel.locator(`[aria-label^="${word}"]`);
    if ((await button.count()) === 0) break;
    await button.dispatchEvent('click'); // visually hidden, for screen readers
    await page.waitForTimeout(150);
  }
  return moved;
}

/** Opens a picker from its button, optionally turns a wheel, and confirms. */
async function pickWith(page: Page, opener: Locator, turn?: { column: number; direction: 'next' | 'previous'; steps: number }): Promise<number> {
  await opener.click();
  await popup(page).waitFor();
  const moved = turn ? await turnWheel(page, turn.column, turn.direction, turn.steps) : 0;
  await popup(page).getByText('确定', { exact: true }).click();
  await popup(page).waitFor({ state: 'hidden' });
  return moved;
}

/** Chooses an option of a select (its button) on the wheel, the way a screen-reader user would. */
async function pickFrom(page: Page, opener: Locator, label: string): Promise<void> {
  await opener.click();
  await popup(page).waitFor();
  // From the top of the wheel (a chosen option may be below the one wanted), down to the option.
  while ((await popup(page).locator('[aria-label^="选择上一项"]').count()) > 0) await popup(page).locator('[aria-label^="选择上一项"]').dispatchEvent('click');
  for (let step = 0; step < 20; step++) {
    if ((await popup(page).locator(`[aria-label="当前选择的是：${label}"]`).count()) > 0) break;
    await popup(page).locator('[aria-label^="选择下一项"]').dispatchEvent('click');
  }
  await popup(page).getByText('确定', { exact: true }).click();
  await popup(page).waitFor({ state: 'hidden' });
}

/** Writes a signature on the pad with the mouse, the way a finger would. */
async function sign(page: Page): Promise<void> {
  await page.getByRole('button', { name: '点击签名' }).click();
  const canvas = page.getByRole('img', { name: '签名书写区' });
  await canvas.waitFor();
  // The sheet slides in: write once it has stopped moving.
  let box = (await canvas.boundingBox())!;
  for (let tries = 0; tries < 20; tries++) {
    await page.waitForTimeout(150);
    const now = (await canvas.boundingBox())!;
    if (now.y === box.y) break;
    box = now;
  }
  const stroke = async (points: [number, number][]) => {
    await page.mouse.move(box.x + points[0]![0], box.y + points[0]![1]);
    await page.mouse.down();
    for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
    await page.mouse.up();
  };
  await stroke([[40, 120], [80, 60], [110, 150], [150, 70], [190, 140]]);
  await stroke([[210, 90], [300, 100]]);
  await snap(page, 'f05-signature-pad');
  await page.locator('.signature-pad').getByRole('button', { name: '确定' }).click();
  await page.locator('[data-field="signature"] .signature-field__preview img').waitFor();
}

describe('学生请假申请: every kind of field, a draft kept across a reload', () => {
  it('the student fills the form, reloads, finds it as left, submits and reads it back', async () => {
    const page = await student.newPage();
    await page.goto('/services/student-leave');
    await page.getByText('请假须知').waitFor();
    // Prefilled from the person: number and class (the phone number is theirs to type: the hall answers it masked).
    await poll(() => page.getByLabel('学号').inputValue()).toBe(STUDENT);
    expect(await page.getByLabel('班级').inputValue()).toBe('计算机科学与技术2301班');
    await snap(page, 'f01-leave-form', { fullPage: true });

    // Submitting the empty form: the package's messages under each field, the first brought into view.
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('请选择请假时间').waitFor();
    await page.getByText('请完成本人签名').waitFor();
    await page.getByText('承诺事项至少选择 2 项').or(page.getByText('请选择承诺事项')).first().waitFor();
    await poll(() => page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field'))).toBe('period');
    await snap(page, 'f02-leave-errors');

    // 请假时间: from today to up to three days later; 共 N 天 and 请假天数 follow at once.
    const period = page.locator('[data-field="period"]');
    await pickWith(page, period.getByRole('button', { name: /开始日期/ }));
    const moved = await pickWith(page, period.getByRole('button', { name: /结束日期/ }), { column: 2, direction: 'next', steps: 3 });
    const days = moved + 1;
    await period.getByText(`共 ${days} 天`).waitFor();
    await poll(() => page.locator('[data-field="leaveDays"] output').innerText()).toBe(String(days));

    // 其他 asks what kind; 病假 asks for the doctor's note instead.
    await pickFrom(page, page.locator('[data-field="leaveKind"] button'), '其他');
    await page.getByLabel('其他类别说明').fill('参加竞赛集训');
    expect(await page.locator('[data-field="doctorNote"]').count()).toBe(0);
    await pickFrom(page, page.locator('[data-field="leaveKind"] button'), '病假');
    expect(await page.locator('[data-field="otherKind"]').count()).toBe(0);
    await page.locator('[data-field="doctorNote"] input[type="file"]').setInputFiles({ name: '诊断证明.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.locator('[data-field="doctorNote"]').getByRole('link', { name: '诊断证明.pdf' }).waitFor();

    await pickWith(page, page.locator('[data-field="leaveTime"] button'), { column: 0, direction: 'next', steps: 2 });
    await poll(() => page.locator('[data-field="leaveTime"] button').innerText()).toBe('08:00');
    // 是否离校 → 去向 appears, and is required.
    await page.getByRole('switch', { name: '是否离校' }).click();
    await page.getByLabel('去向').fill('西安市雁塔区家中');
    await page.getByLabel('请假事由').fill('发烧咳嗽，需回家休养');
    await page.getByLabel('联系电话').fill('13800001234');
    await page.getByRole('checkbox', { name: '请假期间注意人身安全' }).check();
    await page.getByRole('checkbox', { name: '按时返校并销假' }).check();
    await sign(page);
    await snap(page, 'f03-leave-filled', { fullPage: true });

    // A reload (WeCom closed, the phone rang): everything is still there.
    await page.waitForTimeout(600);
    await page.reload();
    await page.getByText('已恢复您上次未提交的填写内容').waitFor();
    expect(await page.getByLabel('请假事由').inputValue()).toBe('发烧咳嗽，需回家休养');
    expect(await page.getByRole('switch', { name: '是否离校' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByLabel('去向').inputValue()).toBe('西安市雁塔区家中');
    expect(await page.getByRole('checkbox', { name: '按时返校并销假' }).isChecked()).toBe(true);
    await period.getByText(`共 ${days} 天`).waitFor();
    await page.locator('[data-field="doctorNote"]').getByRole('link', { name: '诊断证明.pdf' }).waitFor();
    await page.locator('[data-field="signature"] .signature-field__preview img').waitFor();
    expect(await page.locator('[data-field="leaveTime"] button').innerText()).toBe('08:00');
    await snap(page, 'f04-leave-restored');

    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/applications\/[^/]+$/);
    const row = (key: string) => page.locator(`[data-field="${key}"]`);
    await row('period').getByText(`（共 ${days} 天）`).waitFor();
    expect(await row('leaveDays').locator('dd').innerText()).toBe(String(days));
    expect(await row('leaveKind').locator('dd').innerText()).toBe('病假');
    expect(await row('leaveSchool').locator('dd').innerText()).toBe('是');
    expect(await row('leaveTime').locator('dd').innerText()).toBe('08:00');
    expect(await row('promises').locator('dd').innerText()).toBe('请假期间注意人身安全、按时返校并销假');
    await row('doctorNote').getByRole('link', { name: '诊断证明.pdf' }).waitFor();
    await row('signature').getByRole('img', { name: '本人签名（手写签名）' }).waitFor();
    // The signature is served to its reader as the PNG it was drawn as.
    const src = await row('signature').locator('img').getAttribute('src');
    const image = await page.request.get(src!);
    expect([image.status(), image.headers()['content-type']]).toEqual([200, 'image/png']);
    // 其他类别说明 was hidden by its condition: not a row of the detail.
    expect(await page.locator('[data-field="otherKind"]').count()).toBe(0);
    await snap(page, 'f06-leave-detail', { fullPage: true });

    // Submitted: the kept draft is gone, and the next leave starts with the phone number of this one ('last').
    await page.goto('/services/student-leave');
    await poll(() => page.getByLabel('联系电话').inputValue()).toBe('13800001234');
    expect(await page.getByText('已恢复您上次未提交的填写内容').count()).toBe(0);
    expect(await page.getByLabel('请假事由').inputValue()).toBe('');
    await page.close();
  });
});

describe('差旅报销: people and a department, a detail table and its total, photos', () => {
  it('the student finds colleagues by name and pinyin, adds rows, sees the total, submits, and reads a table back', async () => {
    const page = await student.newPage();
    await page.goto('/services/travel-expense');
    await page.getByText('报销须知').waitFor();
    // 报销部门 is the student's own college to begin with.
    await poll(() => page.locator('[data-field="department"] button').innerText()).toBe('计算机科学与技术学院');

    // 出差人员: by name, then by pinyin.
    const travellers = page.locator('[data-field="travellers"]');
    // Refused for too many searches a minute: the picker says so, not 未找到匹配的人员.
    const searches = (url: URL) => url.pathname === '/api/people' && url.searchParams.has('q');
    await page.route(searches, (route) => route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试', requestId: 'e2e' } }) }));
    await page.getByLabel('出差人员').fill('蒋');
    await travellers.getByRole('list', { name: '搜索结果' }).getByText('操作过于频繁，请稍后再试').waitFor();
    await page.unroute(searches);
    await page.getByLabel('出差人员').fill('蒋辅导');
    await travellers.getByRole('button', { name: /^蒋辅导/ }).click();
    await page.getByLabel('出差人员').fill('shenlaoshi');
    await travellers.getByRole('button', { name: /^沈老师/ }).click();
    await travellers.getByText('蒋辅导').first().waitFor();
    await travellers.getByText('沈老师').first().waitFor();

    // 出差日期: yesterday (when the wheel allows) to today.
    const trip = page.locator('[data-field="tripDates"]');
    const back = await pickWith(page, trip.getByRole('button', { name: /开始日期/ }), { column: 2, direction: 'previous', steps: 1 });
    await pickWith(page, trip.getByRole('button', { name: /结束日期/ }));
    await trip.getByText(`共 ${back + 1} 天`).waitFor();
    await page.getByLabel('出差地点').fill('北京');
    await page.getByRole('radio', { name: '会议' }).check();

    // 费用明细: two rows; amounts get two decimals on leaving the field; the sums follow.
    await pickWith(page, page.locator('[data-cell="0.date"] button'));
    await pickFrom(page, page.locator('[data-cell="0.kind"] button'), '交通');
    await page.locator('[data-cell="0.note"] input').fill('高铁往返');
    const firstAmount = page.locator('[data-cell="0.amount"] input');
    await firstAmount.fill('100.1');
    await firstAmount.blur();
    await poll(() => firstAmount.inputValue()).toBe('100.10');
    await page.getByRole('button', { name: '添加一行' }).click();
    await pickWith(page, page.locator('[data-cell="1.date"] button'));
    await pickFrom(page, page.locator('[data-cell="1.kind"] button'), '住宿');
    await page.locator('[data-cell="1.amount"] input').fill('200.2');
    await page.locator('[data-field="items"]').getByText('金额合计').waitFor();
    await poll(() => page.locator('.table-field__totals dd').innerText()).toBe('¥300.30');
    await poll(() => page.locator('[data-field="total"] output').innerText()).toBe('¥300.30');

    // 票据类型 from a sheet of choices.
    await page.locator('[data-field="invoiceKinds"] button').click();
    await page.getByRole('checkbox', { name: '火车票' }).check();
    await page.getByRole('checkbox', { name: '增值税发票' }).check();
    await page.locator('.choice-sheet').getByRole('button', { name: '确定' }).click();
    await poll(() => page.locator('[data-field="invoiceKinds"] button').first().innerText()).toBe('增值税发票、火车票');

    await page.locator('[data-field="invoices"] input[type="file"]').setInputFiles({ name: '发票.png', mimeType: 'image/png', buffer: png });
    await page.locator('[data-field="invoices"]').getByRole('button', { name: '预览 发票.png' }).waitFor();
    const first17 = '61010220040101123';
    await page.getByLabel('收款人身份证号').fill(`${first17}${idNumberCheckChar(first17)}`.toLowerCase());
    await page.getByLabel('联系电话').fill('13800001234');
    await snap(page, 'f07-travel-filled', { fullPage: true });

    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/applications\/[^/]+$/);
    travelPath = new URL(page.url()).pathname;
    const row = (key: string) => page.locator(`[data-field="${key}"]`);
    expect(await row('travellers').locator('dd').innerText()).toBe('蒋辅导、沈老师');
    expect(await row('department').locator('dd').innerText()).toBe('计算机科学与技术学院');
    expect(await row('total').locator('dd').innerText()).toBe('¥300.30');
    expect(await row('invoiceKinds').locator('dd').innerText()).toBe('增值税发票、火车票');
    expect(await row('idNumber').locator('dd').innerText()).toBe(`${first17}${idNumberCheckChar(first17)}`);
    const table = row('items').locator('table');
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await table.locator('tbody tr').first().innerText()).toContain('高铁往返');
    expect(await table.locator('tfoot').innerText()).toContain('¥300.30');
    await snap(page, 'f08-travel-detail', { fullPage: true });
    await row('invoices').getByRole('button', { name: '查看 发票.png' }).click();
    await page.locator('.adm-image-viewer-content').waitFor();
    await snap(page, 'f09-invoice-viewer');
    await page.close();
  });
});

describe('差旅报销 at its steps: the finance office corrects a row, the total follows', () => {
  it('the head approves; the finance office lowers an amount in the table; the detail shows the new total', async () => {
    expect(travelPath).not.toBe('');
    for (const [accountNo, password] of [
      ['30010001', 'Yunlu-Head-1'],
      ['20060002', 'Yunlu-Finance-1'],
    ] as const) {
      const context = await newPhone(browser, hall.baseUrl);
      const page = await context.newPage();
      await logInFirstTime(page, accountNo, password);
      await page.goto(travelPath);
      await page.getByRole('button', { name: '同意' }).click();
      const dialog = page.locator('.decision-popup__body');
      if (accountNo === '20060002') {
        // The step writes 费用明细: the rows as submitted, each cell a control.
        const amount = dialog.locator('[data-cell="1.amount"] input');
        await poll(() => amount.inputValue()).toBe('200.20');
        await amount.fill('150');
        await dialog.locator('.table-field__totals').getByText('¥250.10').waitFor();
        await snap(page, 'f10-finance-corrects-table');
      } else {
        // The head does not see the payee's ID number (hidden at this step).
        expect(await page.locator('[data-field="idNumber"]').count()).toBe(0);
      }
      await dialog.getByRole('button', { name: '确认' }).click();
      await dialog.waitFor({ state: 'hidden' });
      if (accountNo === '20060002') {
        // Computed again by the server from the corrected rows.
        await poll(() => page.locator('[data-field="total"] dd').innerText()).toBe('¥250.10');
        expect(await page.locator('[data-field="items"] tfoot').innerText()).toContain('¥250.10');
        await snap(page, 'f11-travel-after-finance', { fullPage: true });
      }
      await context.close();
    }
  });
});
