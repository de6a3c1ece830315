import { compare, fromNumber } from './decimal.ts';
import { isRealDate, normalizeTime } from './dates.ts';
import { isValidIdNumber } from './id-number.ts';
import type { MessageArgs, MessageId } from './messages.ts';
import { formatMoney, parseMoney } from './money.ts';
import { matchesPattern } from './pattern.ts';
import type { CellValue, FormValue, TableColumn } from './schema.ts';

/**
 * The checks of one present (non-blank) value of a simple type: the types a
 * detail table's columns may have. Each returns the normalised value or the
 * problems, which validate.ts turns into coded, worded errors.
 */
export interface Problem {
  say: MessageId;
  args?: MessageArgs;
  /** The author's own words (a pattern's message) instead of the message table. */
  text?: { zh: string; en?: string | undefined };
  /** Where in a detail table: the row (0-based, as submitted) and the column. */
  cell?: { row: number; column: TableColumn };
}

export type CheckResult<V = FormValue> = { ok: true; value: V } | { ok: false; problems: Problem[] };

export interface CheckContext {
  /** The day of submission, 'YYYY-MM-DD'; without it a 'today' bound is not checked (prefill). */
  today?: string | undefined;
}

// Mainland mobile numbers: 11 digits starting with 1[3-9].
const PHONE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const refuse = (say: MessageId, args?: MessageArgs): { ok: false; problems: Problem[] } => ({ ok: false, problems: [args ? { say, args } : { say }] });

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A date bound as a day: 'today' is the day of submission (undefined when unknown). */
export function resolveDateBound(bound: string | undefined, context: CheckContext): string | undefined {
  return bound === 'today' ? context.today : bound;
}

/** Checks a present value of a simple type. */
export function checkSimple(field: TableColumn, raw: unknown, context: CheckContext): CheckResult<CellValue> {
  if (field.type === 'number') {
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) return refuse('type.number');
    if (field.integer && !Number.isInteger(value)) return refuse('notInteger');
    if (field.min !== undefined && value < field.min) return refuse('tooSmall', { limit: field.min });
    if (field.max !== undefined && value > field.max) return refuse('tooLarge', { limit: field.max });
    return { ok: true, value };
  }
  if (field.type === 'money') {
    const parsed = parseMoney(raw);
    if (!parsed.ok) return refuse(parsed.reason === 'tooPrecise' ? 'tooPrecise' : 'format.money');
    // No negative amounts unless the definition allows them with a negative min.
    const min = field.min ?? 0;
    if (compare(parsed.value, fromNumber(min)!) < 0) return refuse('tooSmall', { limit: min });
    if (field.max !== undefined && compare(parsed.value, fromNumber(field.max)!) > 0) return refuse('tooLarge', { limit: field.max });
    return { ok: true, value: formatMoney(parsed.value) };
  }
  if (field.type === 'switch') {
    if (typeof raw === 'boolean') return { ok: true, value: raw };
    if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
    return refuse('type');
  }
  if (typeof raw !== 'string') return refuse('type');
  const text = raw.trim();
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const length = [...text].length;
      if (field.minLength !== undefined && length < field.minLength) return refuse('tooShort', { limit: field.minLength });
      if (length > field.maxLength) return refuse('tooLong', { limit: field.maxLength });
      if (field.type === 'text' && field.pattern && !matchesPattern(field.pattern.regex, text)) {
        return { ok: false, problems: [{ say: 'pattern.default', text: { zh: field.pattern.message, en: field.pattern.messageEn } }] };
      }
      return { ok: true, value: text };
    }
    case 'date': {
      if (!isRealDate(text)) return refuse('format.date');
      const min = resolveDateBound(field.min, context);
      const max = resolveDateBound(field.max, context);
      if (min !== undefined && text < min) return refuse('dateTooEarly', { limit: min });
      if (max !== undefined && text > max) return refuse('dateTooLate', { limit: max });
      return { ok: true, value: text };
    }
    case 'time': {
      const time = normalizeTime(text);
      if (!time) return refuse('format.time');
      if (field.min !== undefined && time < field.min) return refuse('timeTooEarly', { limit: field.min });
      if (field.max !== undefined && time > field.max) return refuse('timeTooLate', { limit: field.max });
      return { ok: true, value: time };
    }
    case 'select':
    case 'radio':
      if (!field.options.some((option) => option.value === text)) return refuse('option');
      return { ok: true, value: text };
    case 'phone':
      if (!PHONE.test(text)) return refuse('format.phone');
      return { ok: true, value: text };
    case 'email':
      if (!EMAIL.test(text) || text.length > 254) return refuse('format.email');
      return { ok: true, value: text };
    case 'url':
      if (!isHttpUrl(text) || text.length > 500) return refuse('format.url');
      return { ok: true, value: text };
    case 'idNumber': {
      const id = text.toUpperCase();
      // The check character, and a birth date that exists ('YYYYMMDD' at 7–14).
      const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
      if (!isValidIdNumber(id) || !isRealDate(birth)) return refuse('format.idNumber');
      return { ok: true, value: id };
    }
  }
}
