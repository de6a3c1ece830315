import { useEffect, useState } from 'react';

/** Prefetches wait until this long after the page started loading (performance.now()'s origin). */
const PREFETCH_AFTER_MS = 3000;

/**
 * A module fetched the first time it is wanted, for what a page can draw
 * without: overlays until opened (components/overlays.tsx), a service's
 * icon. Unlike React's `lazy`, a fetch that fails (offline) throws nothing
 * into the page: it is forgotten, and the next want tries again.
 */
export class LazyModule<T> {
  /** The module once fetched: later uses are synchronous. */
  value: T | null = null;
  private pending: Promise<T> | null = null;
  private prefetching = false;
  private readonly fetch: () => Promise<T>;

  constructor(fetch: () => Promise<T>) {
    this.fetch = fetch;
  }

  /** A module already at hand (no fetch). */
  static of<T>(value: T): LazyModule<T> {
    const lazy = new LazyModule<T>(async () => value);
    lazy.value = value;
    return lazy;
  }

  load(): Promise<T> {
    this.pending ??= this.fetch().then(
      (value) => (this.value = value),
      (error: unknown) => {
        this.pending = null;
        throw error;
      },
    );
    return this.pending;
  }

  /**
   * Fetches it once the page has settled: a few seconds after start-up, when
   * the browser has nothing better to do (Safari 14 has no
   * requestIdleCallback). Not sooner: the first page's chunks, data and
   * drawing come first, and each prefetched chunk adds its script and its
   * style sheet (a style recalculation of the whole page) to the busiest
   * moment of a phone's page load.
   */
  prefetch(): void {
    if (this.value || this.prefetching) return;
    this.prefetching = true;
    const start = () =>
      void this.load().catch(() => {
        this.prefetching = false; // offline: the next prefetch or opening asks again
      });
    const whenIdle = () => (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(start, { timeout: 5000 }) : start());
    window.setTimeout(whenIdle, Math.max(0, PREFETCH_AFTER_MS - performance.now()));
  }
}

/**
 * The module once it is loaded (null until then), fetched as soon as
 * `wanted`; with `prefetch`, also when the browser is idle after the
 * component first shows.
 */
export function useLazyModule<T>(lazy: LazyModule<T>, wanted: boolean, options: { prefetch?: boolean } = {}): T | null {
  // The module itself lives in `lazy`; the state only redraws once it has arrived.
  const [, setArrivals] = useState(0);
  const loaded = lazy.value;
  const prefetch = options.prefetch === true;
  useEffect(() => {
    if (prefetch) lazy.prefetch();
  }, [lazy, prefetch]);
  useEffect(() => {
    if (loaded !== null || !wanted) return;
    let live = true;
    lazy.load().then(
      () => live && setArrivals((n) => n + 1),
      () => undefined, // Offline: nothing is drawn; the next want asks again.
    );
    return () => {
      live = false;
    };
  }, [lazy, loaded, wanted]);
  return loaded;
}
