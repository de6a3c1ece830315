import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import jsQR from 'jsqr'; // CommonJS: the decoder is jsQR.default
import { launchChromium, logInFirstTime, newPhone, poll, snap, startHall } from './support.ts';

/**
 * The admin console's 入口二维码 on a desktop: the QR codes people scan to
 * start 用户注册 and 解除绑定 (manual 1.1 and 3.1). Each card shows the H5's
 * address on this origin, a QR code that holds exactly that address (decoded
 * from the pixels on screen by jsQR, as a phone's scanner would), 复制链接 and
 * 下载 (a PNG holding the same code); 打印 prints only the codes and their titles. The addresses open the
 * H5's pages on a phone.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

/** An image's RGBA pixels, row by row. */
interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** The pixels of a PNG (a screenshot or a download), decoded by the browser: the PNG decoder at hand. */
async function pixelsOf(page: Page, png: Buffer): Promise<Pixels> {
  const { width, height, base64 } = await page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let binary = '';
    for (let start = 0; start < data.length; start += 0x8000) binary += String.fromCharCode(...data.subarray(start, start + 0x8000));
    return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
  }, `data:image/png;base64,${png.toString('base64')}`);
  return { width, height, data: new Uint8ClampedArray(Buffer.from(base64, 'base64')) };
}

/**
 * Checks that `pixels` show a QR code that scans as exactly `text`, with a
 * quiet zone a scanner can find: at least 4 modules of light margin between
 * the symbol's corners (as jsQR located them) and the image's edges.
 */
function expectQrOf(pixels: Pixels, text: string): void {
  const code = jsQR.default(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
  expect(code?.data).toBe(text);
  const { topLeftCorner, topRightCorner, bottomLeftCorner } = code!.location;
  const moduleSize = (topRightCorner.x - topLeftCorner.x) / (17 + 4 * code!.version);
  const quietZone = Math.min(topLeftCorner.x, topLeftCorner.y, pixels.width - topRightCorner.x, pixels.height - bottomLeftCorner.y) / moduleSize;
  expect(Math.round(quietZone)).toBeGreaterThanOrEqual(4);
}

/** One card of 入口二维码, by its title. */
function entryCard(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title });
}

describe('the admin console: 入口二维码', () => {
  it('an administrator shows, copies, downloads and prints the QR codes of 用户注册 and 解除绑定', async () => {
    const context = await browser.newContext({ baseURL: hall.baseUrl, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    // The hall insists on a new password first; the H5's session is the console's too.
    await logInFirstTime(page, '10000001', 'Yunlu-Admin-01');
    await page.goto('/admin/');
    await page.getByText('审批中的申请').waitFor();
    await page.getByRole('menuitem', { name: '入口二维码' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/qr');
    await poll(() => page.locator('.ant-menu-item-selected').textContent()).toBe('入口二维码');

    const entries = [
      { title: '用户注册', url: `${hall.baseUrl}/register`, instruction: '打开微信扫描二维码，进行用户注册', fileName: '用户注册二维码.png' },
      { title: '解除绑定', url: `${hall.baseUrl}/unbind`, instruction: '打开微信扫描二维码，进入解绑页面', fileName: '解除绑定二维码.png' },
    ];
    for (const entry of entries) {
      const card = entryCard(page, entry.title);
      await card.getByText(entry.url, { exact: true }).waitFor();
      await card.getByText(entry.instruction).waitFor();
      const image = card.getByRole('img', { name: `${entry.title}二维码` });
      await image.waitFor();
      expect((await image.boundingBox())?.width).toBeGreaterThanOrEqual(200);
      expectQrOf(await pixelsOf(page, await image.screenshot()), entry.url);
    }
    // The hall runs on 127.0.0.1 here: a phone could not open these addresses, and the page says so.
    await page.getByText(/当前通过本机地址（127\.0\.0\.1:\d+）打开管理控制台/).waitFor();
    await snap(page, '30-admin-qr');

    // 复制链接 puts the address on the clipboard.
    const unbind = entryCard(page, '解除绑定');
    await unbind.getByRole('button', { name: '复制链接' }).click();
    await page.getByText('已复制链接').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${hall.baseUrl}/unbind`);

    // 下载 saves a PNG holding the same code, under the entry's name.
    for (const entry of entries) {
      const saved = page.waitForEvent('download');
      await entryCard(page, entry.title).getByRole('button', { name: /下\s*载/ }).click();
      const download = await saved;
      expect(download.suggestedFilename()).toBe(entry.fileName);
      const png = fs.readFileSync(await download.path());
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const pixels = await pixelsOf(page, png);
      expect(pixels.width).toBeGreaterThanOrEqual(500); // large enough to print
      expect([...pixels.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]); // on opaque white, not transparent
      expectQrOf(pixels, entry.url);
    }

    // 打印 opens the browser's print dialog…
    await page.evaluate(() => {
      const counted = window as unknown as { printCalls: number };
      counted.printCalls = 0;
      window.print = () => {
        counted.printCalls += 1;
      };
    });
    await page.getByRole('button', { name: /打\s*印/ }).click();
    await poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);

    // …and on paper there are only the two codes and their titles.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.admin-header').isVisible()).toBe(false);
    expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);
    expect(await page.getByText('当前通过本机地址', { exact: false }).isVisible()).toBe(false);
    for (const entry of entries) {
      const card = entryCard(page, entry.title);
      expect(await card.getByText(entry.title, { exact: true }).isVisible()).toBe(true);
      expect(await card.getByRole('img', { name: `${entry.title}二维码` }).isVisible()).toBe(true);
      expect(await card.getByText(entry.url).isVisible()).toBe(false);
      expect(await card.getByText(entry.instruction).isVisible()).toBe(false);
    }
    await snap(page, '31-admin-qr-print', { fullPage: true });
    await page.emulateMedia({ media: null });
    await context.close();

    // What a phone opens after scanning: the H5's own pages.
    const phone = await newPhone(browser, hall.baseUrl);
    const phonePage = await phone.newPage();
    for (const entry of entries) {
      await phonePage.goto(entry.url);
      await phonePage.getByRole('heading', { level: 1, name: entry.title }).waitFor();
    }
    await phone.close();
  });
});
