import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../api/admin-api.ts';
import { useAccessErrorHandler } from '../layout/access.ts';

/** A page of a keyset-paged list, as the admin APIs answer it. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A keyset-paged list for a table: the first page whenever `fetchPage`
 * changes (a new filter or search — memoise it with its filter), 加载更多
 * with the server's cursor, and each failure kept apart (a failed first page
 * replaces the table, a failed next page is retried below it).
 *
 * Each first-page load starts a generation; answers of an older one (another
 * filter, an earlier 刷新) are dropped, so rows of two filters never mix.
 */
export function useCursorListing<T>(fetchPage: (cursor?: string) => Promise<CursorPage<T>>) {
  const handleAccessError = useAccessErrorHandler();
  const [listing, setListing] = useState<CursorPage<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailure, setMoreFailure] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setFailure(null);
    setLoadingMore(false);
    setMoreFailure(null);
    try {
      const page = await fetchPage();
      if (mine === generation.current) setListing(page);
    } catch (error) {
      if (mine === generation.current && !handleAccessError(error)) setFailure(describeError(error));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [fetchPage, handleAccessError]);

  useEffect(() => {
    setListing(null); // a new filter: no rows of the previous one while its own load
    void load();
  }, [load]);

  async function loadMore() {
    const cursor = listing?.nextCursor;
    if (!cursor) return;
    const mine = generation.current;
    setLoadingMore(true);
    setMoreFailure(null);
    try {
      const page = await fetchPage(cursor);
      if (mine === generation.current) setListing((current) => (current ? { items: [...current.items, ...page.items], nextCursor: page.nextCursor } : page));
    } catch (error) {
      if (mine === generation.current && !handleAccessError(error)) setMoreFailure(describeError(error));
    } finally {
      if (mine === generation.current) setLoadingMore(false);
    }
  }

  return { listing, setListing, loading, failure, loadingMore, moreFailure, load, loadMore };
}
