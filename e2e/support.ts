import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { startServer } from '../apps/server/src/server.ts';
import { demoIdNumber, demoPeople } from '../apps/server/src/seed/demo-data.ts';
import { initialPassword } from '../apps/server/src/modules/identity/password.ts';

export const artifactsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** A hall on a fresh embedded database with the demo data, on a free port. */
export async function startHall(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-e2e-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', WORKER_POLL_MS: '200' });
  const server = await startServer(config);
  return {
    baseUrl: server.url,
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

/** A phone: 390×844, touch, a WeChat-like mobile user agent, Chinese, Shanghai time. */
export function newPhone(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI Language/zh_CN',
  });
}

/**
 * Saves what the phone shows as e2e/artifacts/<name>.png. `fullPage` stitches
 * the whole page (for long forms); it misplaces sticky headers, so lists use
 * the screen as it is.
 */
export async function snap(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** A demo account's initial password (last 8 characters of its fictional ID number). */
export function demoInitialPassword(accountNo: string): string {
  const n = demoPeople.findIndex((person) => person.accountNo === accountNo);
  if (n < 0) throw new Error(`no demo account ${accountNo}`);
  return initialPassword(demoIdNumber(n, demoPeople[n]!.kind));
}
