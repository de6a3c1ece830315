import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { Link, Navigate, useNavigate } from 'react-router';
import { hallApi } from '../api/hall-api.ts';
import { JourneyResult } from '../components/journey-result.tsx';
import { JourneySteps } from '../components/journey-steps.tsx';
import { LoadError, PageLoading } from '../components/load-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { t } from '../i18n/translate.ts';
import { richText } from './rich-text.tsx';

/** ③完成 (manual 1.3 ③): registered; the way into the hall. */
export default function RegisterDonePage() {
  const navigate = useNavigate();
  const binding = useLoad(() => hallApi.getBinding(), []);

  if (binding.data && !binding.data.bound) return <Navigate to="/register/phone" replace />;

  return (
    <div className="journey-page">
      <PageHeader title={t('pages.done')} />
      <JourneySteps current={2} />
      {binding.loading && !binding.data && <PageLoading />}
      {binding.error != null && <LoadError error={binding.error} onRetry={binding.reload} />}
      {binding.data && (
        <JourneyResult
          title={t('pages.register.doneStep')}
          actions={
            <Button block color="primary" size="large" onClick={() => void navigate('/', { replace: true })}>
              {t('pages.register.enterHall')}
            </Button>
          }
        >
          <p>{t('pages.register.success', { phone: binding.data.phone ?? '' })}</p>
          <p className="muted">{t('pages.register.later')}</p>
        </JourneyResult>
      )}
      <p className="journey-page__help">
        {richText('pages.helpFaq', { faq: <Link to="/faq">{t('pages.faq')}</Link> })}
      </p>
    </div>
  );
}
