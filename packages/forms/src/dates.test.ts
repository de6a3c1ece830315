import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInclusive, isRealDate, normalizeTime, todayInShanghai } from './dates.ts';

describe('calendar days', () => {
  it('counts both ends, across month and year ends and leap days', () => {
    expect(daysInclusive('2026-11-24', '2026-11-24')).toBe(1);
    expect(daysInclusive('2026-01-30', '2026-02-02')).toBe(4);
    expect(daysInclusive('2026-02-27', '2026-03-02')).toBe(4); // 2026: 28 days in February
    expect(daysInclusive('2028-02-27', '2028-03-02')).toBe(5); // 2028 is a leap year
    expect(daysInclusive('2026-12-30', '2027-01-02')).toBe(4);
    expect(daysInclusive('2026-03-28', '2026-03-30')).toBe(3); // a European DST weekend changes nothing
    expect(daysInclusive('2026-11-25', '2026-11-24')).toBe(0);
    expect(() => daysInclusive('2026-02-30', '2026-03-01')).toThrow();
  });

  it('agrees with counting day by day (property)', () => {
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), (start, span) => {
        const cursor = new Date(`${start}T00:00:00Z`);
        cursor.setUTCDate(cursor.getUTCDate() + span);
        expect(daysInclusive(start, cursor.toISOString().slice(0, 10))).toBe(span + 1);
      }),
    );
  });

  it('tells real dates from impossible ones', () => {
    expect(isRealDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-1-1', '20261124', '2026-11-24T00:00']) expect(isRealDate(bad), bad).toBe(false);
  });

  it('normalises times of day', () => {
    expect(normalizeTime('9:05')).toBe('09:05');
    expect(normalizeTime('23:59')).toBe('23:59');
    for (const bad of ['24:00', '12:60', '1205', '12:5', ' 12:00', '-1:00']) expect(normalizeTime(bad), bad).toBeNull();
  });

  it('gives the date in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(todayInShanghai(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });
});
