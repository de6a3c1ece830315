import './styles/global.css';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app-routes.tsx';
import { ApiRedirectBridge } from './components/api-redirect-bridge.tsx';
import { PageErrorBoundary, PageFallback } from './components/route-fallbacks.tsx';
import { loadMe } from './session/session-store.ts';

// Ask for the session while the first page's code is still loading; the
// session gate awaits this same request instead of starting its own.
if (window.location.pathname !== '/login') loadMe().catch(() => undefined);

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <ApiRedirectBridge />
      <PageErrorBoundary>
        <Suspense fallback={<PageFallback />}>
          <AppRoutes />
        </Suspense>
      </PageErrorBoundary>
    </BrowserRouter>
  </StrictMode>,
);
