import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, logInFirstTime, newPhone, poll, snap, startHall } from './support.ts';

/**
 * The hall follows the phone's font size. Chromium's default font size
 * stands in for Android's font size (and a WebView's text zoom): the same
 * page at 16px and at 24px, its text 1.5 times as large, nothing wider than
 * the screen, and the tab bar's titles whole.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;
let student: BrowserContext;

const LARGE = 24;
const DEFAULT = 16;

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
  student = await newPhone(browser, hall.baseUrl);
  const page = await student.newPage();
  await logInFirstTime(page, '2023010102', 'Yunlu-Student-2');
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

/** What the test reads off a page: text sizes (px) of some elements, and what sticks out. */
interface Reading {
  body: number;
  sizes: number[];
  scrollWidth: number;
  innerWidth: number;
  /** Tab titles whose text does not fit their box, or whose box leaves the screen. */
  clippedTabs: string[];
}

async function read(page: Page, selectors: string[]): Promise<Reading> {
  return page.evaluate((wanted) => {
    const size = (element: Element | null) => (element ? parseFloat(getComputedStyle(element).fontSize) : NaN);
    const clippedTabs = [...document.querySelectorAll('nav .tab-bar__link')].flatMap((link) => {
      const title = link.querySelector('.tab-bar__title') as HTMLElement | null;
      if (!title) return ['(no title)'];
      const box = link.getBoundingClientRect();
      const cut = title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1;
      const off = box.left < 0 || box.right > window.innerWidth + 0.5 || box.bottom > window.innerHeight + 0.5;
      return cut || off ? [title.textContent ?? ''] : [];
    });
    return {
      body: size(document.body),
      sizes: wanted.map((selector) => size(document.querySelector(selector))),
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      clippedTabs,
    };
  }, selectors);
}

/**
 * Sets Chromium's default (standard) font size for this tab, as a phone's
 * font size setting does. The setting lasts while its session is attached:
 * the session is left open, and goes with the page.
 */
async function setDefaultFontSize(page: Page, px: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px } });
}

/** Opens the page at the default size and at the large one; answers both readings. */
async function atBothSizes(path: string, ready: (page: Page) => Promise<unknown>, selectors: string[], shot: { name: string; fullPage?: boolean; language?: 'en' }): Promise<[Reading, Reading]> {
  const page = await student.newPage();
  // The language chosen in 我的 is kept on the phone (see i18n/language.ts).
  if (shot.language) await page.addInitScript((chosen) => window.localStorage.setItem('onehall.language', chosen), shot.language);
  await page.goto(path);
  await ready(page);
  const normal = await read(page, selectors);
  await setDefaultFontSize(page, LARGE);
  await page.reload();
  await ready(page);
  // The root follows the new default at once; wait for it rather than for time.
  await poll(() => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBe(LARGE);
  const large = await read(page, selectors);
  await snap(page, shot.name, { fullPage: shot.fullPage ?? false });
  await page.close();
  return [normal, large];
}

describe('the phone’s font size', () => {
  it('首页: text grows with the default font size, nothing overflows, the tab bar titles are whole', async () => {
    const selectors = ['.tab-bar__title', '.page-header__title, h1, h2'];
    const [normal, large] = await atBothSizes('/', (page) => page.getByRole('navigation', { name: '主导航' }).getByText('首页').waitFor(), selectors, { name: 'fs01-home-large-text' });
    // The hall's own size at the default: 15px body text, as before rem.
    expect(normal.body).toBe(15);
    expect(large.body / normal.body).toBeCloseTo(LARGE / DEFAULT, 2);
    for (const [index, size] of normal.sizes.entries()) expect(large.sizes[index]! / size).toBeCloseTo(LARGE / DEFAULT, 2);
    for (const reading of [normal, large]) {
      expect(reading.scrollWidth).toBeLessThanOrEqual(reading.innerWidth);
      expect(reading.clippedTabs).toEqual([]);
    }
  });

  it('首页 in English: the longer tab titles stay whole at the large size', async () => {
    const [normal, large] = await atBothSizes('/', (page) => page.getByRole('navigation', { name: 'Main navigation' }).getByText('Home').waitFor(), ['.tab-bar__title'], { name: 'fs03-home-english-large-text', language: 'en' });
    expect(large.sizes[0]! / normal.sizes[0]!).toBeCloseTo(LARGE / DEFAULT, 2);
    for (const reading of [normal, large]) {
      expect(reading.scrollWidth).toBeLessThanOrEqual(reading.innerWidth);
      expect(reading.clippedTabs).toEqual([]);
    }
  });

  it('a service form: labels and inputs grow, nothing overflows', async () => {
    const selectors = ['.form-field__label', '.adm-input-element, input', '.page-header__title'];
    const [normal, large] = await atBothSizes('/services/student-leave', (page) => page.getByText('请假须知').waitFor(), selectors, { name: 'fs02-form-large-text', fullPage: true });
    expect(large.body / normal.body).toBeCloseTo(LARGE / DEFAULT, 2);
    for (const [index, size] of normal.sizes.entries()) expect(large.sizes[index]! / size).toBeCloseTo(LARGE / DEFAULT, 2);
    for (const reading of [normal, large]) expect(reading.scrollWidth).toBeLessThanOrEqual(reading.innerWidth);
  });
});
