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
const ServicePage = lazy(() => import('./pages/service-page.tsx'));
const ApplicationPage = lazy(() => import('./pages/application-page.tsx'));
const ResubmitPage = lazy(() => import('./pages/resubmit-page.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found-page.tsx'));

/**
 * The H5's pages. Those behind `RequireSession` need a logged-in person; the
 * four main pages share the bottom tab bar of `MainLayout`.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
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
        <Route path="/services/:code" element={<ServicePage />} />
        <Route path="/applications/:id" element={<ApplicationPage />} />
        <Route path="/applications/:id/resubmit" element={<ResubmitPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
