import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { Navigate, useNavigate } from 'react-router';
import { hallApi } from '../api/hall-api.ts';
import { JourneySteps } from '../components/journey-steps.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { t } from '../i18n/translate.ts';

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
      <PageHeader title={t('pages.register.follow')} />
      <JourneySteps current={1} />
      {binding.loading && !binding.data && <PageLoading />}
      {binding.error != null && <LoadError error={binding.error} onRetry={binding.reload} />}
      {binding.data && (
        <section className="card journey-follow" aria-labelledby="follow-step-title">
          <h2 className="card__title" id="follow-step-title">
            {t('pages.register.followStep')}
          </h2>
          <p className="journey-follow__done">{t('pages.register.bound', { phone: binding.data.phone ?? '' })}</p>
          {qrUrl ? (
            <>
              <img className="journey-follow__qr" src={qrUrl} alt={t('pages.register.qrAlt')} width="200" height="200" />
              <p className="journey-follow__text">{t('pages.register.followQr')}</p>
            </>
          ) : (
            <p className="journey-follow__text">{t('pages.register.followSearch')}</p>
          )}
          <Button block color="primary" size="large" onClick={() => void navigate('/register/done', { replace: true })}>
            {t('pages.next')}
          </Button>
        </section>
      )}
    </div>
  );
}
