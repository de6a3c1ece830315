import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidIdNumber } from './id-number.ts';
import { initialPassword } from './password.ts';

describe('ID numbers', () => {
  it('computes the GB 11643 check character', () => {
    // The standard's own example number.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
  });

  it('derives the initial password from the last 8 characters, X in upper case', () => {
    expect(initialPassword('11010519491231002x')).toBe('1231002X');
  });
});
