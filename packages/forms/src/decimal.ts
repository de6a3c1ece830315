/**
 * Exact arithmetic for form values: a fraction of two bigints. Money, sums of
 * table columns and formulas are computed with it, so 0.1 + 0.2 is 0.3 and a
 * 1.005 yuan rounding never depends on how a double happens to be stored.
 * Only the final result is rounded, once, half away from zero.
 */
export interface Rational {
  /** Numerator; carries the sign. */
  readonly n: bigint;
  /** Denominator, always > 0. */
  readonly d: bigint;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;
// Exponents beyond this are not values a form holds; refusing them keeps bigints small.
const MAX_EXPONENT = 40;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function make(n: bigint, d: bigint): Rational {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Rational = { n: 0n, d: 1n };

/** Parses '12', '-0.5', '1.25e-3' exactly; null for anything else. */
export function parseDecimal(text: string): Rational | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = '', exponentText] = match;
  const exponent = Number(exponentText ?? 0) - fraction.length;
  if (Math.abs(exponent) > MAX_EXPONENT + 20) return null;
  let n = BigInt(`${whole}${fraction}`) * (sign === '-' ? -1n : 1n);
  let d = 1n;
  if (exponent >= 0) n *= 10n ** BigInt(exponent);
  else d = 10n ** BigInt(-exponent);
  return make(n, d);
}

/**
 * A JavaScript number as the decimal it prints as: String(0.1) is '0.1', so
 * the value typed by a person is the value computed with.
 */
export function fromNumber(value: number): Rational | null {
  return Number.isFinite(value) ? parseDecimal(String(value)) : null;
}

export const add = (a: Rational, b: Rational): Rational => make(a.n * b.d + b.n * a.d, a.d * b.d);
export const subtract = (a: Rational, b: Rational): Rational => make(a.n * b.d - b.n * a.d, a.d * b.d);
export const multiply = (a: Rational, b: Rational): Rational => make(a.n * b.n, a.d * b.d);
/** a ÷ b, or null when b is zero. */
export const divide = (a: Rational, b: Rational): Rational | null => (b.n === 0n ? null : make(a.n * b.d, a.d * b.n));
export const negate = (a: Rational): Rational => ({ n: -a.n, d: a.d });

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Rational, b: Rational): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Rounds half away from zero to `decimals` places and prints with exactly that many. */
export function toFixed(value: Rational, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const negative = value.n < 0n;
  const magnitude = negative ? -value.n : value.n;
  const scaled = (magnitude * scale * 2n + value.d) / (value.d * 2n);
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/** The number of decimal places needed to print `value` exactly, or null if it never ends (1/3). */
export function decimalPlaces(value: Rational): number | null {
  let d = value.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) [d, twos] = [d / 2n, twos + 1];
  while (d % 5n === 0n) [d, fives] = [d / 5n, fives + 1];
  return d === 1n ? Math.max(twos, fives) : null;
}

/** The nearest JavaScript number, rounded to `decimals` places when given. */
export function toNumber(value: Rational, decimals?: number): number {
  const places = decimals ?? Math.min(decimalPlaces(value) ?? 15, 15);
  return Number(toFixed(value, places));
}

/** The sum of a list; the empty sum is zero. */
export function sum(values: readonly Rational[]): Rational {
  return values.reduce(add, ZERO);
}
