import '../styles/pages.css';
import { Button } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { EmptyState } from '../components/empty-state.tsx';
import { t } from '../i18n/translate.ts';

/** Any address the hall does not know. */
export default function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <div className="not-found-page">
      {/* The page's heading for screen readers; the block below shows the same words. */}
      <h1 className="visually-hidden">{t('pages.notFound.title')}</h1>
      <EmptyState title={t('pages.notFound.title')} description={t('pages.notFound.description')}>
        <Button color="primary" onClick={() => void navigate('/', { replace: true })}>
          {t('pages.backHome')}
        </Button>
      </EmptyState>
    </div>
  );
}
