import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { Link, Navigate, useNavigate } from 'react-router';
import { hallApi } from '../api/hall-api.ts';
import { JourneyResult } from '../components/journey-result.tsx';
import { JourneySteps } from '../components/journey-steps.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLoad } from '../hooks/use-load.ts';

/** ③完成 (manual 1.3 ③): registered; the way into the hall. */
export default function RegisterDonePage() {
  const navigate = useNavigate();
  const binding = useLoad(() => hallApi.getBinding(), []);

  if (binding.data && !binding.data.bound) return <Navigate to="/register/phone" replace />;

  return (
    <div className="journey-page">
      <PageHeader title="完成" />
      <JourneySteps current={2} />
      {binding.loading && !binding.data && <PageLoading />}
      {binding.error != null && <LoadError error={binding.error} onRetry={binding.reload} />}
      {binding.data && (
        <JourneyResult
          title="③完成"
          actions={
            <Button block color="primary" size="large" onClick={() => void navigate('/', { replace: true })}>
              进入办事大厅
            </Button>
          }
        >
          <p>注册成功，手机号 {binding.data.phone} 已与您的账号绑定。</p>
          <p className="muted">以后在微信中点击学校企业微信号，即可进入“一站式网上办事大厅”。</p>
        </JourneyResult>
      )}
      <p className="journey-page__help">
        有疑问？请看<Link to="/faq">常见问题</Link>
      </p>
    </div>
  );
}
