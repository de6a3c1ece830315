import { describe, expect, it } from 'vitest';
import { hashIdNumber, idNumberCheckChar, isValidDocumentNumber, isValidIdNumber, normalizeIdNumber } from './id-number.ts';
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

describe('other identity documents (证件类型)', () => {
  it('checks each document by its own form', () => {
    expect(normalizeIdNumber(' e 1234 5678 ')).toBe('E12345678');
    expect(isValidDocumentNumber('passport', 'E12345678')).toBe(true);
    expect(isValidDocumentNumber('passport', 'E1')).toBe(false);
    expect(isValidDocumentNumber('passport', 'E-12345678')).toBe(false);
    expect(isValidDocumentNumber('hkMacaoPermit', 'H12345678')).toBe(true);
    expect(isValidDocumentNumber('hkMacaoPermit', 'M1234567890')).toBe(true);
    expect(isValidDocumentNumber('hkMacaoPermit', 'X12345678')).toBe(false);
    expect(isValidDocumentNumber('taiwanPermit', '12345678')).toBe(true);
    expect(isValidDocumentNumber('taiwanPermit', '1234567')).toBe(false);
    expect(isValidDocumentNumber('foreignPermanent', 'USA123456789012')).toBe(true);
    const first17 = '93010119900101123';
    expect(isValidDocumentNumber('foreignPermanent', first17 + idNumberCheckChar(first17))).toBe(true);
    expect(isValidDocumentNumber('foreignPermanent', '11010519491231002X')).toBe(false); // a resident card
    expect(isValidDocumentNumber('resident', 'E12345678')).toBe(false);
  });

  it('hashes a resident number as before, and another document with its type', () => {
    expect(hashIdNumber('salt', '11010519491231002x')).toBe(hashIdNumber('salt', '11010519491231002X', 'resident'));
    expect(hashIdNumber('salt', '12345678', 'taiwanPermit')).not.toBe(hashIdNumber('salt', '12345678', 'passport'));
    expect(initialPassword('E12345678')).toBe('12345678');
  });
});
