import { pinyin } from 'pinyin-pro';
import { isHan, searchableChars } from '@onehall/contracts';

/** At most this many readings are stored per name (the contextual one and variations of single characters). */
const MAX_READINGS = 8;

export interface NameReadings {
  /** Full pinyin readings, space-separated, the contextual one first: "xingzhengyongcheshenqing hangzhengyongcheshenqing …". */
  name_pinyin: string;
  /** Initials, one letter per searchable character, in the same order: "xzycsq hzycsq …". */
  name_initials: string;
}

/**
 * The readings of a service name that search matches (catalog-search.ts in
 * contracts), computed once when the service is saved. The first reading is
 * pinyin-pro's in context: it reads words from its dictionary, so 行政 is
 * xingzheng and 银行 yinhang. A polyphonic character may still be read
 * otherwise by the person searching (or misread by the dictionary), so each
 * other common reading of one character (pinyin-pro's `multiple`) is added
 * as a further reading with the rest unchanged; readings that differ only in
 * tone are one. Letters and digits in a name stand for themselves; ü is v,
 * as people type it (绿 → lv).
 */
export function computeNameReadings(name: string): NameReadings {
  const chars = searchableChars(name);
  const text = chars.join('');
  // In context: one syllable per character (pinyin-pro gives one entry per character in 'all' mode).
  const entries = text ? pinyin(text, { type: 'all', toneType: 'none', v: true }) : [];
  const aligned = entries.length === chars.length && entries.every((entry, i) => entry.origin === chars[i]);
  const contextual = chars.map((ch, i) => (isHan(ch) ? (aligned ? entries[i]!.pinyin : pinyin(ch, { toneType: 'none', v: true })) || ch : ch));

  const readings = [contextual];
  chars.forEach((ch, i) => {
    if (!isHan(ch)) return;
    for (const other of new Set(pinyin(ch, { multiple: true, toneType: 'none', type: 'array', v: true }))) {
      if (other && other !== contextual[i]) readings.push(contextual.map((syllable, j) => (j === i ? other : syllable)));
    }
  });
  const unique = (values: string[]) => [...new Set(values)].slice(0, MAX_READINGS).join(' ');
  return {
    name_pinyin: unique(readings.map((syllables) => syllables.join(''))),
    name_initials: unique(readings.map((syllables) => syllables.map((syllable) => syllable[0] ?? '').join(''))),
  };
}
