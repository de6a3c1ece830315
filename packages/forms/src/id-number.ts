/**
 * Resident ID numbers (GB 11643-1999): a 6-digit area code, the birth date
 * 'YYYYMMDD', a 3-digit sequence and a check character computed with
 * ISO 7064 MOD 11-2. The hall's one implementation: the server's identity
 * module imports it from here.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits; throws on anything but 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('need 17 digits');
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return CHECK[sum % 11]!;
}

/** 17 digits and the right check character (a lower-case x counts as X). The birth date is not looked at. */
export function isValidIdNumber(idNumber: string): boolean {
  const text = idNumber.toUpperCase();
  return /^\d{17}[\dX]$/.test(text) && idNumberCheckChar(text.slice(0, 17)) === text[17];
}
