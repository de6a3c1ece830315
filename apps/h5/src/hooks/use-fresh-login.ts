import { useState } from 'react';
import { useNavigate } from 'react-router';
import { freshLoginPath } from '../lib/safe-next.ts';
import { endAnySession, logout } from '../session/session-store.ts';

/**
 * 【在校师生】 on the entry pages of 用户注册 and 解除绑定: whoever is logged
 * in on this phone is logged out, and the person logs in again before `next`.
 * The server binds and unbinds only for a login made in the last minutes, so
 * an identity kept by WeChat from earlier never carries into the journey.
 */
export function useFreshLogin(next: string): { start: () => Promise<void>; starting: boolean } {
  const navigate = useNavigate();
  const [starting, setStarting] = useState(false);
  async function start() {
    if (starting) return;
    setStarting(true);
    await endAnySession();
    await navigate(freshLoginPath(next));
  }
  return { start, starting };
}

/**
 * For a step behind the session gate that the server refused with
 * LOGIN_NOT_FRESH: log out, log in again and come back to `step`; the login
 * page says why.
 */
export function useLoginAgain(step: string): () => Promise<void> {
  const navigate = useNavigate();
  return () => logout(() => navigate(freshLoginPath(step, 'LOGIN_NOT_FRESH'), { replace: true }));
}
