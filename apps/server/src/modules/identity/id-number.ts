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
