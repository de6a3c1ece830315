import type { ReactNode } from 'react';
import { Alert, Button, Typography } from 'antd';

interface ListFooterProps {
  /** The message of a failed 加载更多, offered again with 重试. */
  failure: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** Shown when everything is loaded, e.g. 已显示全部 20 条; null while there is nothing to say. */
  allShown: string | null;
}

/** Below a keyset-paged table: 加载更多, the retry of a failed page, or how many are shown. */
export function ListFooter({ failure, hasMore, loadingMore, onLoadMore, allShown }: ListFooterProps): ReactNode {
  if (failure) {
    return (
      <Alert
        type="error"
        showIcon
        title={failure}
        action={
          <Button size="small" onClick={onLoadMore}>
            重试
          </Button>
        }
      />
    );
  }
  if (hasMore) {
    return (
      <Button onClick={onLoadMore} loading={loadingMore}>
        加载更多
      </Button>
    );
  }
  return allShown ? <Typography.Text type="secondary">{allShown}</Typography.Text> : null;
}
