/**
 * The hall's language on this phone: Chinese first (zh-CN), English second.
 * A choice made in 我的 › 语言 is kept on the phone; without one, a phone
 * whose languages are English and no Chinese (an international student's)
 * gets English, and every other phone Chinese. Changing the language reloads the page, so every module reads
 * the language once, at start, and nothing has to re-render on a switch.
 */
export type Language = 'zh' | 'en';

const storageKey = 'onehall.language';

/** The language chosen in 我的, if any (a phone whose storage is off has none). */
function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(storageKey);
    return value === 'zh' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

/**
 * English when the phone's first language is English ('en', 'en-GB'…) and
 * Chinese is not among its languages: a Chinese student whose phone is set
 * to English usually still lists 中文, and reads the school's services in it.
 */
function browserLanguage(): Language {
  const tags = (navigator.languages?.length ? navigator.languages : [navigator.language ?? '']).map((tag) => tag.toLowerCase());
  const isEnglish = (tag: string) => tag === 'en' || tag.startsWith('en-');
  const isChinese = (tag: string) => tag === 'zh' || tag.startsWith('zh-');
  return isEnglish(tags[0] ?? '') && !tags.some(isChinese) ? 'en' : 'zh';
}

export function detectLanguage(): Language {
  return storedLanguage() ?? browserLanguage();
}

/** The language of this page load (read once; see the module comment). */
export const language: Language = typeof window === 'undefined' ? 'zh' : detectLanguage();

/** The BCP 47 tag for <html lang>, Accept-Language and Intl. */
export const languageTag = language === 'en' ? 'en' : 'zh-CN';

/** Keeps the choice on the phone and reloads the page in that language. */
export function switchLanguage(next: Language): void {
  try {
    window.localStorage.setItem(storageKey, next);
  } catch {
    // Storage off (some private modes): the switch lasts for this load only.
  }
  window.location.reload();
}
