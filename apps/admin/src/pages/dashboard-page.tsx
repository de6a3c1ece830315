import { Button, Card, Col, Row, Space, Spin, Statistic, Typography } from 'antd';
import type { AdminDashboardDto } from '@onehall/contracts';
import { adminApi } from '../api/admin-api.ts';
import { useAdminLoad } from '../hooks/use-admin-load.ts';
import { LoadFailure } from '../components/load-failure.tsx';

const cards: { key: keyof AdminDashboardDto; title: string }[] = [
  { key: 'people', title: '人员' },
  { key: 'services', title: '服务' },
  { key: 'applicationsRunning', title: '审批中的申请' },
  { key: 'applicationsTotal', title: '申请总数' },
  { key: 'tasksPending', title: '待办任务' },
];

/** 概览: the hall's numbers at a glance. Admins only (the layout checks). */
export default function DashboardPage() {
  const { data: dashboard, failure, loading, load } = useAdminLoad(adminApi.getDashboard);

  if (failure) {
    return (
      <LoadFailure message={failure} onRetry={() => void load()} />
    );
  }

  return (
    <Spin spinning={loading && !dashboard}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={2} className="admin-page-title">
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
  );
}
