import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { setApiRedirects } from '../api/api-client.ts';
import { loginPathFor, passwordPathFor } from '../lib/safe-next.ts';

/**
 * Lets the API client send the person to /login?next=… when the session is
 * missing or expired, and to /password while the initial password must be
 * changed. Renders nothing.
 */
export function ApiRedirectBridge() {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();

  useEffect(() => {
    setApiRedirects({
      toLogin() {
        if (pathname !== '/login') void navigate(loginPathFor(pathname, search), { replace: true });
      },
      toPasswordChange() {
        if (pathname !== '/password') void navigate(passwordPathFor(pathname, search), { replace: true });
      },
    });
  }, [navigate, pathname, search]);

  return null;
}
