/**
 * 我的服务's search, shared by the server (GET /api/catalog?q=) and the H5
 * (which filters the catalog it already holds, so results follow each key
 * press without a round trip). One function on both sides, so the phone and
 * the API can never disagree about what a query finds.
 *
 * Pinyin is not computed here: the server computes each service name's
 * readings with pinyin-pro when the service is saved and stores them
 * (`service.name_pinyin`, `service.name_initials`); the catalog carries them.
 */

const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /^[a-z0-9]$/;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/**
 * The characters of a text that search looks at: Han characters, latin
 * letters and digits, NFKC-folded (full-width ＶＰＮ → vpn) and lower-cased;
 * spaces and punctuation are left out. The stored initials of a name have
 * exactly one letter per such character, in the same order.
 */
export function searchableChars(text: string): string[] {
  return [...text.normalize('NFKC').toLowerCase()].filter((ch) => LATIN_OR_DIGIT.test(ch) || HAN.test(ch));
}

/** What search reads of a service: its name and the stored readings. */
export interface SearchableService {
  name: string;
  /** Full pinyin of the name without tones or separators ("wangzhanbiangengshenqing"); further readings of polyphonic characters follow, space-separated. */
  pinyin: string;
  /** One letter per searchable character ("wzbgsq"), first the contextual reading, then the others, space-separated. */
  initials: string;
}

/**
 * Whether a query finds a service. A query finds a name when
 * - the name contains it (spaces and punctuation aside): "网站", "VPN";
 * - it is letters only, and a reading of the name contains it as pinyin ("wangzhan", "biangeng") or begins with it as initials ("wzbg");
 * - it mixes characters and letters, each character standing for itself and
 *   each letter for the initial of the character in its place ("网站bg", "wz变更").
 * An empty query finds everything; a query of punctuation only ("%") finds only names containing it.
 */
export function matchesServiceSearch(query: string, service: SearchableService): boolean {
  const raw = query.trim().normalize('NFKC').toLowerCase();
  if (!raw) return true;
  if (service.name.normalize('NFKC').toLowerCase().includes(raw)) return true;
  const key = searchableChars(raw);
  if (key.length === 0) return false;
  const chars = searchableChars(service.name);
  const keyText = key.join('');
  if (chars.join('').includes(keyText)) return true;
  const hasHan = key.some(isHan);
  if (!hasHan) {
    return service.pinyin.split(' ').some((reading) => reading.includes(keyText)) || service.initials.split(' ').some((reading) => reading.startsWith(keyText));
  }
  if (key.every(isHan)) return false;
  // Mixed: slide the query along the name; a character must be the same character, a letter the initial there.
  return service.initials.split(' ').some((initials) => {
    if (initials.length !== chars.length) return false;
    for (let start = 0; start + key.length <= chars.length; start++) {
      if (key.every((ch, j) => (isHan(ch) ? chars[start + j] === ch : initials[start + j] === ch))) return true;
    }
    return false;
  });
}
