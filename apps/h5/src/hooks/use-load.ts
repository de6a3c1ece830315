import { startTransition, useCallback, useEffect, useState, type DependencyList } from 'react';

export interface LoadState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Loads again (after an error, or to refresh). */
  reload: () => void;
  /** Replaces the data with a fresher copy, e.g. the answer of an action. */
  setData: (data: T) => void;
}

/**
 * Loads data for a page and reloads when `deps` change. An answer that comes
 * back after the page moved on (deps changed, page closed) is ignored.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): LoadState<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    load().then(
      (answer) => {
        if (!live) return;
        // Drawn as a transition, in slices that leave the phone free to answer a tap meanwhile.
        startTransition(() => {
          setDataState(answer);
          setLoading(false);
        });
      },
      (failure: unknown) => {
        if (!live) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // `load` is a new closure each render; `deps` says when it really changes.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((next: T) => {
    setDataState(next);
    setError(null);
    setLoading(false);
  }, []);
  return { data, error, loading, reload, setData };
}
