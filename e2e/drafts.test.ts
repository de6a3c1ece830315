import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, logInFirstTime, newPhone, pickOption, poll, snap, startHall } from './support.ts';

/**
 * 草稿: a form begun on one phone is saved on the server as it is typed,
 * found in 发出的事项 › 草稿 on another phone (a new browser, logged in
 * again), restored there, and gone once submitted.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

const STUDENT = '2023010103';
const PASSWORD = 'Yunlu-Student-3';
const REASON = '参加全国大学生程序设计竞赛集训';

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

async function phone(): Promise<Page> {
  const context = await newPhone(browser, hall.baseUrl);
  contexts.push(context);
  return context.newPage();
}

/** The drafts the server keeps for the page's person, asked of the API with its session. */
async function serverDrafts(page: Page): Promise<{ serviceCode: string; serviceName: string }[]> {
  const response = await page.request.get('/api/drafts');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: { serviceCode: string; serviceName: string }[] }).items;
}

/** Writes a signature on the pad with the mouse (as e2e/form-fields.test.ts does). */
async function sign(page: Page): Promise<void> {
  await page.getByRole('button', { name: '点击签名' }).click();
  const canvas = page.getByRole('img', { name: '签名书写区' });
  await canvas.waitFor();
  let box = (await canvas.boundingBox())!;
  for (let tries = 0; tries < 20; tries++) {
    await page.waitForTimeout(150);
    const now = (await canvas.boundingBox())!;
    if (now.y === box.y) break;
    box = now;
  }
  await page.mouse.move(box.x + 40, box.y + 120);
  await page.mouse.down();
  for (const [x, y] of [[80, 60], [110, 150], [150, 70], [190, 140]] as const) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
  await page.mouse.up();
  await page.locator('.signature-pad').getByRole('button', { name: '确定' }).click();
  await page.locator('[data-field="signature"] .signature-field__preview img').waitFor();
}

describe('草稿: begun on one phone, finished on another', () => {
  it('saves as the student types, lists it under 草稿 elsewhere, restores it there, and forgets it at the submit', async () => {
    // The first phone: a reason typed, and nothing else done.
    const first = await phone();
    await logInFirstTime(first, STUDENT, PASSWORD);
    await first.goto('/services/student-leave');
    await first.getByText('请假须知').waitFor();
    const saved = first.waitForResponse((response) => response.url().endsWith('/api/drafts/student-leave') && response.request().method() === 'PUT');
    await first.getByLabel('请假事由').fill(REASON);
    expect((await saved).status()).toBe(200);
    await poll(async () => (await serverDrafts(first)).map((d) => d.serviceName)).toEqual(['学生请假申请']);
    await snap(first, 'd01-draft-typed');

    // Another phone (a new browser: nothing kept on it), the same student logged in again.
    const second = await phone();
    await second.goto('/');
    await second.waitForURL(/\/login/);
    await second.getByLabel('用户名').fill(STUDENT);
    await second.getByLabel('密码').fill(PASSWORD);
    await second.getByRole('button', { name: '登录' }).click();
    await second.waitForURL((url) => url.pathname === '/');
    await second.getByRole('navigation', { name: '主导航' }).getByText('发出的事项').click();
    await second.waitForURL(/\/sent/);
    await second.getByRole('tab', { name: '草稿' }).click();
    const list = second.getByRole('list', { name: '草稿' });
    await list.getByText('学生请假申请').waitFor();
    await list.getByText('保存于').waitFor();
    await snap(second, 'd02-drafts-tab');

    // Opening it: the service page with the reason as typed on the first phone.
    await list.getByRole('link', { name: /学生请假申请/ }).click();
    await second.waitForURL(/\/services\/student-leave$/);
    await second.getByText('已恢复您上次未提交的填写内容').waitFor();
    await poll(() => second.getByLabel('请假事由').inputValue()).toBe(REASON);
    await snap(second, 'd03-draft-restored');

    // Finishing the form there and submitting it.
    const period = second.locator('[data-field="period"]');
    for (const end of [/开始日期/, /结束日期/]) {
      await period.getByRole('button', { name: end }).click();
      const popup = second.locator('.adm-picker-popup .adm-popup-body:visible');
      await popup.waitFor();
      await popup.getByText('确定', { exact: true }).click();
      await popup.waitFor({ state: 'hidden' });
    }
    await period.getByText('共 1 天').waitFor();
    await pickOption(second, 'leaveKind', '事假');
    await second.getByLabel('联系电话').fill('13800001234');
    await second.getByRole('checkbox', { name: '请假期间注意人身安全' }).check();
    await second.getByRole('checkbox', { name: '按时返校并销假' }).check();
    await sign(second);
    await second.getByRole('button', { name: '提交' }).click();
    await second.waitForURL(/\/applications\/[^/]+$/);
    await poll(() => second.locator('[data-field="reason"] dd').innerText()).toBe(REASON);
    await snap(second, 'd04-submitted', { fullPage: true });

    // The draft is gone: from the server, from 草稿, and from the first phone's list.
    await poll(async () => (await serverDrafts(second)).length).toBe(0);
    await second.goto('/sent?tab=drafts');
    await second.getByText('暂无草稿').waitFor();
    await snap(second, 'd05-drafts-empty');
    await first.goto('/sent?tab=drafts');
    await first.getByText('暂无草稿').waitFor();
  });

  it('a draft can be deleted from 草稿, after a confirm', async () => {
    const page = await phone();
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByLabel('用户名').fill(STUDENT);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/services/student-leave');
    const saved = page.waitForResponse((response) => response.url().endsWith('/api/drafts/student-leave') && response.request().method() === 'PUT');
    await page.getByLabel('请假事由').fill('家中有事需要请假');
    expect((await saved).status()).toBe(200);

    await page.goto('/sent?tab=drafts');
    const list = page.getByRole('list', { name: '草稿' });
    await list.getByRole('button', { name: '删除“学生请假申请”的草稿' }).click();
    await page.getByText('删除“学生请假申请”的草稿？').waitFor();
    await snap(page, 'd06-delete-confirm');
    await page.locator('.adm-dialog').getByRole('button', { name: '删除' }).click();
    await page.getByText('暂无草稿').waitFor();
    expect(await serverDrafts(page)).toEqual([]);
    // Nor does the phone's own copy come back on opening the service.
    await page.goto('/services/student-leave');
    await page.getByText('请假须知').waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByLabel('请假事由').inputValue()).toBe('');
    expect(await page.getByText('已恢复您上次未提交的填写内容').count()).toBe(0);
  });
});
