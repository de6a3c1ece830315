import './admin.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';

const LoginPage = lazy(() => import('./pages/login-page.tsx'));
const AdminLayout = lazy(() => import('./layout/admin-layout.tsx'));
const DashboardPage = lazy(() => import('./pages/dashboard-page.tsx'));
const AuditPage = lazy(() => import('./pages/audit-page.tsx'));
const IdentityPage = lazy(() => import('./pages/identity-page.tsx'));
const EntryQrPage = lazy(() => import('./pages/entry-qr-page.tsx'));
const OrganizationPage = lazy(() => import('./pages/organization-page.tsx'));
const PeoplePage = lazy(() => import('./pages/people-page.tsx'));
const RolesPage = lazy(() => import('./pages/roles-page.tsx'));

/**
 * antd's colours raised to WCAG AA on white (4.5:1), as the H5's: the
 * primary blue (buttons' white text, the selected menu item, links), the
 * secondary and description greys (statistic titles, hints, the header's
 * subtitle), the danger red (取消, 停用) and the success green of tags
 * (成功) were 2.5–4.1:1.
 */
const theme = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    // Set with their light backgrounds, which antd would otherwise derive darker from the darker colour.
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorError: '#cf1322',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffa39e',
  },
};

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <BrowserRouter basename="/admin">
          <Suspense fallback={<Spin fullscreen description="加载中" />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<AdminLayout />}>
                <Route index element={<DashboardPage />} />
                <Route path="/organization" element={<OrganizationPage />} />
                <Route path="/people" element={<PeoplePage />} />
                <Route path="/roles" element={<RolesPage />} />
                <Route path="/audit" element={<AuditPage />} />
                <Route path="/identity" element={<IdentityPage />} />
                <Route path="/qr" element={<EntryQrPage />} />
              </Route>
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
