import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { mask } from '@onehall/contracts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { startServer } from '../apps/server/src/server.ts';
import { demoIdNumber, demoPeople } from '../apps/server/src/seed/demo-data.ts';
import { initialPassword } from '../apps/server/src/modules/identity/password.ts';

export const artifactsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** One line of the hall's pino log, as JSON. */
type LogLine = Record<string, unknown> & { level?: number; msg?: string };

export interface Hall {
  baseUrl: string;
  stop: () => Promise<void>;
  /**
   * The SMS code the log provider last "sent" to this phone for this purpose,
   * waiting for the job worker to send it. Only with `startHall({ readSmsCodes: true })`.
   */
  smsCodeFor: (phone: string, options?: { purpose?: string; after?: number }) => Promise<string>;
  /** How many SMS codes were "sent" so far; pass it as `after` to wait for a newer one. */
  smsCount: () => number;
}

/**
 * A hall on a fresh embedded database with the demo data, on a free port.
 *
 * With `readSmsCodes`, the server logs at info level into this process
 * instead of stdout, so a test can read the code a phone would have
 * received: SMS_PROVIDER is 'log' (the default), whose one log line per code
 * carries the masked phone and the code. Warnings and errors are still
 * printed. `env` adds settings, as the environment would (WECOM_FOLLOW_QR_URL…).
 */
export async function startHall(options: { readSmsCodes?: boolean; env?: Record<string, string> } = {}): Promise<Hall> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-e2e-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: options.readSmsCodes ? 'info' : 'warn', WORKER_POLL_MS: '200', ...options.env });
  const sms: { phone: string; purpose: string; code: string }[] = [];
  const logDestination = {
    write(text: string) {
      for (const raw of text.split('\n')) {
        if (!raw) continue;
        let line: LogLine;
        try {
          line = JSON.parse(raw) as LogLine;
        } catch {
          process.stdout.write(`${raw}\n`);
          continue;
        }
        const sent = line.sms as { provider?: string; phone?: string; purpose?: string } | undefined;
        if (sent?.provider === 'log' && typeof line.code === 'string') sms.push({ phone: sent.phone ?? '', purpose: sent.purpose ?? '', code: line.code });
        if ((line.level ?? 0) >= 40) process.stdout.write(`${raw}\n`);
      }
    },
  };
  const server = await startServer(config, options.readSmsCodes ? { logDestination } : {});
  return {
    baseUrl: server.url,
    stop: async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    smsCount: () => sms.length,
    smsCodeFor: async (phone, { purpose = 'bindPhone', after = 0 } = {}) => {
      if (!options.readSmsCodes) throw new Error('startHall({ readSmsCodes: true }) to read SMS codes');
      // The log line names the phone masked (138****5678), as every log does.
      const masked = mask.phone(phone);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const found = sms.slice(after).findLast((entry) => entry.phone === masked && entry.purpose === purpose);
        if (found) return found.code;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no SMS code for ${masked} in the hall's log`);
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

/**
 * A phone: 390×844, touch, a WeChat-like mobile user agent, Shanghai time;
 * Chinese, or with `english` a phone whose only language is English
 * (navigator.languages = ['en-US']).
 */
export function newPhone(browser: Browser, baseURL: string, options: { english?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.english ? 'en-US' : 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    userAgent: `Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI Language/${options.english ? 'en' : 'zh_CN'}`,
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

/**
 * A demo person's first visit: log in with the initial password and change it
 * (the hall insists), ending on the home page.
 */
export async function logInFirstTime(page: Page, accountNo: string, newPassword: string, options: { shotOfPasswordPage?: string } = {}): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/login/);
  await page.getByLabel('用户名').fill(accountNo);
  await page.getByLabel('密码').fill(demoInitialPassword(accountNo));
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/password/);
  await page.getByText('密码长度 8–64 位').waitFor(); // the password rule is shown
  if (options.shotOfPasswordPage) await snap(page, options.shotOfPasswordPage);
  await page.getByLabel('原密码').fill(demoInitialPassword(accountNo));
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '确认修改' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** The logged-in person's id, asked of the API with the page's session. */
export async function personIdOf(page: Page): Promise<string> {
  const response = await page.request.get('/api/auth/me');
  if (!response.ok()) throw new Error(`/api/auth/me answered ${response.status()}`);
  return ((await response.json()) as { personId: string }).personId;
}

/**
 * Taps a form field's picker button and returns its sheet, found by its title (the field's label):
 * the sheet's code may still be on its way at the first tap, and until it comes the last
 * `.adm-picker-popup` on the page is another field's, closing.
 */
export async function openPicker(page: Page, fieldKey: string): Promise<Locator> {
  const label = (await page.locator(`[data-field="${fieldKey}"] .form-field__label`).innerText()).replace(/^\*\s*/, '').trim();
  await page.locator(`[data-field="${fieldKey}"] button`).click();
  const popup = page.locator('.adm-picker-popup').filter({ has: page.locator('.adm-picker-header-title').getByText(label, { exact: true }) });
  await popup.locator('.adm-picker-header-button').first().waitFor();
  return popup;
}

/** Chooses an option in an antd-mobile picker the way a screen-reader user would: "next item" until it is current. */
export async function pickOption(page: Page, fieldKey: string, optionLabel: string): Promise<void> {
  const popup = await openPicker(page, fieldKey);
  for (let step = 0; step < 20; step++) {
    if ((await popup.locator(`[aria-label="当前选择的是：${optionLabel}"]`).count()) > 0) break;
    await popup.locator('[aria-label^="选择下一项"]').dispatchEvent('click'); // visually hidden, for screen readers
  }
  await popup.getByText('确定', { exact: true }).click();
  await popup.waitFor({ state: 'hidden' });
}

/** Fills 网站变更申请 on its launch page with valid values. */
export async function fillWebsiteChange(page: Page, siteName: string): Promise<void> {
  await page.getByLabel('网站名称').fill(siteName);
  await page.getByLabel('网站地址').fill('https://cs.yunlu.edu.cn');
  await pickOption(page, 'changeType', '栏目调整');
  await page.getByLabel('变更说明').fill('新增“通知公告”栏目，并调整首页新闻区的布局。');
  // 期望完成日期: the date picker opens on today, the earliest allowed day.
  await (await openPicker(page, 'expectedDate')).getByText('确定', { exact: true }).click();
  await page.getByLabel('联系电话').fill('13800001234');
}

/** Submits 网站变更申请 as the logged-in student; returns the new application's detail path. */
export async function submitWebsiteChange(page: Page, siteName: string): Promise<string> {
  await page.goto('/services/website-change');
  await fillWebsiteChange(page, siteName);
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForURL(/\/applications\/[^/]+$/);
  return new URL(page.url()).pathname;
}

/**
 * `expect.poll` with room for a busy machine: an answer from the server and
 * the page redrawing can take a few seconds where vitest waits 1 s by default.
 */
export function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

/** An axe-core finding: its rule, impact and help, and each element found (selector, markup cut short, axe's reason). */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

let axeSource: string | undefined;

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const findings = await page.evaluate(async () => {
    type AxeNode = { target: unknown[]; html: string; failureSummary?: string };
    type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: AxeNode[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    const summarize = (node: AxeNode) => `${node.target.map(String).join(' ')} ${node.html.slice(0, 160)} — ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`;
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.slice(0, 6).map(summarize) }));
  });
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/** The findings as lines a failed expectation prints: the rule, then one element a line. */
export function axeFindingLines(findings: AxeFinding[]): string[] {
  return findings.flatMap((finding) => [`${finding.impact} ${finding.id}: ${finding.help}`, ...finding.nodes.map((node) => `    ${node}`)]);
}
