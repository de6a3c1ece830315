import { createHmac } from 'node:crypto';

/**
 * Resident ID numbers (GB 11643-1999): 17 digits and a check character
 * computed with ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('need 17 digits');
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return CHECK[sum % 11]!;
}

export function isValidIdNumber(idNumber: string): boolean {
  const text = idNumber.toUpperCase();
  return /^\d{17}[\dX]$/.test(text) && idNumberCheckChar(text.slice(0, 17)) === text[17];
}

/** The ID number as compared: trimmed, with an upper-case X. */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/**
 * The salted hash people are found by at an import (the salt is the
 * installation's own, from install_secret). Keep in step with migration
 * 2026-11-25T0007, which hashed the people that existed then.
 */
export function hashIdNumber(salt: string, idNumber: string): string {
  return createHmac('sha256', salt).update(normalizeIdNumber(idNumber)).digest('base64url');
}
