import { useSyncExternalStore } from 'react';
import type { MeDto } from '@onehall/contracts';
import { adminApi, setCsrfToken } from '../api/admin-api.ts';

/** The logged-in person, shared by the pages; `null` until known or after logout. */
let me: MeDto | null = null;
const listeners = new Set<() => void>();

export function setMe(next: MeDto | null): void {
  me = next;
  setCsrfToken(next?.csrfToken ?? null);
  for (const listener of listeners) listener();
}

export function getMe(): MeDto | null {
  return me;
}

/** Asks the server who is logged in (rejects with 401 when nobody is). */
export async function loadMe(): Promise<MeDto> {
  const answer = await adminApi.getMe();
  setMe(answer);
  return answer;
}

export function useMe(): MeDto | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getMe,
    getMe,
  );
}
