import { createHmac } from 'node:crypto';

/**
 * Resident ID numbers (GB 11643-1999): 17 digits and a check character
 * computed with ISO 7064 MOD 11-2. The check itself is the forms package's,
 * the one the `idNumber` form field uses, so an import and a form agree.
 */
export { idNumberCheckChar, isValidIdNumber } from '@onehall/forms';

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
