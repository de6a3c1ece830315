import type { Locale } from '@onehall/forms';
import { language } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';

/**
 * A form's own words in the page's language. A service's form is data: its
 * owner may give a field or an option an English label (`labelEn`); where
 * none is given, the Chinese one is shown in English too.
 */

/** The validator's locale for the page's language (its messages use `labelEn` in English). */
export const formLocale: Locale = language === 'en' ? 'en' : 'zh-CN';

/** A field's, column's or option's label in the page's language. */
export function labelOf(item: { label: string; labelEn?: string | undefined }): string {
  return language === 'en' && item.labelEn ? item.labelEn : item.label;
}

/**
 * A label inside an English sentence ("Enter reason for leave"): the first
 * letter lowered unless the word is an acronym ("ID number" stays).
 * Chinese needs nothing.
 */
export function inSentence(label: string): string {
  if (language !== 'en' || label.length < 2) return label;
  const [first, second] = [label[0]!, label[1]!];
  return second === second.toLowerCase() ? first.toLowerCase() + label.slice(1) : label;
}

/** Items joined as a list: 甲、乙 in Chinese, "a, b" in English. */
export function joinList(items: readonly string[]): string {
  return items.join(t('components.listSeparator'));
}
