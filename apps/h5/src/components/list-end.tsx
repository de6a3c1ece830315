import { DotLoading } from 'antd-mobile';
import { describeError } from '../api/api-client.ts';
import { EmptyState } from './empty-state.tsx';
import { t } from '../i18n/translate.ts';

interface ListEndProps {
  hasMore: boolean;
  failed: boolean;
  retry: () => void;
  isEmpty: boolean;
  lastError: unknown;
  emptyText: string;
}

/** What InfiniteScroll shows below a list: loading, the error with 重新加载, the end, or "nothing here". */
export function ListEnd({ hasMore, failed, retry, isEmpty, lastError, emptyText }: ListEndProps) {
  if (failed) {
    return (
      <span className="list-end" role="alert">
        {describeError(lastError)}
        <button type="button" className="link-button" onClick={retry}>
          {t('components.reload')}
        </button>
      </span>
    );
  }
  if (hasMore) {
    return (
      <span className="list-end" role="status">
        {t('components.loading')}
        <DotLoading />
      </span>
    );
  }
  if (isEmpty) return <EmptyState title={emptyText} />;
  return <span className="list-end">{t('components.list.noMore')}</span>;
}
