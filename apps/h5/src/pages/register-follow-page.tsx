import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { Navigate, useNavigate } from 'react-router';
import { hallApi } from '../api/hall-api.ts';
import { JourneySteps } from '../components/journey-steps.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLoad } from '../hooks/use-load.ts';

/**
 * 长按并关注微信企业号 (manual 1.3 ②): the school's WeCom QR code when the
 * hall has one (the administrator's WeCom settings, else WECOM_FOLLOW_QR_URL),
 * else where to find it.
 */
export default function RegisterFollowPage() {
  const navigate = useNavigate();
  const binding = useLoad(() => hallApi.getBinding(), []);

  if (binding.data && !binding.data.bound) return <Navigate to="/register/phone" replace />;
  const qrUrl = binding.data?.followQrUrl ?? null;

  return (
    <div className="journey-page">
      <PageHeader title="关注企业号" />
      <JourneySteps current={1} />
      {binding.loading && !binding.data && <PageLoading />}
      {binding.error != null && <LoadError error={binding.error} onRetry={binding.reload} />}
      {binding.data && (
        <section className="card journey-follow" aria-labelledby="follow-step-title">
          <h2 className="card__title" id="follow-step-title">
            ②长按并关注微信企业号
          </h2>
          <p className="journey-follow__done">手机号 {binding.data.phone} 已绑定。</p>
          {qrUrl ? (
            <>
              <img className="journey-follow__qr" src={qrUrl} alt="学校企业微信号二维码" width="200" height="200" />
              <p className="journey-follow__text">长按上方二维码，识别并关注学校企业微信号。关注后，在微信中点击学校企业微信号即可进入“一站式网上办事大厅”。</p>
            </>
          ) : (
            <p className="journey-follow__text">请在微信中搜索并关注学校的企业微信号。关注后，在微信中点击学校企业微信号即可进入“一站式网上办事大厅”。</p>
          )}
          <Button block color="primary" size="large" onClick={() => void navigate('/register/done', { replace: true })}>
            下一步
          </Button>
        </section>
      )}
    </div>
  );
}
