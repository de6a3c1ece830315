import { startTransition, useCallback, useEffect, useRef, useState } from 'react';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * State of an infinitely scrolled list paged by an opaque cursor, shaped for
 * antd-mobile's InfiniteScroll (see `ListMore`): it calls `loadMore` while
 * the end of the list is visible and `hasMore` is true. The first page is
 * asked for on mount; `started` says it has answered (or failed), so the
 * list's end only appears then and never moves down under the reader's eyes
 * as the first page arrives. Give the list a React `key` per filter so that
 * changing the filter starts again from the first page.
 */
export function useCursorList<T>(fetchPage: (cursor: string | null) => Promise<CursorPage<T>>) {
  const [items, setItems] = useState<T[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [lastError, setLastError] = useState<unknown>(null);
  const [started, setStarted] = useState(false);
  const cursor = useRef<string | null>(null);
  const firstAsked = useRef(false);

  const loadMore = useCallback(async () => {
    const isFirst = cursor.current === null;
    try {
      const page = await fetchPage(cursor.current);
      cursor.current = page.nextCursor;
      const show = () => {
        setItems((previous) => [...previous, ...page.items]);
        setHasMore(page.nextCursor !== null && page.items.length > 0);
        setLastError(null);
        setStarted(true);
      };
      // The first page arrives while the page is still starting up: drawn as a transition, in slices
      // that leave the phone free to answer a tap. Later pages are drawn at once, before
      // InfiniteScroll looks again whether the end of the list is in view.
      if (isFirst) startTransition(show);
      else show();
    } catch (error) {
      setLastError(error);
      setStarted(true);
      throw error;
    }
  }, [fetchPage]);

  useEffect(() => {
    // Once per list (StrictMode runs effects twice; the ref survives that).
    if (firstAsked.current) return;
    firstAsked.current = true;
    // A failure is kept in lastError; InfiniteScroll then asks again and offers 重新加载.
    loadMore().catch(() => undefined);
  }, [loadMore]);

  return { items, hasMore, loadMore, lastError, started };
}

export type CursorList<T> = ReturnType<typeof useCursorList<T>>;
