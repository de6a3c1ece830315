import '../styles/pages.css';
import { useEffect } from 'react';
import { Button } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import { JourneyResult } from '../components/journey-result.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { setMe } from '../session/session-store.ts';
import { t } from '../i18n/translate.ts';
import { richText } from './rich-text.tsx';

/**
 * 解除绑定 完成: every session of the person has ended, so the page lives
 * outside the session gate and forgets the person. Registering the new
 * identity may follow at once: it starts with a new login.
 */
export default function UnbindDonePage() {
  const navigate = useNavigate();
  useEffect(() => setMe(null), []);
  return (
    <div className="journey-page">
      <PageHeader title={t('pages.done')} />
      <JourneyResult
        title={t('pages.unbind.doneTitle')}
        actions={
          <Button block color="primary" size="large" onClick={() => void navigate('/register', { replace: true })}>
            {t('pages.register')}
          </Button>
        }
      >
        <p>{t('pages.unbind.loggedOut')}</p>
        <p className="muted">{t('pages.unbind.registerNow')}</p>
      </JourneyResult>
      <p className="journey-page__help">
        {richText('pages.helpFaq', { faq: <Link to="/faq">{t('pages.faq')}</Link> })}
      </p>
    </div>
  );
}
