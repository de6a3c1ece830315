import './styles/global.css';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app-routes.tsx';
import { ApiRedirectBridge } from './components/api-redirect-bridge.tsx';
import { PageErrorBoundary, PageFallback } from './components/route-fallbacks.tsx';

// WeCom's login link ends in #wechat_redirect, and browsers keep a fragment across redirects: drop it.
if (window.location.hash === '#wechat_redirect') window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);

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
