import { lazy, useEffect, useRef } from 'react';
import { matchPath, Route, Routes, useLocation } from 'react-router';
import { requestEarly } from './api/api-client.ts';
import { hallApi } from './api/hall-api.ts';
import { RequireSession } from './session/require-session.tsx';

// Every page is its own chunk: the first screen loads React, the router and
// the one page it shows. (The router's declarative mode is used rather than
// its data mode: the hall has no loaders or actions, and it is ~17 kB
// gzipped lighter on every phone's first visit.)
/** The chunks of the pages a phone usually opens first (from WeCom's menu or a message), preloaded at start. */
const load = {
  mainLayout: () => import('./components/main-layout.tsx'),
  home: () => import('./pages/home-page.tsx'),
  hall: () => import('./pages/hall-page.tsx'),
  sent: () => import('./pages/sent-page.tsx'),
  received: () => import('./pages/received-page.tsx'),
  taskList: () => import('./pages/task-list-page.tsx'),
  service: () => import('./pages/service-page.tsx'),
  application: () => import('./pages/application-page.tsx'),
};

const MainLayout = lazy(load.mainLayout);
const LoginPage = lazy(() => import('./pages/login-page.tsx'));
const PasswordPage = lazy(() => import('./pages/password-page.tsx'));
const HomePage = lazy(load.home);
const HallPage = lazy(load.hall);
const SentPage = lazy(load.sent);
const ReceivedPage = lazy(load.received);
const TaskListPage = lazy(load.taskList);
const MessagesPage = lazy(() => import('./pages/messages-page.tsx'));
const ServicePage = lazy(load.service);
const ApplicationPage = lazy(load.application);
const ResubmitPage = lazy(() => import('./pages/resubmit-page.tsx'));
const PrintPage = lazy(() => import('./pages/print-page.tsx'));
const RegisterPage = lazy(() => import('./pages/register-page.tsx'));
const RegisterPhonePage = lazy(() => import('./pages/register-phone-page.tsx'));
const RegisterCodePage = lazy(() => import('./pages/register-code-page.tsx'));
const RegisterFollowPage = lazy(() => import('./pages/register-follow-page.tsx'));
const RegisterDonePage = lazy(() => import('./pages/register-done-page.tsx'));
const UnbindPage = lazy(() => import('./pages/unbind-page.tsx'));
const UnbindConfirmPage = lazy(() => import('./pages/unbind-confirm-page.tsx'));
const UnbindDonePage = lazy(() => import('./pages/unbind-done-page.tsx'));
const FaqPage = lazy(() => import('./pages/faq-page.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found-page.tsx'));

type Params = Readonly<Record<string, string | undefined>>;

interface Preload {
  pattern: string;
  chunks: (() => Promise<unknown>)[];
  /** The page's first GETs (with no filters in the address), made the way the page makes them. */
  data?: (params: Params) => void;
}

const preloads: Preload[] = [
  {
    pattern: '/',
    chunks: [load.mainLayout, load.home],
    data: () => {
      void hallApi.getHome();
      void hallApi.getInboxCounts();
      void hallApi.getUnreadMessageCount();
    },
  },
  { pattern: '/hall', chunks: [load.mainLayout, load.hall], data: () => void hallApi.getCatalog() },
  { pattern: '/sent', chunks: [load.mainLayout, load.sent] },
  { pattern: '/received', chunks: [load.mainLayout, load.received], data: () => void hallApi.getInboxCounts() },
  {
    pattern: '/received/:box',
    chunks: [load.taskList],
    data: ({ box }) => {
      void hallApi.getInboxCounts();
      if (box === 'todo' || box === 'done') void hallApi.listTasks(box, { cursor: null });
      else if (box === 'cc') void hallApi.listCopies({ cursor: null });
    },
  },
  { pattern: '/services/:code', chunks: [load.service], data: ({ code }) => code && void hallApi.getService(code) },
  { pattern: '/applications/:id', chunks: [load.application], data: ({ id }) => id && void hallApi.getApplication(id) },
];

/**
 * Starts fetching the session, the chunks and the first data of the page at
 * `pathname` at once, before anything is drawn: otherwise the session would
 * only be asked for once the first render has run (on an English phone,
 * after the English catalogue), the chunks when the session gate opens, the
 * layout's page only after the layout's chunk, and the data only after the
 * page's chunk — one round trip each, on a phone's network.
 */
export function preloadPage(pathname: string, search: string): void {
  for (const preload of preloads) {
    const match = matchPath(preload.pattern, pathname);
    if (!match) continue;
    // A failed chunk here is not the page's failure: the lazy route asks again and shows its own error.
    for (const chunk of preload.chunks) chunk().catch(() => undefined);
    requestEarly(() => {
      // Every preloaded page is behind the session gate, which asks for the session first.
      void hallApi.getMe();
      // With filters in the address the page asks for other paths: nothing to guess.
      if (search === '') preload.data?.(match.params);
    });
    return;
  }
}

/** The page's visible h1 (a page hidden while the next one loads keeps its own in the DOM). */
function visibleHeading(): HTMLElement | null {
  return [...document.querySelectorAll<HTMLElement>('h1')].find((heading) => heading.getClientRects().length > 0) ?? null;
}

/** A control a page may have focused for typing, which the move to the page must leave alone. */
const isTypingTarget = (element: Element | null) => element !== null && element.matches('input, textarea, select, [contenteditable="true"]');

/**
 * After a move to another page, the focus goes to the new page's h1, so a
 * screen reader reads on from the new page's title instead of from the top
 * of the document, from a link that has gone, or from the tab bar's link.
 * Not on the first load, and not when the new page put the focus in an input.
 * The heading may come after the page's chunk and data: it is waited for,
 * until the person touches or types (then the focus is theirs).
 */
function useFocusOnNavigation(): void {
  const { pathname } = useLocation();
  const isFirst = useRef(true);
  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    const isDone = (): boolean => {
      if (isTypingTarget(document.activeElement)) return true;
      const heading = visibleHeading();
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
      return document.activeElement === heading;
    };
    if (isDone()) return;
    const observer = new MutationObserver(() => {
      if (isDone()) stop();
    });
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      document.removeEventListener('pointerdown', stop, true);
      document.removeEventListener('keydown', stop, true);
    };
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class'] });
    const timer = setTimeout(stop, 10_000);
    document.addEventListener('pointerdown', stop, true);
    document.addEventListener('keydown', stop, true);
    return stop;
  }, [pathname]);
}

/**
 * antd-mobile draws the clear button of a `clearable` input (its ⓧ) as a div
 * named 清除 but with no role: a screen reader does not offer it as a
 * button, and the name is not allowed on a plain div. Each one that appears,
 * on any page, gets role="button" (a tap, a screen reader's double tap, clicks it).
 */
function useClearButtonRole(): void {
  useEffect(() => {
    const selector = '.adm-input-clear:not([role])';
    const repair = (root: Element) => {
      if (root.matches(selector)) root.setAttribute('role', 'button');
      for (const clear of root.querySelectorAll(selector)) clear.setAttribute('role', 'button');
    };
    repair(document.body);
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) for (const node of mutation.addedNodes) if (node instanceof Element) repair(node);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
}

/**
 * The H5's pages. Those behind `RequireSession` need a logged-in person; the
 * four main pages share the bottom tab bar of `MainLayout`. The entry pages
 * of 用户注册 and 解除绑定 (opened from the school's QR codes) are outside the
 * gate: they end whatever session there is and ask for a new login; so is
 * the end of 解除绑定, which has just ended every session.
 */
export function AppRoutes() {
  useFocusOnNavigation();
  useClearButtonRole();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/unbind" element={<UnbindPage />} />
      <Route path="/unbind/done" element={<UnbindDonePage />} />
      <Route path="/faq" element={<FaqPage />} />
      <Route element={<RequireSession allowPasswordChange />}>
        <Route path="/password" element={<PasswordPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<MainLayout />}>
          <Route index element={<HomePage />} />
          <Route path="/hall" element={<HallPage />} />
          <Route path="/sent" element={<SentPage />} />
          <Route path="/received" element={<ReceivedPage />} />
        </Route>
        <Route path="/received/:box" element={<TaskListPage />} />
        <Route path="/messages" element={<MessagesPage />} />
        <Route path="/services/:code" element={<ServicePage />} />
        <Route path="/applications/:id" element={<ApplicationPage />} />
        <Route path="/applications/:id/resubmit" element={<ResubmitPage />} />
        <Route path="/applications/:id/print" element={<PrintPage />} />
        <Route path="/register/phone" element={<RegisterPhonePage />} />
        <Route path="/register/code" element={<RegisterCodePage />} />
        <Route path="/register/follow" element={<RegisterFollowPage />} />
        <Route path="/register/done" element={<RegisterDonePage />} />
        <Route path="/unbind/confirm" element={<UnbindConfirmPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
