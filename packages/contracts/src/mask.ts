/**
 * Masking of personal data, done in one place so that no response can forget
 * it: phone 138****5678, ID number 610***********1234.
 */
export const mask = {
  phone(phone: string | null | undefined): string | null {
    if (!phone) return null;
    if (phone.length < 7) return '*'.repeat(phone.length);
    return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
  },
  idNumber(idNumber: string | null | undefined): string | null {
    if (!idNumber) return null;
    if (idNumber.length < 8) return '*'.repeat(idNumber.length);
    return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
  },
};
