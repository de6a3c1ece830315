import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, adminApi, describeError } from '../api/admin-api.ts';
import { formatClock } from '../lib/shanghai-time.ts';
import { setMe } from '../session/session-store.ts';

interface LoginValues {
  accountNo: string;
  password: string;
}

function loginFailureText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'ACCOUNT_LOCKED' && error.detail?.lockedUntil) return `账号已锁定，请于 ${formatClock(error.detail.lockedUntil)} 后再试`;
    const left = error.detail?.attemptsLeft;
    if (error.code === 'INVALID_CREDENTIALS' && typeof left === 'number' && left > 0) return `${error.message}，还可尝试 ${left} 次`;
  }
  return describeError(error);
}

/** Paths inside the console only (relative to /admin). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') ? next : '/';
}

/** The console's login: the same accounts as the hall; only admins get further. */
export default function LoginPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // This page starts a new session: forget whoever was logged in before.
  useEffect(() => setMe(null), []);

  async function onFinish(values: LoginValues) {
    setSubmitting(true);
    setFailure(null);
    try {
      setMe(await adminApi.login({ accountNo: values.accountNo.trim(), password: values.password }));
      await navigate(safeNext(searchParams.get('next')), { replace: true });
    } catch (error) {
      setFailure(loginFailureText(error));
      setSubmitting(false);
    }
  }

  return (
    <main className="admin-login">
      <Card className="admin-login__card">
        <div className="admin-login__brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="48" height="48" />
          <h1>管理控制台</h1>
          <p>一站式网上办事大厅</p>
        </div>
        <Form<LoginValues> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item label="账号" name="accountNo" rules={[{ required: true, whitespace: true, message: '请输入账号' }]}>
            <Input autoComplete="username" placeholder="工号" size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" placeholder="密码" size="large" />
          </Form.Item>
          {failure && <Alert type="error" title={failure} showIcon style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
