import { useSyncExternalStore } from 'react';
import type { MeDto } from '@onehall/contracts';
import { ApiError, setCsrfToken } from '../api/api-client.ts';
import { hallApi } from '../api/hall-api.ts';

/**
 * The logged-in person, kept outside React so that the API client, the
 * router and every page see the same session. `null` means "not known yet or
 * logged out": pages behind the session gate load it with `loadMe()`.
 */
let me: MeDto | null = null;
let pending: Promise<MeDto> | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/** Stores the session answer (login, /me, password change) and its CSRF token. */
export function setMe(next: MeDto | null): void {
  me = next;
  setCsrfToken(next?.csrfToken ?? null);
  emit();
}

export function getMe(): MeDto | null {
  return me;
}

/** Loads the session once, sharing one request between callers. */
export function loadMe(): Promise<MeDto> {
  pending ??= hallApi
    .getMe()
    .then((answer) => {
      setMe(answer);
      return answer;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current person, re-rendering when the session changes. */
export function useMe(): MeDto | null {
  return useSyncExternalStore(subscribe, getMe, getMe);
}

/**
 * Ends the session and goes to the login page, which forgets the person on
 * arrival: clearing it here, before the page has changed, would make the
 * session gate of the page being left ask the server for a session again.
 * With `cas` (a session opened through CAS), the browser goes to CAS's logout
 * instead, which ends the CAS session and comes back to the login page.
 */
export async function logout(goToLogin: () => Promise<void> | void, options: { everywhere?: boolean; cas?: boolean } = {}): Promise<void> {
  let casLogoutUrl: string | undefined;
  try {
    if (options.everywhere) await hallApi.logoutEverywhere();
    else casLogoutUrl = (await hallApi.logout(options.cas ? { cas: true } : {})).casLogoutUrl;
  } catch {
    // Leave anyway; a session that could not be ended here expires on the server.
  }
  // CAS ends its own session, then sends the browser back to the hall's login page.
  if (casLogoutUrl) return window.location.assign(casLogoutUrl);
  await goToLogin();
}

/**
 * Ends whatever session this browser has, known to the page or not. The
 * registration and unbinding journeys start here so that they always go on
 * with a login made just now, never with a session left from earlier (a
 * WeChat page that kept an old identity). Only for pages outside the
 * session gate; the login page that follows forgets the person.
 */
export async function endAnySession(): Promise<void> {
  try {
    // The logout needs the session's CSRF token: ask for the session first when the page does not know it.
    if (!me) setCsrfToken((await hallApi.findMe()).csrfToken);
    await hallApi.logout();
  } catch (error) {
    // No session (401): nothing to end. Anything else: the next login ends the old session anyway.
    if (!(error instanceof ApiError)) throw error;
  }
}
