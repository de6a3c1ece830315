import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidIdNumber } from './id-number.ts';

describe('GB 11643 ID numbers', () => {
  it('computes the check character of the standard example', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('1101051949123100XX')).toBe(false);
    expect(() => idNumberCheckChar('1101051949123100')).toThrow();
  });

  it('accepts every number with its own check character, and catches any single wrong digit (property)', () => {
    const digits17 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }).map((ds) => ds.join(''));
    fc.assert(
      fc.property(digits17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (first17, position, shift) => {
        const id = first17 + idNumberCheckChar(first17);
        expect(isValidIdNumber(id)).toBe(true);
        const changed = first17.slice(0, position) + ((Number(first17[position]) + shift) % 10) + first17.slice(position + 1);
        expect(isValidIdNumber(changed + id[17])).toBe(false);
      }),
    );
  });
});
