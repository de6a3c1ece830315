import type { verificationRules } from '@onehall/contracts';

type Rules = typeof verificationRules;

/**
 * The contracts' `verificationRules`, the ones the H5 shows. They live in
 * the contracts' api.ts beside zod schemas, and importing the value from
 * there brings zod (~29 kB gzipped) into the page. The type is the
 * contracts' own, whose numbers are literal types: if the rules change
 * there, this no longer type-checks.
 */
export const smsRules: Pick<Rules, 'codeLength' | 'expiresInSeconds' | 'perPhone'> = {
  codeLength: 6,
  expiresInSeconds: 5 * 60,
  perPhone: { minute: 1, hour: 5, day: 10 },
};
