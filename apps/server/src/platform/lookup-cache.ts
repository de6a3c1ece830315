import { LRUCache } from 'lru-cache';

/**
 * Reuses the answers of a read for a few seconds: directory and catalog
 * reads (a person's department and roles, who holds a role, department
 * heads, the published service and its newest form and process) are made on
 * every submit but change rarely. Concurrent calls with the same arguments
 * share one read. A change made elsewhere shows after at most `ttlSeconds`;
 * with 0 every call reads.
 */
export function cachedLookup<A extends unknown[], R>(ttlSeconds: number, read: (...args: A) => Promise<R>, max = 10_000): ((...args: A) => Promise<R>) & { clear(): void } {
  if (ttlSeconds <= 0) return Object.assign((...args: A) => read(...args), { clear: () => {} });
  // The key is the arguments as JSON (ids, numbers, null), and the read gets them back from it.
  const cache = new LRUCache<string, { value: R }>({
    max,
    ttl: ttlSeconds * 1000,
    fetchMethod: async (key) => ({ value: await read(...(JSON.parse(key) as A)) }),
  });
  const lookup = async (...args: A) => (await cache.fetch(JSON.stringify(args)))!.value;
  // After a change made in this process, its own readers see it at once.
  return Object.assign(lookup, { clear: () => cache.clear() });
}
