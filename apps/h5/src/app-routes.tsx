import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RequireSession } from './session/require-session.tsx';

// Every page is its own chunk: the first screen loads React, the router and
// the one page it shows. (The router's declarative mode is used rather than
// its data mode: the hall has no loaders or actions, and it is ~17 kB
// gzipped lighter on every phone's first visit.)
const MainLayout = lazy(() => import('./components/main-layout.tsx'));
const LoginPage = lazy(() => import('./pages/login-page.tsx'));
const PasswordPage = lazy(() => import('./pages/password-page.tsx'));
const HomePage = lazy(() => import('./pages/home-page.tsx'));
const HallPage = lazy(() => import('./pages/hall-page.tsx'));
const SentPage = lazy(() => import('./pages/sent-page.tsx'));
const ReceivedPage = lazy(() => import('./pages/received-page.tsx'));
const TaskListPage = lazy(() => import('./pages/task-list-page.tsx'));
const MessagesPage = lazy(() => import('./pages/messages-page.tsx'));
const ServicePage = lazy(() => import('./pages/service-page.tsx'));
const ApplicationPage = lazy(() => import('./pages/application-page.tsx'));
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

/**
 * The H5's pages. Those behind `RequireSession` need a logged-in person; the
 * four main pages share the bottom tab bar of `MainLayout`. The entry pages
 * of 用户注册 and 解除绑定 (opened from the school's QR codes) are outside the
 * gate: they end whatever session there is and ask for a new login; so is
 * the end of 解除绑定, which has just ended every session.
 */
export function AppRoutes() {
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
