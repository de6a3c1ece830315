import { timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { limits } from '@onehall/contracts';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane).
const argonOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never logs anyone in
  }
}

/**
 * Stored in place of a hash while an account still has its initial password
 * (derived from the ID number, to be changed at first login): imports and
 * new accounts need no argon2 work per row, and argon2 never accepts it.
 */
export const INITIAL_PASSWORD_MARK = 'initial-from-id-number';

/**
 * Whether `typed` is the account's password: its argon2 hash, or while the
 * account still has the initial password, the last 8 of the ID number
 * (compared in constant time, after a decoy argon2 check so both cost the same).
 */
export async function checkPassword(stored: string | null, typed: string, idNumberOf: () => Promise<string | null>): Promise<boolean> {
  if (stored !== INITIAL_PASSWORD_MARK) return stored !== null && verifyPassword(stored, typed);
  await verifyPassword(await decoyPasswordHash(), typed);
  const idNumber = await idNumberOf();
  if (!idNumber) return false;
  const expected = Buffer.from(initialPassword(idNumber));
  const given = Buffer.from(typed);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A hash of a random password, verified against when the account is unknown so both paths cost the same. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

/** The initial local password: the last 8 characters of the ID number, with a check letter in upper case. */
export function initialPassword(idNumber: string): string {
  return idNumber.trim().toUpperCase().slice(-limits.initialPasswordLength);
}
