import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { mask } from '@onehall/contracts';
import { demoIdNumber, demoPeople, demoPhone } from '../apps/server/src/seed/demo-data.ts';
import { idNumberCheckChar } from '../apps/server/src/modules/identity/id-number.ts';
import { axeFindingLines, demoInitialPassword, launchChromium, logInFirstTime, newPhone, poll, seriousAxeFindings, snap, startHall } from './support.ts';

/**
 * The admin console's 人员 on a desktop: an administrator finds a 预科 student,
 * gives them a 本科 number and disables the old one (whose sessions end at
 * once); then imports a CSV of people: a file with a wrong row is refused with
 * the row's line and column, the corrected file (saved by Excel in GBK) is
 * checked and imported, and the new person is found in the list; and on
 * 组织机构 imports a new college and its class, and on 角色 gives and takes
 * roles. The tests
 * share one hall and run in order.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let workDir: string;

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-people-'));
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const ADMIN = '10000001';
const ADMIN_PASSWORD = 'Yunlu-Admin-01';

/** A demo person by account number, with what the seed gave them (fictional ID number and phone). */
function demoPerson(accountNo: string) {
  const n = demoPeople.findIndex((person) => person.accountNo === accountNo);
  const person = demoPeople[n];
  if (!person) throw new Error(`no demo account ${accountNo}`);
  return { ...person, idNumber: demoIdNumber(n, person.kind), phone: demoPhone(n) };
}

// The 民族预科2501班 (预科教育学院): 20250901xx.
const movedUp = demoPerson('2025090101'); // gets a 本科 number in the drawer
const linkedByImport = demoPerson('2025090102'); // gets one from the import, found by ID number
const phoneChanged = demoPerson('2025090103');
const untouched = demoPerson('2025090104');

function newDesktop(): Promise<BrowserContext> {
  return browser.newContext({ baseURL: hall.baseUrl, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
}

/** The console's own login, from wherever the page was sent. */
async function logInToConsole(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/admin/login');
  await page.getByLabel('账号').fill(ADMIN);
  await page.getByLabel('密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
}

/** A new desktop opened at `at` in the console (/people…), logged in there; close its context when done. */
async function openConsole(at: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newDesktop();
  const page = await context.newPage();
  await page.goto(`/admin${at}`);
  await logInToConsole(page);
  await page.waitForURL((url) => url.pathname.replace(/\/$/, '') === `/admin${at}`.replace(/\/$/, ''));
  return { context, page };
}

/** Chooses `file` in an import dialog, checks it until `checked` is said, then imports it and closes the report with 完成. */
async function importChecked(dialog: Locator, file: string, checked: string): Promise<void> {
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: /^检\s*查$/ }).click();
  await dialog.getByText(checked).waitFor();
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await dialog.getByText('导入完成').waitFor();
  await dialog.getByRole('button', { name: /^完\s*成$/ }).click();
}

/** The rows of the first table in `scope`, each as the texts of its cells. */
function tableRows(scope: Page | Locator): Promise<string[][]> {
  return scope
    .locator('.ant-table-tbody tr.ant-table-row')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')));
}

/** The list's rows: 姓名, 类别, 部门, 班级, 手机号, 证件号码, 账号. */
function peopleRows(page: Page): Promise<string[][]> {
  return tableRows(page.locator('main, .admin-content').first().locator('.ant-table').first());
}

async function searchPeople(page: Page, words: string): Promise<void> {
  const box = page.getByPlaceholder('姓名，或学号/工号的开头');
  await box.fill(words);
  await box.press('Enter');
  await page.waitForURL((url) => url.pathname === '/admin/people' && url.searchParams.get('q') === words);
}

/** Logs in with the hall's API, as a phone would; answers the response. */
function logInByApi(request: APIRequestContext, accountNo: string, password: string) {
  return request.post('/api/auth/login', { data: { accountNo, password } });
}

/** A valid, fictional ID number (GB 11643 check character) that no demo person has. */
function freshIdNumber(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

/**
 * `text` in GBK, as Excel saves a CSV on Chinese Windows. Node decodes
 * GB18030 but cannot encode it, so the table is built by decoding every
 * two-byte code once.
 */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const codes = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\uFFFD' && !codes.has(char)) codes.set(char, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else {
      const code = codes.get(char);
      if (!code) throw new Error(`no GBK code for ${char}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

describe('the admin console: 人员', () => {
  it('an administrator finds a 预科 student, links a 本科 number and disables the old one, which is logged out at once', async () => {
    const context = await newDesktop();
    const page = await context.newPage();
    // The hall insists on a new password first; then the console asks for its own login.
    await logInFirstTime(page, ADMIN, ADMIN_PASSWORD);
    const csrfToken = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()).then((me: { csrfToken: string }) => me.csrfToken));
    await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrfToken } });
    await page.goto('/admin/');
    await logInToConsole(page);
    await page.getByText('审批中的申请').waitFor();
    await page.getByRole('menuitem', { name: '人员' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/people');
    await poll(() => page.locator('.ant-menu-item-selected').textContent()).toBe('人员');

    // Newest first, 20 a page; 加载更多 brings the next ones.
    await poll(async () => (await peopleRows(page)).length).toBe(20);
    await page.getByRole('button', { name: '加载更多' }).click();
    await poll(async () => (await peopleRows(page)).length).toBe(40);

    // The student is on a phone meanwhile, logged in with the 预科 number.
    const phone = await newPhone(browser, hall.baseUrl);
    expect((await logInByApi(phone.request, movedUp.accountNo, demoInitialPassword(movedUp.accountNo))).status()).toBe(200);
    const studentPersonId = ((await (await phone.request.get('/api/auth/me')).json()) as { personId: string }).personId;

    // By the start of a 学号: the whole 预科 class; by name: the student, phone and ID number masked.
    await searchPeople(page, '20250901');
    await poll(async () => (await peopleRows(page)).map((row) => row[6]).sort()).toEqual(['2025090101', '2025090102', '2025090103', '2025090104']);
    expect((await peopleRows(page)).every((row) => row[3] === '民族预科2501班')).toBe(true);
    await page.getByText('已显示全部 4 人').waitFor();
    await searchPeople(page, movedUp.name);
    await poll(async () => (await peopleRows(page)).find((row) => row[6] === movedUp.accountNo)).toEqual([
      movedUp.name,
      '学生',
      '预科教育学院',
      '民族预科2501班',
      mask.phone(movedUp.phone),
      mask.idNumber(movedUp.idNumber),
      movedUp.accountNo,
    ]);
    expect(mask.idNumber(movedUp.idNumber)).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    await snap(page, '81-admin-people');

    // The row opens the person's accounts.
    await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: movedUp.accountNo }).locator('td').nth(3).click();
    const drawer = page.getByRole('dialog', { name: `${movedUp.name}的账号` });
    await drawer.waitFor();
    await poll(async () => (await tableRows(drawer)).map((row) => row.slice(0, 3))).toEqual([[movedUp.accountNo, '学生', '正常未改初始密码']]);

    // 关联新账号: a number someone else has is refused by the server, a malformed one in the browser.
    const linkForm = drawer.getByRole('region', { name: '关联新账号' });
    // The form's submit button, whatever its name says meanwhile (while a link is sent, antd adds a spinner named "loading").
    const linkButton = linkForm.locator('button[type="submit"]');
    await expect(linkButton.innerText()).resolves.toMatch(/^关\s*联$/);
    await linkForm.getByLabel('学号/工号').fill(linkedByImport.accountNo);
    await linkButton.click();
    await linkForm.getByText('该学号/工号已被使用').waitFor();
    await linkForm.getByLabel('学号/工号').fill('2026-03');
    await linkForm.getByText('学号/工号为 4–32 位字母或数字').waitFor();
    await linkForm.getByLabel('学号/工号').fill('2026030101');
    await linkButton.click();
    await page.getByText('已关联新账号 2026030101').waitFor();
    await poll(async () => (await tableRows(drawer)).map((row) => row.slice(0, 3))).toEqual([
      [movedUp.accountNo, '学生', '正常未改初始密码'],
      ['2026030101', '学生', '正常未改初始密码'],
    ]);
    expect(await linkForm.getByLabel('学号/工号').inputValue()).toBe('');

    // 停用 the 预科 number: asked first, with what it does.
    await drawer.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: movedUp.accountNo }).getByRole('button', { name: /^停\s*用$/ }).click();
    const ask = page.getByRole('tooltip').filter({ hasText: `停用账号 ${movedUp.accountNo}？` });
    await ask.getByText('停用后该账号立即退出所有设备，无法登录').waitFor();
    await poll(() => ask.evaluate((element) => element.closest('.ant-popover')?.getAnimations({ subtree: true }).length)).toBe(0); // fully shown
    await snap(page, '82-admin-people-disable');
    await ask.getByRole('button', { name: /^停\s*用$/ }).click();
    await page.getByText(`已停用账号 ${movedUp.accountNo}`).waitFor();
    await poll(async () => (await tableRows(drawer)).map((row) => row.slice(0, 3))).toEqual([
      [movedUp.accountNo, '学生', '停用未改初始密码'],
      ['2026030101', '学生', '正常未改初始密码'],
    ]);
    await poll(() => page.locator('.ant-message-notice').count()).toBe(0); // the toasts are gone, not over the title
    await snap(page, '83-admin-people-accounts');

    // The phone's session ended at once; the old number no longer logs in, the new one does, as the same person.
    expect((await phone.request.get('/api/auth/me')).status()).toBe(401);
    const refused = await logInByApi(phone.request, movedUp.accountNo, demoInitialPassword(movedUp.accountNo));
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ACCOUNT_DISABLED');
    const renewed = await logInByApi(phone.request, '2026030101', movedUp.idNumber.slice(-8));
    expect(renewed.status()).toBe(200);
    expect(await renewed.json()).toMatchObject({ personId: studentPersonId, accountNo: '2026030101', mustChangePassword: true });
    await phone.close();

    // The list shows the change without a reload: both numbers, the old one 停用.
    await drawer.getByRole('button', { name: /关\s*闭|Close/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: movedUp.accountNo });
    await poll(() => row.locator('td').nth(6).textContent()).toBe(`${movedUp.accountNo}停用2026030101`);
    expect(await row.locator('td').nth(6).locator('.ant-tag').textContent()).toBe('停用');

    // The administrator's own account cannot be disabled from here (it would lock them out).
    await searchPeople(page, ADMIN);
    await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: ADMIN }).getByRole('button', { name: '周管理' }).click();
    const own = page.getByRole('dialog', { name: '周管理的账号' });
    await own.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await own.getByRole('button', { name: /^停\s*用$/ }).isDisabled()).toBe(true);
    await context.close();
  });

  it('an administrator imports people from a CSV: a wrong row is named by line, the corrected file is checked and imported', async () => {
    const { context, page } = await openConsole('/people');
    await poll(async () => (await peopleRows(page)).length).toBe(20);

    await page.getByRole('button', { name: '导入人员' }).click();
    const dialog = page.getByRole('dialog', { name: '导入人员' });
    await dialog.getByText('学号/工号和姓名必填；新账号还须填写类别和证件号码').waitFor();
    const commitButton = dialog.getByRole('button', { name: '确认导入' });
    const checkButton = dialog.getByRole('button', { name: /^检\s*查$/ });
    expect(await commitButton.isDisabled()).toBe(true);
    expect(await checkButton.isDisabled()).toBe(true);

    // 下载导入模板: the header row, UTF-8 with BOM so Excel shows the Chinese.
    const saved = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '下载导入模板' }).click();
    const download = await saved;
    expect(download.suggestedFilename()).toBe('人员导入模板.csv');
    const template = fs.readFileSync(await download.path());
    expect([...template.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(template.subarray(3).toString('utf8')).toBe('学号/工号,姓名,类别,部门编码,班级编码,手机号,证件类型,证件号码,邮箱\r\n');

    // The file: a new student, a 本科 number for a 预科 student (found by ID number), a new phone,
    // an unchanged row, and a second new student with a mistyped department code.
    const newcomerId = freshIdNumber('11010120070315123');
    const secondId = freshIdNumber('11010120070416456');
    const lines = (departmentOfSecond: string) =>
      [
        '学号/工号,姓名,类别,部门编码,班级编码,手机号,身份证号,邮箱',
        `2026990001,欧阳新生,学生,JSJ,JK2301,13700000001,${newcomerId},ouyang@example.edu.cn`,
        `2026030102,${linkedByImport.name},本科生,JSJ,JK2302,,${linkedByImport.idNumber},`,
        `${phoneChanged.accountNo},${phoneChanged.name},,,,13912345678,,`,
        `${untouched.accountNo},${untouched.name},,,,,,`,
        `2026990002,司马二新,学生,${departmentOfSecond},,,${secondId},`,
      ].join('\r\n') + '\r\n';
    const file = path.join(workDir, '2026级新生.csv');
    fs.writeFileSync(file, `\uFEFF${lines('JSX')}`, 'utf8');
    const fileInput = dialog.locator('input[type=file]');
    await fileInput.setInputFiles(file);
    await dialog.getByText('2026级新生.csv').waitFor();
    await checkButton.click();

    const report = dialog.getByRole('region', { name: '检查结果' });
    await report.getByText('发现 1 个问题').waitFor();
    const [problems, changesWithProblem] = [report.locator('.ant-table').nth(0), report.locator('.ant-table').nth(1)];
    expect(await tableRows(problems)).toEqual([['6', '部门编码', '没有编码为“JSX”的部门：请先在“组织机构”中导入该部门，或检查编码']]);
    expect((await tableRows(changesWithProblem)).map((row) => row[0])).toEqual(['2', '3', '4']);
    expect(await commitButton.isDisabled()).toBe(true);
    await snap(page, '84-admin-people-import-problem');

    // Corrected in Excel, which saves it in GBK; chosen again, the old report is gone until 检查.
    fs.writeFileSync(file, encodeGbk(lines('JSJ')));
    await fileInput.setInputFiles(file);
    await report.waitFor({ state: 'detached' });
    expect(await commitButton.isDisabled()).toBe(true);
    await checkButton.click();
    await report.getByText('检查通过：共 5 行，4 行有变化').waitFor();
    expect(await report.locator('.ant-statistic').evaluateAll((items) => items.map((item) => item.textContent))).toEqual([
      '新建2',
      '关联到已有人员1',
      '更新1',
      '无变化1',
      '问题0',
    ]);
    expect(await tableRows(report.locator('.ant-table'))).toEqual([
      ['2', '2026990001', '欧阳新生', '新建'],
      ['3', '2026030102', linkedByImport.name, `关联到已有人员（原账号 ${linkedByImport.accountNo}；更新部门编码、班级编码）`],
      ['4', phoneChanged.accountNo, phoneChanged.name, '更新（手机号）'],
      ['6', '2026990002', '司马二新', '新建'],
    ]);
    expect(await commitButton.isEnabled()).toBe(true);
    await snap(page, '85-admin-people-import-checked');

    await commitButton.click();
    await dialog.getByText('导入完成').waitFor();
    expect(await dialog.locator('.ant-statistic').evaluateAll((items) => items.map((item) => item.textContent))).toEqual(['新建2', '关联到已有人员1', '更新1', '无变化1']);
    await snap(page, '86-admin-people-import-done');
    await dialog.getByRole('button', { name: /^完\s*成$/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The list was refreshed: the newcomers are on top, newest first.
    await poll(async () => (await peopleRows(page)).slice(0, 2).map((row) => row[0]).sort()).toEqual(['司马二新', '欧阳新生']);
    await searchPeople(page, '欧阳');
    await poll(() => peopleRows(page)).toEqual([['欧阳新生', '学生', '计算机科学与技术学院', '计算机科学与技术2301班', '137****0001', mask.idNumber(newcomerId), '2026990001']]);
    await snap(page, '87-admin-people-imported');
    await searchPeople(page, linkedByImport.name);
    await poll(async () => (await peopleRows(page)).find((row) => row[6]?.startsWith(linkedByImport.accountNo))?.slice(2)).toEqual([
      '计算机科学与技术学院',
      '计算机科学与技术2302班',
      mask.phone(linkedByImport.phone),
      mask.idNumber(linkedByImport.idNumber),
      `${linkedByImport.accountNo}2026030102`,
    ]);

    // The newcomer logs in with the initial password: the last 8 of the ID number.
    const newcomer = await newPhone(browser, hall.baseUrl);
    const login = await logInByApi(newcomer.request, '2026990001', newcomerId.slice(-8));
    expect(await login.json()).toMatchObject({ name: '欧阳新生', mustChangePassword: true });
    await newcomer.close();

    // The same file again changes nothing, and there is nothing to import.
    const { context: again, page: againPage } = await openConsole('/people');
    await againPage.getByRole('button', { name: '导入人员' }).click();
    const againDialog = againPage.getByRole('dialog', { name: '导入人员' });
    await againDialog.locator('input[type=file]').setInputFiles(file);
    await againDialog.getByRole('button', { name: /^检\s*查$/ }).click();
    await againDialog.getByText('文件中的 5 行与系统中的人员一致，无需导入').waitFor();
    expect(await againDialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await again.close();
    await context.close();
  });
  it('an international student with a passport: imported, and listed with the document named and its number masked', async () => {
    const { context, page } = await openConsole('/people');
    await page.getByRole('button', { name: '导入人员' }).click();
    const file = path.join(workDir, '留学生.csv');
    fs.writeFileSync(file, '\uFEFF学号/工号,姓名,类别,部门编码,证件类型,证件号码\r\n2026880001,Alice Martin,学生,JSJ,护照,E12345678\r\n', 'utf8');
    await importChecked(page.getByRole('dialog', { name: '导入人员' }), file, '检查通过：共 1 行，1 行有变化');
    await searchPeople(page, 'Alice');
    await poll(() => peopleRows(page)).toEqual([['Alice Martin', '学生', '计算机科学与技术学院', '—', '—', '护照 E******78', '2026880001']]);
    await context.close();
  });
});

describe('the admin console: 组织机构', () => {
  it('an administrator sees the departments as a tree, imports a new college (a wrong row named by line first) and its class with a counsellor', async () => {
    const { context, page } = await openConsole('/organization');
    await page.getByRole('heading', { name: '组织机构' }).waitFor();
    await page.getByText('共 13 个部门、6 个班级').waitFor();
    // The university at the top, opened: its departments under it, each with its head and phone.
    const rows = () => tableRows(page.locator('.admin-content .ant-table').first());
    await poll(async () => (await rows()).find((row) => row[1] === 'JSJ')?.slice(0, 4)).toEqual(['计算机科学与技术学院', 'JSJ', '卫院长（30010001）', '029-88880210']);

    // 导入部门: a college whose parent comes later in the file, and a row naming an unknown head.
    await page.getByRole('button', { name: '导入部门' }).click();
    const dialog = page.getByRole('dialog', { name: '导入部门' });
    await dialog.getByText('部门编码和部门名称必填').waitFor();
    const saved = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '下载导入模板' }).click();
    expect((await saved).suggestedFilename()).toBe('部门导入模板.csv');
    const file = path.join(workDir, '部门.csv');
    const departments = (head: string) => `部门编码,部门名称,上级部门编码,联系电话,负责人工号\r\nRGZN,人工智能学院,KXB,029-88880260,${head}\r\nKXB,理工学部,YL,,\r\n`;
    fs.writeFileSync(file, `\uFEFF${departments('39999999')}`, 'utf8');
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('button', { name: /^检\s*查$/ }).click();
    const report = dialog.getByRole('region', { name: '检查结果' });
    await report.getByText('发现 1 个问题').waitFor();
    expect(await tableRows(report.locator('.ant-table').first())).toEqual([['2', '负责人工号', '没有学号/工号为“39999999”的账号：请先导入该人员，或检查工号']]);
    await snap(page, '88-admin-organization-import-problem');

    fs.writeFileSync(file, encodeGbk(departments('30010001')));
    await dialog.locator('input[type=file]').setInputFiles(file);
    await report.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: /^检\s*查$/ }).click();
    await report.getByText('检查通过：共 2 行，2 行有变化').waitFor();
    expect(await tableRows(report.locator('.ant-table'))).toEqual([
      ['2', 'RGZN', '人工智能学院', '新建'],
      ['3', 'KXB', '理工学部', '新建'],
    ]);
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await dialog.getByText('导入完成').waitFor();
    await dialog.getByRole('button', { name: /^完\s*成$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('共 15 个部门、6 个班级').waitFor();

    // 导入班级: a class of the new college, with 蒋辅导 as its counsellor.
    await page.getByRole('button', { name: '导入班级' }).click();
    const classDialog = page.getByRole('dialog', { name: '导入班级' });
    await classDialog.getByText('新班级还须填写所属部门的编码').waitFor();
    const classFile = path.join(workDir, '班级.csv');
    fs.writeFileSync(classFile, '\uFEFF班级编码,班级名称,年级,部门编码,辅导员工号\r\nRG2601,人工智能2601班,2026,RGZN,30010002\r\n', 'utf8');
    await importChecked(classDialog, classFile, '检查通过：共 1 行，1 行有变化');
    await page.getByText('共 15 个部门、7 个班级').waitFor();

    // In the tree: 理工学部 under the university, 人工智能学院 under it, the class under the college.
    const rowOf = (code: string) => page.locator('.admin-content .ant-table-tbody tr.ant-table-row').filter({ has: page.getByRole('cell', { name: code, exact: true }) });
    await rowOf('KXB').getByRole('button', { name: /展开|Expand/ }).click();
    await rowOf('RGZN').waitFor();
    expect((await rows()).find((row) => row[1] === 'RGZN')?.slice(0, 4)).toEqual(['人工智能学院', 'RGZN', '卫院长（30010001）', '029-88880260']);
    await rowOf('RGZN').getByRole('button', { name: /展开|Expand/ }).click();
    await rowOf('RG2601').waitFor();
    expect((await rows()).find((row) => row[1] === 'RG2601')).toEqual(['人工智能2601班班级', 'RG2601', '蒋辅导（30010002）', '—', '2026', '0', '编辑']);
    await snap(page, '89-admin-organization');

    // 编辑: 人工智能学院 gets another phone and no head; a wrong head is said on its field first.
    await page.getByRole('button', { name: '编辑 人工智能学院' }).click();
    const edit = page.getByRole('dialog', { name: '编辑部门（RGZN）' });
    await poll(() => edit.getByLabel('负责人工号').inputValue()).toBe('30010001');
    await edit.getByLabel('联系电话').fill('029-88880261');
    await edit.getByLabel('负责人工号').fill('39999999');
    await edit.getByRole('button', { name: /^保\s*存$/ }).click();
    await edit.getByText('没有学号/工号为“39999999”的账号：请先导入该人员，或检查工号').waitFor();
    await edit.getByLabel('负责人工号').fill('');
    await edit.getByRole('button', { name: /^保\s*存$/ }).click();
    await edit.waitFor({ state: 'hidden' });
    await poll(async () => (await rows()).find((row) => row[1] === 'RGZN')?.slice(0, 4)).toEqual(['人工智能学院', 'RGZN', '—', '029-88880261']);
    await context.close();
  });
});

describe('the admin console: 角色', () => {
  it('an administrator makes a role, gives it for one department, gives and takes 系统管理员, and cannot take their own', async () => {
    const { context, page } = await openConsole('/roles');
    const adminRole = page.getByRole('region', { name: '系统管理员' });
    await adminRole.getByText('内置').waitFor();
    expect(await tableRows(adminRole)).toEqual([['周管理', ADMIN, '全校', '取消']]);
    expect(await adminRole.getByRole('button', { name: '取消 周管理 的系统管理员' }).isDisabled()).toBe(true);

    // 新建角色: a wrong code is refused on its field, then the role is made.
    await page.getByRole('button', { name: '新建角色' }).click();
    const create = page.getByRole('dialog', { name: '新建角色' });
    await create.getByLabel('角色编码').fill('Web Review');
    await create.getByLabel('角色名称').fill('网站审核员');
    await create.getByRole('button', { name: /^新\s*建$/ }).click();
    await create.getByText('角色编码为 2–32 位小写字母、数字或下划线，以字母开头').waitFor();
    await create.getByLabel('角色编码').fill('web_review');
    await create.getByRole('button', { name: /^新\s*建$/ }).click();
    await create.waitFor({ state: 'hidden' });
    const webRole = page.getByRole('region', { name: '网站审核员' });
    await webRole.getByText('暂无人员').waitFor();

    // 授予 it to 李运维 for 信息与现代教育技术中心 only; an unknown number is said on its field first.
    await webRole.getByRole('button', { name: /^授\s*予$/ }).click();
    const grant = page.getByRole('dialog', { name: '授予“网站审核员”' });
    await grant.getByLabel('学号/工号').fill('29999999');
    await grant.getByRole('button', { name: /^授\s*予$/ }).click();
    await grant.getByText('没有这个学号/工号的账号：请先导入该人员').waitFor();
    await grant.getByLabel('学号/工号').fill('20010002');
    await grant.getByLabel('范围').click();
    await page.keyboard.type('信息与现代');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="信息与现代教育技术中心（XXZX）"]').click();
    await grant.getByRole('button', { name: /^授\s*予$/ }).click();
    await grant.waitFor({ state: 'hidden' });
    await poll(() => tableRows(webRole)).toEqual([['李运维', '20010002', '信息与现代教育技术中心', '取消']]);
    await snap(page, '90-admin-roles');

    // 系统管理员 to 张信息, then taken away after a confirm.
    await adminRole.getByRole('button', { name: /^授\s*予$/ }).click();
    const grantAdmin = page.getByRole('dialog', { name: '授予“系统管理员”' });
    await grantAdmin.getByText('系统管理员面向全校').waitFor();
    await grantAdmin.getByLabel('学号/工号').fill('20010001');
    await grantAdmin.getByRole('button', { name: /^授\s*予$/ }).click();
    await grantAdmin.waitFor({ state: 'hidden' });
    await poll(async () => (await tableRows(adminRole)).map((row) => row[0]).sort()).toEqual(['周管理', '张信息'].sort());
    await adminRole.getByRole('button', { name: '取消 张信息 的系统管理员' }).click();
    await page.getByRole('button', { name: '取消角色' }).click();
    await poll(() => tableRows(adminRole)).toEqual([['周管理', ADMIN, '全校', '取消']]);
    await context.close();
  });
});

describe('the admin console with a screen reader in mind', () => {
  it('every page, and an import dialog open over one, has no serious or critical axe finding (contrast, headings, names)', async () => {
    const { context, page } = await openConsole('/');
    await page.getByText('审批中的申请').waitFor();
    const expectNoSeriousFindings = async (where: string) => {
      await page.waitForLoadState('networkidle').catch(() => {});
      const lines = axeFindingLines(await seriousAxeFindings(page));
      expect.soft(lines, `axe on ${where}:\n${lines.join('\n')}`).toEqual([]);
    };
    for (const [at, title] of [['/', '概览'], ['/organization', '组织机构'], ['/people', '人员'], ['/roles', '角色'], ['/audit', '审计日志'], ['/identity', '身份认证'], ['/qr', '入口二维码']] as const) {
      await page.goto(`/admin${at}`);
      // One h1 (the console's name in the header), the page's title under it.
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual(['管理控制台']);
      await expectNoSeriousFindings(title);
    }
    await page.goto('/admin/organization');
    await page.getByRole('button', { name: '导入部门' }).click();
    const dialog = page.getByRole('dialog', { name: '导入部门' });
    await dialog.getByText('部门编码和部门名称必填').waitFor();
    await poll(() => dialog.evaluate((element) => element.getAnimations({ subtree: true }).length)).toBe(0);
    await expectNoSeriousFindings('导入部门');
    await context.close();
  });
});
