import { t } from '../i18n/translate.ts';

/**
 * A mainland mobile number: 11 digits starting 1[3-9], the rule of the
 * contracts' `mobilePhone`. That one is a zod schema; importing it would
 * bring zod into the H5 for one regular expression.
 */
const MOBILE_PHONE = /^1[3-9]\d{9}$/;

/** The message for a phone number the server would refuse, or null when it is well formed. */
export function checkMobilePhone(phone: string): string | null {
  if (!phone) return t('components.phone.required');
  return MOBILE_PHONE.test(phone) ? null : t('components.phone.invalid');
}

/** What the person typed, without spaces and dashes (a pasted "138 0000 1234"). */
export function cleanPhone(text: string): string {
  return text.replace(/[\s-]/g, '');
}
