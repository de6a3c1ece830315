import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { verificationRules } from '@onehall/contracts';

/** A fresh code: 6 digits from the operating system's CSPRNG, leading zeros kept. */
export function generateCode(): string {
  return randomInt(0, 10 ** verificationRules.codeLength).toString().padStart(verificationRules.codeLength, '0');
}

function hashWithSalt(code: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${code}`, 'utf8').digest('hex');
}

/**
 * What the code table keeps: a per-code salt and SHA-256(salt:code). A leaked
 * table still lets anyone try the million codes offline, which is why a code
 * lives five minutes and is bound to one session; what the hash prevents is
 * reading codes straight off a backup or a query screen.
 */
export function hashNewCode(code: string): { salt: string; hash: string } {
  const salt = randomBytes(16).toString('hex');
  return { salt, hash: hashWithSalt(code, salt) };
}

/** Compares in constant time, so the answer's timing says nothing about the code. */
export function codeMatches(presented: string, stored: { salt: string; hash: string }): boolean {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = Buffer.from(hashWithSalt(presented, stored.salt), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
