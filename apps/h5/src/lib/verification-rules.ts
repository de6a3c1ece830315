/**
 * The contracts' rules of SMS codes, the ones the H5 shows (code length,
 * expiry, sends per phone). They are plain values in the contracts' limits.ts,
 * read through `@onehall/contracts/plain` without zod.
 */
export { verificationRules as smsRules } from '@onehall/contracts/plain';
