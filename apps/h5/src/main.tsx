import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { setApiRedirects } from './api/api-client.ts';
import { loginPathFor } from './lib/safe-next.ts';
import { loadMe } from './session/session-store.ts';
import { router } from './app-router.tsx';

setApiRedirects({
  toLogin() {
    const { pathname, search } = router.state.location;
    if (pathname !== '/login') void router.navigate(loginPathFor(pathname, search), { replace: true });
  },
  toPasswordChange() {
    if (router.state.location.pathname !== '/password') void router.navigate('/password', { replace: true });
  },
});

// Ask for the session while the first route's code is still loading; the
// session gate awaits this same request instead of starting its own.
if (window.location.pathname !== '/login') loadMe().catch(() => undefined);

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
