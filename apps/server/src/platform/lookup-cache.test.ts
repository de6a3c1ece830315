import { describe, expect, it } from 'vitest';
import { cachedLookup } from './lookup-cache.ts';

describe('cachedLookup', () => {
  it('reads once per arguments while fresh, shares a read in flight, and reads again after the time', async () => {
    let reads = 0;
    const lookup = cachedLookup(0.2, async (id: string, level: number) => {
      reads++;
      return { id, level, reads };
    });
    const [a, b] = await Promise.all([lookup('d1', 1), lookup('d1', 1)]);
    expect(a).toEqual({ id: 'd1', level: 1, reads: 1 });
    expect(b).toBe(a);
    expect(await lookup('d1', 1)).toBe(a);
    expect(await lookup('d1', 2)).toEqual({ id: 'd1', level: 2, reads: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await lookup('d1', 1)).toEqual({ id: 'd1', level: 1, reads: 3 });
  });

  it('keeps null answers too, and with 0 seconds reads every time', async () => {
    let reads = 0;
    const none = cachedLookup(10, async () => (reads++, null));
    expect(await none()).toBeNull();
    expect(await none()).toBeNull();
    expect(reads).toBe(1);
    const uncached = cachedLookup(0, async () => ++reads);
    await uncached();
    await uncached();
    expect(reads).toBe(3);
  });

  it('does not keep a failed read', async () => {
    let reads = 0;
    const flaky = cachedLookup(10, async () => {
      reads++;
      if (reads === 1) throw new Error('connection lost');
      return 'ok';
    });
    await expect(flaky()).rejects.toThrow('connection lost');
    expect(await flaky()).toBe('ok');
  });
});
