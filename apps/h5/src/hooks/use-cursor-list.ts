import { useCallback, useRef, useState } from 'react';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * State of an infinitely scrolled list paged by an opaque cursor, shaped for
 * antd-mobile's InfiniteScroll: it calls `loadMore` while the end of the list
 * is visible and `hasMore` is true. Give the list a React `key` per filter
 * so that changing the filter starts again from the first page.
 */
export function useCursorList<T>(fetchPage: (cursor: string | null) => Promise<CursorPage<T>>) {
  const [items, setItems] = useState<T[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [lastError, setLastError] = useState<unknown>(null);
  const cursor = useRef<string | null>(null);

  const loadMore = useCallback(async () => {
    try {
      const page = await fetchPage(cursor.current);
      cursor.current = page.nextCursor;
      setItems((previous) => [...previous, ...page.items]);
      setHasMore(page.nextCursor !== null && page.items.length > 0);
      setLastError(null);
    } catch (error) {
      setLastError(error);
      throw error;
    }
  }, [fetchPage]);

  return { items, hasMore, loadMore, lastError };
}
