import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, logInFirstTime, newPhone, poll, snap, startHall } from './support.ts';

/**
 * 我的服务 on a phone (the manual's 2.2, 查找服务): a student types the
 * initials "wzbg", finds 网站变更申请, opens it, 收藏 it with the star, and
 * finds it under 我的收藏 and 最近使用 back in the hall. 行政用车申请, a
 * service for teachers and staff, is neither found by the student nor opened
 * from a shared link.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  student = await newPhone(browser, hall.baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

describe('我的服务: search by pinyin initials, 收藏, 我的收藏', () => {
  it('the student types "wzbg", opens 网站变更申请, favorites it and finds it under 我的收藏', async () => {
    const page = await student.newPage();
    await logInFirstTime(page, '2023010101', 'Yunlu-Student-1');
    await page.getByTestId('hall-entry').click();
    await page.waitForURL(/\/hall/);
    const favorites = page.getByTestId('favorites');
    await favorites.getByText('还没有收藏的服务').waitFor();
    await page.getByText('信息化服务').waitFor();
    await page.getByText('密码修改成功').waitFor({ state: 'hidden' });
    await snap(page, '90-hall-sections');

    // Typed key by key, as on a phone: the list follows each key, with no request to the server.
    const search = page.getByPlaceholder('搜索服务名称或拼音');
    let catalogRequests = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/catalog') catalogRequests++;
    });
    await search.pressSequentially('wzbg', { delay: 60 });
    await page.getByRole('link', { name: '网站变更申请' }).waitFor();
    await poll(() => page.getByRole('link').filter({ hasText: /请假申请|邮箱申请|VPN/ }).count()).toBe(0);
    expect(catalogRequests).toBe(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe('wzbg');
    await snap(page, '91-hall-search-wzbg');

    // Characters and initials mixed; full pinyin.
    await search.fill('网站bg');
    await page.getByRole('link', { name: '网站变更申请' }).waitFor();
    await search.fill('wangzhan');
    await page.getByRole('link', { name: '网站变更申请' }).waitFor();
    // 行政用车申请 is for teachers and staff: a student does not find it.
    await search.fill('xzyc');
    await page.getByText('没有找到相关服务').waitFor();
    await snap(page, '92-hall-search-not-for-students');
    await search.fill('wzbg');

    await page.getByRole('link', { name: '网站变更申请' }).click();
    await page.waitForURL(/\/services\/website-change/);
    await page.getByText('办事指南').first().waitFor();
    const star = page.getByRole('button', { name: '收藏' });
    await poll(() => star.getAttribute('aria-pressed')).toBe('false');
    await snap(page, '93-service-not-favorite');
    await star.click();
    await page.getByText('已收藏').waitFor();
    await poll(() => star.getAttribute('aria-pressed')).toBe('true');
    await snap(page, '94-service-favorite');

    // Back in the hall the search is as it was; cleared, the sections show the service.
    await page.goBack();
    await page.waitForURL(/\/hall\?q=wzbg/);
    await poll(() => search.inputValue()).toBe('wzbg');
    await search.fill('');
    await favorites.getByRole('link', { name: '网站变更申请' }).waitFor();
    await page.getByTestId('recent').getByRole('link', { name: '网站变更申请' }).waitFor();
    await poll(() => favorites.getByText('还没有收藏的服务').count()).toBe(0);
    await page.getByText('已收藏').waitFor({ state: 'hidden' });
    await snap(page, '95-hall-my-favorites');

    // A reload asks the server again: the favorite is stored, not only on the page.
    await page.reload();
    await favorites.getByRole('link', { name: '网站变更申请' }).waitFor();
    await page.close();
  });

  it('a link to a service for teachers and staff tells the student why it does not open', async () => {
    const page = await student.newPage();
    await page.goto('/services/official-car');
    await page.getByText('该服务仅面向教师、职工，您当前的身份（学生）不能查看或申请').waitFor();
    await expect(page.getByRole('button', { name: '收藏' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '重试' }).count()).resolves.toBe(0); // retrying would not help
    await snap(page, '96-service-not-for-students');
    await page.close();
  });
});
