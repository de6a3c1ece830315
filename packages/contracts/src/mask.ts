/**
 * Masking of personal data, done in one place so that no response can forget
 * it: phone 138****5678, ID number 610***********1234 (a passport E******78).
 */
export const mask = {
  phone(phone: string | null | undefined): string | null {
    if (!phone) return null;
    if (phone.length < 7) return '*'.repeat(phone.length);
    return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
  },
  /**
   * An ID card (18 characters: 610***********1234) keeps 3 + 4 of them; a
   * shorter document (a passport E12345678, a permit H12345678) only its
   * first and last two (E******78), or 3 + 4 would show most of it.
   */
  idNumber(idNumber: string | null | undefined): string | null {
    if (!idNumber) return null;
    if (idNumber.length < 8) return '*'.repeat(idNumber.length);
    if (idNumber.length < 15) return `${idNumber.slice(0, 1)}${'*'.repeat(idNumber.length - 3)}${idNumber.slice(-2)}`;
    return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
  },
};
