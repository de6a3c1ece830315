import { decimalPlaces, fromNumber, parseDecimal, toFixed, type Rational } from './decimal.ts';

/**
 * Money (CNY) is stored as a string with exactly two decimals, "1234.50":
 * exact in JSON, readable in an export, and never a float. Integer fen were
 * the other choice; a string keeps the stored value what the person saw.
 * Amounts are computed with exact fractions (decimal.ts), never with doubles.
 */
export const MONEY_MAX_INTEGER_DIGITS = 12;

const PLAIN = /^[+-]?\d+(?:\.\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export type MoneyParse = { ok: true; value: Rational } | { ok: false; reason: 'format' | 'tooPrecise' };

/**
 * Reads an amount typed as text ("1234.5", "1,234.50") or given as a number.
 * More than two decimals is refused, not rounded: a person should see the
 * amount that is stored.
 */
export function parseMoney(raw: unknown): MoneyParse {
  let value: Rational | null = null;
  if (typeof raw === 'number') value = fromNumber(raw);
  else if (typeof raw === 'string') {
    const text = raw.trim();
    if (PLAIN.test(text)) value = parseDecimal(text);
    else if (GROUPED.test(text)) value = parseDecimal(text.replaceAll(',', ''));
  }
  if (!value) return { ok: false, reason: 'format' };
  const places = decimalPlaces(value);
  if (places === null || places > 2) return { ok: false, reason: 'tooPrecise' };
  const integerDigits = toFixed(value, 0).replace('-', '').length;
  if (integerDigits > MONEY_MAX_INTEGER_DIGITS) return { ok: false, reason: 'format' };
  return { ok: true, value };
}

/** The stored form of an amount: two decimals, no grouping, "-0.50" for negatives. */
export function formatMoney(value: Rational): string {
  return toFixed(value, 2);
}
