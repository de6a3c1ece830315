import { useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { describeError, isRedirected } from '../api/api-client.ts';
import { PageFallback } from '../components/route-fallbacks.tsx';
import { t } from '../i18n/translate.ts';
import { passwordPathFor } from '../lib/safe-next.ts';
import { loadMe, useMe } from './session-store.ts';

interface RequireSessionProps {
  /** The change-password page itself must stay reachable while the change is required. */
  allowPasswordChange?: boolean;
}

/**
 * Renders its child routes for a logged-in person. Without a session the API
 * client sends the person to /login?next=…; a person who still has the
 * initial password is sent to /password first.
 */
export function RequireSession({ allowPasswordChange = false }: RequireSessionProps) {
  const me = useMe();
  const { pathname, search } = useLocation();
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (me) return;
    let live = true;
    setFailure(null);
    loadMe().catch((error: unknown) => {
      if (live && !isRedirected(error)) setFailure(describeError(error));
    });
    return () => {
      live = false;
    };
  }, [me, attempt]);

  if (failure) {
    return (
      <div className="page-error" role="alert">
        <p className="page-error__title">{failure}</p>
        <div className="page-error__actions">
          <button type="button" className="plain-button plain-button--primary" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </div>
      </div>
    );
  }
  if (!me) return <PageFallback />;
  if (me.mustChangePassword && !allowPasswordChange) return <Navigate to={passwordPathFor(pathname, search)} replace />;
  return <Outlet />;
}
