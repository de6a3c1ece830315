import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Col, Layout, Result, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { AdminDashboardDto } from '@onehall/contracts';
import { ApiError, adminApi, describeError, isUnauthenticated } from '../api/admin-api.ts';
import { getMe, loadMe, useMe } from '../session/session-store.ts';

const cards: { key: keyof AdminDashboardDto; title: string }[] = [
  { key: 'people', title: '人员' },
  { key: 'services', title: '服务' },
  { key: 'applicationsRunning', title: '审批中的申请' },
  { key: 'applicationsTotal', title: '申请总数' },
  { key: 'tasksPending', title: '待办任务' },
];

type Failure = { kind: 'forbidden' } | { kind: 'password' } | { kind: 'other'; message: string };

/** 管理控制台: the hall's numbers at a glance. Admins only. */
export default function DashboardPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const [dashboard, setDashboard] = useState<AdminDashboardDto | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [loading, setLoading] = useState(true);
  const [leaving, setLeaving] = useState(false);

  const toLogin = useCallback(() => {
    const here = `${location.pathname}${location.search}`;
    void navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, { replace: true });
  }, [navigate, location.pathname, location.search]);

  const load = useCallback(async () => {
    setLoading(true);
    setFailure(null);
    try {
      if (!getMe()) await loadMe();
      setDashboard(await adminApi.getDashboard());
    } catch (error) {
      if (isUnauthenticated(error)) return toLogin();
      if (error instanceof ApiError && error.code === 'FORBIDDEN') setFailure({ kind: 'forbidden' });
      else if (error instanceof ApiError && error.code === 'PASSWORD_CHANGE_REQUIRED') setFailure({ kind: 'password' });
      else setFailure({ kind: 'other', message: describeError(error) });
    } finally {
      setLoading(false);
    }
  }, [toLogin]);

  useEffect(() => {
    void load();
  }, [load]);

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

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="admin-header">
        <div className="admin-header__brand">
          <h1>管理控制台</h1>
          <span>一站式网上办事大厅</span>
        </div>
        <Space>
          {me && <Typography.Text>{me.name}</Typography.Text>}
          {logoutButton}
        </Space>
      </Layout.Header>
      <Layout.Content className="admin-content">
        {failure?.kind === 'forbidden' && <Result status="403" title="没有管理员权限" subTitle="请使用管理员账号登录管理控制台。" extra={logoutButton} />}
        {failure?.kind === 'password' && (
          <Result
            status="warning"
            title="首次登录请先修改初始密码"
            extra={
              <Button type="primary" href="/password">
                去修改密码
              </Button>
            }
          />
        )}
        {failure?.kind === 'other' && (
          <Result
            status="error"
            title={failure.message}
            extra={
              <Button type="primary" onClick={() => void load()}>
                重试
              </Button>
            }
          />
        )}
        {!failure && (
          <Spin spinning={loading && !dashboard}>
            <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
              <Typography.Title level={4} style={{ margin: 0 }}>
                概览
              </Typography.Title>
              <Button onClick={() => void load()} loading={loading}>
                刷新
              </Button>
            </Space>
            <Row gutter={[16, 16]}>
              {cards.map((card) => (
                <Col key={card.key} xs={24} sm={12} lg={8} xl={8}>
                  <Card>
                    <Statistic title={card.title} value={dashboard ? dashboard[card.key] : '–'} />
                  </Card>
                </Col>
              ))}
            </Row>
          </Spin>
        )}
      </Layout.Content>
    </Layout>
  );
}
