import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesServiceSearch, searchableChars } from '@onehall/contracts';
import { computeNameReadings } from './catalog.pinyin.ts';

const first = (readings: string) => readings.split(' ')[0];

describe('computeNameReadings', () => {
  it('reads words in context: 行政 is xingzheng, 银行 yinhang', () => {
    expect(computeNameReadings('网站变更申请')).toMatchObject({ name_pinyin: 'wangzhanbiangengshenqing', name_initials: 'wzbgsq' });
    expect(first(computeNameReadings('行政用车申请').name_pinyin)).toBe('xingzhengyongcheshenqing');
    expect(first(computeNameReadings('银行卡变更').name_pinyin)).toBe('yinhangkabiangeng');
    expect(first(computeNameReadings('银行卡变更').name_initials)).toBe('yhkbg');
  });

  it('adds the other readings of a polyphonic character, one character at a time', () => {
    const readings = computeNameReadings('行政用车申请');
    expect(readings.name_pinyin.split(' ')).toContain('hangzhengyongcheshenqing');
    expect(readings.name_initials.split(' ')).toEqual(expect.arrayContaining(['xzycsq', 'hzycsq']));
  });

  it('keeps letters and digits, drops spaces and punctuation, writes ü as v', () => {
    expect(computeNameReadings('VPN 账号申请')).toMatchObject({ name_pinyin: 'vpnzhanghaoshenqing', name_initials: 'vpnzhsq' });
    expect(first(computeNameReadings('ＶＰＮ（2026）').name_initials)).toBe('vpn2026');
    expect(first(computeNameReadings('绿色通道').name_pinyin)).toBe('lvsetongdao');
    expect(computeNameReadings('（）')).toEqual({ name_pinyin: '', name_initials: '' });
  });

  it('gives every initials reading one letter per searchable character, so a name is found by its own initials', () => {
    const nameChar = fc.constantFrom(...'网站变更申请行政银行长重乐调绿女单车办事大厅ab1 （）·-');
    fc.assert(
      fc.property(fc.array(nameChar, { minLength: 1, maxLength: 12 }).map((chars) => chars.join('')), (name) => {
        const readings = computeNameReadings(name);
        const length = searchableChars(name).length;
        for (const initials of readings.name_initials.split(' ')) expect([...initials]).toHaveLength(length);
        expect(readings.name_pinyin.split(' ').length).toBeLessThanOrEqual(8);
        if (length > 0) {
          const service = { name, pinyin: readings.name_pinyin, initials: readings.name_initials };
          expect(matchesServiceSearch(first(readings.name_initials)!, service)).toBe(true);
          expect(matchesServiceSearch(first(readings.name_pinyin)!, service)).toBe(true);
        }
      }),
    );
  });
});
