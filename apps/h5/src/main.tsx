import './styles/global.css';
import { StrictMode, startTransition, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ConfigProvider } from 'antd-mobile';
import { AppRoutes, preloadPage } from './app-routes.tsx';
import { ApiRedirectBridge } from './components/api-redirect-bridge.tsx';
import { PageErrorBoundary, PageFallback } from './components/route-fallbacks.tsx';
import { languageTag } from './i18n/language.ts';
import { antdMobileLocale, loadMessages, t } from './i18n/translate.ts';

// WeCom's login link ends in #wechat_redirect, and browsers keep a fragment across redirects: drop it.
if (window.location.hash === '#wechat_redirect') window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
document.documentElement.lang = languageTag;
preloadPage(window.location.pathname, window.location.search);

function render(root: HTMLElement): void {
  // index.html's <title> is Chinese; an English page says its own.
  document.title = t('pages.hallTitle');
  const locale = antdMobileLocale();
  const routes = (
    <BrowserRouter>
      <ApiRedirectBridge />
      <PageErrorBoundary>
        <Suspense fallback={<PageFallback />}>
          <AppRoutes />
        </Suspense>
      </PageErrorBoundary>
    </BrowserRouter>
  );
  const app = <StrictMode>{locale ? <ConfigProvider locale={locale}>{routes}</ConfigProvider> : routes}</StrictMode>;
  // As a transition, React draws the first screen in slices of a few
  // milliseconds, letting the browser answer a tap in between, instead of in
  // one long task that freezes a slow phone while the page starts.
  startTransition(() => createRoot(root).render(app));
}

// An English page first fetches its catalogue (a Chinese one starts at once).
// If that chunk cannot load, the page is shown in Chinese rather than not at all.
void loadMessages()
  .catch(() => undefined)
  .then(() => render(container));
