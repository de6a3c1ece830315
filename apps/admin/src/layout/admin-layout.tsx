import { Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { adminApi, describeError, isUnauthenticated } from '../api/admin-api.ts';
import { getMe, loadMe, useMe } from '../session/session-store.ts';
import { denialOf, denialOfError, type AccessDenial, type AdminOutletContext } from './access.ts';
import { LoadFailure } from '../components/load-failure.tsx';

const menuItems = [
  { key: '/', label: <Link to="/">概览</Link> },
  { key: '/organization', label: <Link to="/organization">组织机构</Link> },
  { key: '/people', label: <Link to="/people">人员</Link> },
  { key: '/roles', label: <Link to="/roles">角色</Link> },
  { key: '/audit', label: <Link to="/audit">审计日志</Link> },
  { key: '/identity', label: <Link to="/identity">身份认证</Link> },
  { key: '/qr', label: <Link to="/qr">入口二维码</Link> },
];

/** The menu entry of a path: the first segment (`/audit?action=…` → `/audit`). */
function menuKeyOf(pathname: string): string {
  const first = pathname.split('/')[1];
  return first ? `/${first}` : '/';
}

/**
 * Every page of the console but the login: the header (brand, the person, 退出登录),
 * the menu, and one gate. Nobody logged in → /login?next=…; the initial password
 * not yet changed → 首次登录请先修改初始密码; not an administrator → 403. The pages
 * render only behind the gate and hand their own access errors back to it.
 */
export default function AdminLayout() {
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const [denial, setDenial] = useState<AccessDenial | null>(null);
  const [meFailure, setMeFailure] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);

  // The callbacks below read the current place through a ref so they stay the same
  // function while the URL changes (the audit page keeps its filter in ?action=),
  // and pages' effects that depend on them do not run again.
  const latest = useRef({ navigate, here: '/' });
  useLayoutEffect(() => {
    latest.current = { navigate, here: `${location.pathname}${location.search}` };
  });

  const toLogin = useCallback(() => {
    const { navigate: go, here } = latest.current;
    void go(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, { replace: true });
  }, []);

  const checkMe = useCallback(async () => {
    setMeFailure(null);
    try {
      await loadMe();
    } catch (error) {
      if (isUnauthenticated(error)) toLogin();
      else setMeFailure(describeError(error));
    }
  }, [toLogin]);

  useEffect(() => {
    if (!getMe()) void checkMe();
  }, [checkMe]);

  const handleAccessError = useCallback(
    (error: unknown): boolean => {
      if (isUnauthenticated(error)) {
        toLogin();
        return true;
      }
      const denied = denialOfError(error);
      if (denied) setDenial(denied);
      return denied !== null;
    },
    [toLogin],
  );
  const outletContext = useMemo<AdminOutletContext>(() => ({ handleAccessError }), [handleAccessError]);

  async function logout() {
    setLeaving(true);
    try {
      await adminApi.logout();
    } catch {
      // Leave anyway; the session expires on the server.
    }
    await navigate('/login', { replace: true });
  }

  const logoutButton = (
    <Button onClick={() => void logout()} loading={leaving}>
      退出登录
    </Button>
  );

  const shownDenial = denial ?? (me ? denialOf(me) : null);
  const isAdmitted = me !== null && shownDenial === null;

  let content: ReactNode;
  if (meFailure) {
    content = (
      <LoadFailure message={meFailure} onRetry={() => void checkMe()} />
    );
  } else if (!me) {
    content = <Spin description="加载中" className="admin-content__spin" />;
  } else if (shownDenial === 'forbidden') {
    content = <Result status="403" title="没有管理员权限" subTitle="请使用管理员账号登录管理控制台。" extra={logoutButton} />;
  } else if (shownDenial === 'password') {
    content = (
      <Result
        status="warning"
        title="首次登录请先修改初始密码"
        extra={
          <Button type="primary" href="/password">
            去修改密码
          </Button>
        }
      />
    );
  } else {
    content = (
      <Suspense fallback={<Spin description="加载中" className="admin-content__spin" />}>
        <Outlet context={outletContext} />
      </Suspense>
    );
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="admin-header">
        <div className="admin-header__brand">
          <h1>管理控制台</h1>
          <span>一站式网上办事大厅</span>
        </div>
        {isAdmitted ? <Menu mode="horizontal" selectedKeys={[menuKeyOf(location.pathname)]} items={menuItems} className="admin-header__menu" /> : <div className="admin-header__menu" />}
        <Space>
          {me && <Typography.Text>{me.name}</Typography.Text>}
          {logoutButton}
        </Space>
      </Layout.Header>
      <Layout.Content className="admin-content">{content}</Layout.Content>
    </Layout>
  );
}
