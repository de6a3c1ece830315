import { InfiniteScroll, Skeleton } from 'antd-mobile';
import type { CursorList } from '../hooks/use-cursor-list.ts';
import { ListEnd } from './list-end.tsx';

/**
 * The end of an infinitely scrolled list: placeholders until the first page
 * has answered, then antd-mobile's InfiniteScroll with `ListEnd` (loading,
 * 重新加载, the end, or `emptyText` for an empty list).
 */
export function ListMore<T>({ list, emptyText }: { list: CursorList<T>; emptyText: string }) {
  if (!list.started) {
    return (
      <div className="list-placeholder" aria-hidden="true">
        {[0, 1, 2].map((index) => (
          <div key={index} className="list-placeholder__item">
            <Skeleton.Title animated />
            <Skeleton.Paragraph lineCount={3} animated />
          </div>
        ))}
      </div>
    );
  }
  return (
    <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore}>
      {(hasMore, failed, retry) => <ListEnd hasMore={hasMore} failed={failed} retry={retry} isEmpty={list.items.length === 0} lastError={list.lastError} emptyText={emptyText} />}
    </InfiniteScroll>
  );
}
