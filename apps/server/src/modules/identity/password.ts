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
