import type { Locale } from 'antd-mobile/es/locales/base';
import { language } from './language.ts';
import { zhMessages, type MessageKey } from './zh.ts';

/** Values put into a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

let english: Readonly<Record<MessageKey, string>> | null = null;
let antdLocale: Locale | null = null;

/**
 * Loads the English catalogue when the page is in English (its own chunk:
 * a Chinese phone never downloads it). Called once before the first render.
 */
export async function loadMessages(): Promise<void> {
  if (language !== 'en') return;
  const [catalogue, antd] = await Promise.all([import('./en.ts'), import('antd-mobile/es/locales/en-US')]);
  english = catalogue.enMessages;
  antdLocale = antd.default;
}

/** antd-mobile's own words (its pickers' 确定/取消…) in the page's language; null: its Chinese default. */
export function antdMobileLocale(): Locale | null {
  return antdLocale;
}

function fill(text: string, params: MessageParams | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The text for a key in the page's language, with `{name}` placeholders
 * filled. Keys are checked by TypeScript: a key missing from the English
 * catalogue fails the build, not the screen.
 */
export function t(key: MessageKey, params?: MessageParams): string {
  return fill((english ?? zhMessages)[key], params);
}

/** Picks the page's language from a contracts text table entry ({ zh, en }). */
export function pick(text: { readonly zh: string; readonly en: string }): string {
  return language === 'en' ? text.en : text.zh;
}
