import '../styles/pages.css';
import { Button, DotLoading } from 'antd-mobile';
import { describeError, isRedirected } from '../api/api-client.ts';
import { EmptyState } from './empty-state.tsx';
import { t } from '../i18n/translate.ts';

/** A page's body while its data loads. */
export function PageLoading() {
  return (
    <div className="load-state" role="status">
      <DotLoading color="primary" />
      <span className="load-state__text">{t('components.loading')}</span>
    </div>
  );
}

interface LoadErrorProps {
  error: unknown;
  onRetry?: () => void;
}

/** A page's body when its data could not be loaded. */
export function LoadError({ error, onRetry }: LoadErrorProps) {
  // The API client already sent the person to log in: show nothing meanwhile.
  if (isRedirected(error)) return <PageLoading />;
  return (
    <div role="alert">
      <EmptyState title={describeError(error)}>
        {onRetry && (
          <Button color="primary" fill="outline" size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </EmptyState>
    </div>
  );
}
