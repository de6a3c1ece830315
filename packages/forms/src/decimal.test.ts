import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, compare, decimalPlaces, divide, fromNumber, multiply, parseDecimal, subtract, sum, toFixed, toNumber } from './decimal.ts';
import { formatMoney, parseMoney } from './money.ts';

const d = (text: string) => parseDecimal(text)!;

describe('exact decimals', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(toFixed(add(fromNumber(0.1)!, fromNumber(0.2)!), 2)).toBe('0.30');
    expect(toNumber(add(fromNumber(0.1)!, fromNumber(0.2)!))).toBe(0.3);
    expect(0.1 + 0.2).not.toBe(0.3); // the reason this module exists
  });

  it('parses plain and exponent notation, and nothing else', () => {
    expect(d('12.50')).toEqual({ n: 25n, d: 2n });
    expect(d('-0.5')).toEqual({ n: -1n, d: 2n });
    expect(d('1e-7')).toEqual({ n: 1n, d: 10_000_000n });
    expect(d('1.5e+3')).toEqual({ n: 1500n, d: 1n });
    for (const bad of ['', '.5', '1.', '1,5', 'abc', '1e', 'Infinity', 'NaN', '0x10', '1e999']) expect(parseDecimal(bad), bad).toBeNull();
    expect(fromNumber(Number.NaN)).toBeNull();
  });

  it('rounds half away from zero, once, at the end', () => {
    expect(toFixed(d('1.005'), 2)).toBe('1.01');
    expect(toFixed(d('-1.005'), 2)).toBe('-1.01');
    expect(toFixed(d('2.5'), 0)).toBe('3');
    expect(toFixed(d('-2.5'), 0)).toBe('-3');
    expect(toFixed(d('-0.001'), 2)).toBe('0.00');
    expect(toFixed(divide(d('1'), d('3'))!, 4)).toBe('0.3333');
    expect(toFixed(divide(d('2'), d('3'))!, 2)).toBe('0.67');
  });

  it('divides exactly and refuses zero divisors', () => {
    expect(divide(d('1'), d('0'))).toBeNull();
    expect(multiply(divide(d('1'), d('3'))!, d('3'))).toEqual({ n: 1n, d: 1n });
  });

  it('knows how many places a value needs', () => {
    expect(decimalPlaces(d('0.125'))).toBe(3);
    expect(decimalPlaces(divide(d('1'), d('3'))!)).toBeNull();
    expect(toNumber(divide(d('1'), d('3'))!)).toBeCloseTo(1 / 3, 14);
  });

  it('agrees with integer fen arithmetic on any amounts (property)', () => {
    const fen = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n });
    const asMoney = (f: bigint) => `${f < 0n ? '-' : ''}${(f < 0n ? -f : f) / 100n}.${String((f < 0n ? -f : f) % 100n).padStart(2, '0')}`;
    fc.assert(
      fc.property(fen, fen, (a, b) => {
        expect(toFixed(add(d(asMoney(a)), d(asMoney(b))), 2)).toBe(asMoney(a + b));
        expect(toFixed(subtract(d(asMoney(a)), d(asMoney(b))), 2)).toBe(asMoney(a - b));
        expect(Math.sign(compare(d(asMoney(a)), d(asMoney(b))))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it('sums many small amounts with no drift (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 200 }), (cents) => {
        const exact = sum(cents.map((c) => fromNumber(c / 100)!));
        expect(toFixed(exact, 2)).toBe(formatMoney({ n: BigInt(cents.reduce((a, b) => a + b, 0)), d: 100n }));
      }),
    );
  });
});

describe('money', () => {
  it('reads amounts as text or numbers, with grouping', () => {
    for (const [raw, stored] of [['1234.5', '1234.50'], ['1,234.50', '1234.50'], [' 0.3 ', '0.30'], [12, '12.00'], [0.1, '0.10'], ['-5', '-5.00'], ['007', '7.00']] as const) {
      const parsed = parseMoney(raw);
      expect(parsed.ok && formatMoney(parsed.value), String(raw)).toBe(stored);
    }
  });

  it('refuses more than two decimals instead of rounding, and non-amounts', () => {
    expect(parseMoney('1.005')).toEqual({ ok: false, reason: 'tooPrecise' });
    expect(parseMoney(0.1 + 0.2)).toEqual({ ok: false, reason: 'tooPrecise' });
    for (const bad of ['', '1,23', '12,34.5', '¥5', '1.2.3', 'abc', true, null, {}, Number.POSITIVE_INFINITY, '1234567890123']) expect(parseMoney(bad).ok, String(bad)).toBe(false);
  });
});
