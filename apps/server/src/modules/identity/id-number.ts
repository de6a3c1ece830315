import { createHmac } from 'node:crypto';
import type { IdType } from '@onehall/contracts';
import { isValidIdNumber } from '@onehall/forms';

/**
 * Resident ID numbers (GB 11643-1999): 17 digits and a check character
 * computed with ISO 7064 MOD 11-2. The check itself is the forms package's,
 * the one the `idNumber` form field uses, so an import and a form agree.
 */
export { idNumberCheckChar, isValidIdNumber } from '@onehall/forms';

/** The ID number as compared: without spaces, in upper case (the check character X, a passport's letters). */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.replace(/\s+/g, '').toUpperCase();
}

/** What a well-formed number of each document looks like, in the words an import's problem uses. */
export const documentNumberRule: Record<IdType, string> = {
  resident: '18 位，最后一位校验码可为 X',
  passport: '5–17 位字母或数字',
  hkMacaoPermit: 'H 或 M 开头，后跟 8 位或 10 位数字',
  taiwanPermit: '8 位或 10 位数字',
  foreignPermanent: '3 个字母加 12 位数字，或 9 开头的 18 位',
};

/** Whether a (normalized) number is well formed for its document: the check character for the 18-character ones. */
export function isValidDocumentNumber(type: IdType, number: string): boolean {
  switch (type) {
    case 'resident':
      return isValidIdNumber(number);
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(number);
    case 'hkMacaoPermit':
      return /^[HM]\d{8}(\d{2})?$/.test(number);
    case 'taiwanPermit':
      return /^\d{8}(\d{2})?$/.test(number);
    case 'foreignPermanent':
      // The 2004 card (3 letters of the country, 12 digits) and the 2023 one (GB 11643's form, starting with 9).
      return /^[A-Z]{3}\d{12}$/.test(number) || (number.startsWith('9') && isValidIdNumber(number));
  }
}

/**
 * The salted hash people are found by at an import (the salt is the
 * installation's own, from install_secret). Keep in step with migration
 * 2026-11-25T0007, which hashed the people that existed then (all resident).
 */
export function hashIdNumber(salt: string, idNumber: string, type: IdType = 'resident'): string {
  // A resident number is hashed as it always was; another document's carries its type, so a
  // passport and a permit that happen to share digits are never one person.
  const key = type === 'resident' ? normalizeIdNumber(idNumber) : `${type}:${normalizeIdNumber(idNumber)}`;
  return createHmac('sha256', salt).update(key).digest('base64url');
}
