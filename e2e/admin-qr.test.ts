import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { launchChromium, logInFirstTime, newPhone, poll, snap, startHall } from './support.ts';

/**
 * The admin console's 入口二维码 on a desktop: the QR codes people scan to
 * start 用户注册 and 解除绑定 (manual 1.1 and 3.1). Each card shows the H5's
 * address on this origin, a QR code that holds exactly that address (read
 * back from the image's pixels), 复制链接 and 下载 (a PNG holding the same
 * code); 打印 prints only the codes and their titles. The addresses open the
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

/** A QR code's modules as rows of '1' (dark) and '0' (light), without the quiet zone. */
type ModuleRows = string[];

/**
 * What the qrcode library makes of `text` at each error-correction level: the
 * image on the page must be one of them, whichever level the page chose.
 */
function expectedModules(text: string): ModuleRows[] {
  return (['L', 'M', 'Q', 'H'] as const).map((level) => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: level });
    return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => (modules.get(row, col) ? '1' : '0')).join(''));
  });
}

/**
 * Reads the modules of the QR code in an image (any data URL the page can
 * load), the way a scanner starts: the dark pixels' bounding box is the
 * symbol (three corners are finder patterns); the top-left finder's first row
 * is 7 modules wide, which gives the module's size; then each module's centre
 * is sampled. Also says how wide the light margin around it is, in modules.
 */
async function readModules(page: Page, src: string): Promise<{ rows: ModuleRows; quietZone: number }> {
  return page.evaluate(async (imageSrc) => {
    const image = new Image();
    image.src = imageSrc;
    await image.decode();
    const side = 1000;
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext('2d')!;
    context.imageSmoothingEnabled = false;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, side, side);
    context.drawImage(image, 0, 0, side, side);
    const { data } = context.getImageData(0, 0, side, side);
    const isDark = (x: number, y: number) => data[(y * side + x) * 4]! < 128;
    let [left, top, right, bottom] = [side, side, -1, -1];
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        if (!isDark(x, y)) continue;
        left = Math.min(left, x);
        top = Math.min(top, y);
        right = Math.max(right, x);
        bottom = Math.max(bottom, y);
      }
    }
    if (right < 0) return { rows: [], quietZone: 0 };
    const finderRow = top + 1;
    let finderEnd = left;
    while (finderEnd <= right && isDark(finderEnd, finderRow)) finderEnd++;
    const moduleSize = (finderEnd - left) / 7;
    const count = Math.round((right - left + 1) / moduleSize);
    const rows: string[] = [];
    for (let row = 0; row < count; row++) {
      let line = '';
      for (let col = 0; col < count; col++) line += isDark(Math.floor(left + (col + 0.5) * moduleSize), Math.floor(top + (row + 0.5) * moduleSize)) ? '1' : '0';
      rows.push(line);
    }
    return { rows, quietZone: Math.min(left, top, side - 1 - right, side - 1 - bottom) / moduleSize };
  }, src);
}

/** Checks that the image `src` holds a QR code of exactly `text`, with a quiet zone a scanner can find. */
async function expectQrOf(page: Page, src: string, text: string): Promise<void> {
  const shown = await readModules(page, src);
  expect(shown.rows.length).toBeGreaterThanOrEqual(21); // the smallest QR code
  expect(expectedModules(text)).toContainEqual(shown.rows);
  expect(Math.round(shown.quietZone)).toBeGreaterThanOrEqual(4);
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
      await expectQrOf(page, (await image.getAttribute('src'))!, entry.url);
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
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(500); // IHDR width: large enough to print
      await expectQrOf(page, `data:image/png;base64,${png.toString('base64')}`, entry.url);
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
