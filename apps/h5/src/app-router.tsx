import { createBrowserRouter } from 'react-router';
import { PageFallback, RouteErrorPage } from './components/route-fallbacks.tsx';
import { RequireSession } from './session/require-session.tsx';

/**
 * Every page is its own chunk (route `lazy`), so the first screen only loads
 * React, the router and the page it shows. Pages behind `RequireSession`
 * need a logged-in person; the main four share the bottom tab bar.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    HydrateFallback: PageFallback,
    ErrorBoundary: RouteErrorPage,
    children: [
      { path: 'login', lazy: () => import('./pages/login-page.tsx') },
      {
        element: <RequireSession allowPasswordChange />,
        children: [{ path: 'password', lazy: () => import('./pages/password-page.tsx') }],
      },
      {
        element: <RequireSession />,
        children: [
          {
            lazy: () => import('./components/main-layout.tsx'),
            children: [
              { index: true, lazy: () => import('./pages/home-page.tsx') },
              { path: 'hall', lazy: () => import('./pages/hall-page.tsx') },
              { path: 'sent', lazy: () => import('./pages/sent-page.tsx') },
              { path: 'received', lazy: () => import('./pages/received-page.tsx') },
            ],
          },
          { path: 'received/:box', lazy: () => import('./pages/task-list-page.tsx') },
          { path: 'services/:code', lazy: () => import('./pages/service-page.tsx') },
          { path: 'applications/:id', lazy: () => import('./pages/application-page.tsx') },
        ],
      },
      { path: '*', lazy: () => import('./pages/not-found-page.tsx') },
    ],
  },
]);
