import { useOutletContext } from 'react-router';
import type { MeDto } from '@onehall/contracts';
import { ApiError } from '../api/admin-api.ts';

/** Why the console shows a logged-in person none of its pages. */
export type AccessDenial = 'password' | 'forbidden';

/**
 * What the person's own record says, in the order the server checks it
 * (requireAdmin: the initial password first, then the role), so the console
 * shows the same answer its API would give.
 */
export function denialOf(me: MeDto): AccessDenial | null {
  if (me.mustChangePassword) return 'password';
  return me.roles.includes('admin') ? null : 'forbidden';
}

/** The denial an API error stands for, if any (roles can change while a page is open). */
export function denialOfError(error: unknown): AccessDenial | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') return 'password';
  if (error.code === 'FORBIDDEN') return 'forbidden';
  return null;
}

/** What the shared layout hands to the page inside it. */
export interface AdminOutletContext {
  /**
   * Takes an API error that means "log in", "change the initial password
   * first" or "not an administrator" and lets the layout answer it the same
   * way on every page; true when it did (the page then shows nothing of its
   * own). Stable across renders, so pages may keep it in their effects' deps.
   */
  handleAccessError: (error: unknown) => boolean;
}

/** The layout's handler of access errors, for a page under it. */
export function useAccessErrorHandler(): AdminOutletContext['handleAccessError'] {
  return useOutletContext<AdminOutletContext>().handleAccessError;
}
