import { describe, expect, it } from 'vitest';
import { codeMatches, generateCode, hashNewCode } from './verification.code.ts';

describe('verification codes', () => {
  it('are 6 digits, leading zeros kept, and vary', () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1900);
    // Leading zeros happen (one code in ten starts with 0): the padding keeps them.
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
  });

  it('are kept as a salted hash that matches only the code', () => {
    const stored = hashNewCode('012345');
    expect(stored.hash).not.toContain('012345');
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(codeMatches('012345', stored)).toBe(true);
    expect(codeMatches('12345', stored)).toBe(false);
    expect(codeMatches('012346', stored)).toBe(false);
    // A fresh salt each time: the same code never hashes the same twice.
    expect(hashNewCode('012345').hash).not.toBe(stored.hash);
  });
});
