import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/admin-api.ts';
import { useAccessErrorHandler } from '../layout/access.ts';

/**
 * A page's one read (概览's figures, 组织机构's tree): asked at once and
 * again with `load`, its failure in Chinese unless the layout answers it
 * (log in, change the initial password, not an administrator). `read` must
 * keep its identity across renders (an adminApi method does). `setData`
 * takes a change's answer when it is the whole new value.
 */
export function useAdminLoad<T>(read: () => Promise<T>) {
  const handleAccessError = useAccessErrorHandler();
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    setFailure(null);
    try {
      setData(await read());
    } catch (error) {
      if (!handleAccessError(error)) setFailure(describeError(error));
    } finally {
      setLoading(false);
    }
  }, [read, handleAccessError]);

  useEffect(() => {
    void load();
  }, [load]);

  return { data, setData, failure, loading, load };
}
