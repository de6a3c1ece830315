import { safeNextPath } from '@onehall/contracts/plain';

export { safeNextPath };

/** `/login?next=<the page the person was on>` */
export function loginPathFor(pathname: string, search: string): string {
  const here = `${pathname}${search}`;
  return here === '/' || safeNextPath(here) === null ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/** `/password?next=<the page the person was on>`, for a person who must change the initial password first. */
export function passwordPathFor(pathname: string, search: string): string {
  const here = `${pathname}${search}`;
  return here === '/' || pathname === '/password' || safeNextPath(here) === null ? '/password' : `/password?next=${encodeURIComponent(here)}`;
}

/**
 * `/login?next=<step>`, for a step that needs a login made just now; with a
 * reason (an error code such as LOGIN_NOT_FRESH) the login page says why.
 */
export function freshLoginPath(next: string, reason?: string): string {
  return `/login?next=${encodeURIComponent(next)}${reason ? `&error=${encodeURIComponent(reason)}` : ''}`;
}
