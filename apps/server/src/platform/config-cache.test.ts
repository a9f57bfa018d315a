import { describe, expect, it } from 'vitest';
import { ConfigCache, transactionEnd } from './config-cache.js';

describe('ConfigCache', () => {
  it('reads once within its time to live and again after it', async () => {
    const cache = new ConfigCache(50);
    let loads = 0;
    const load = async () => [++loads];
    expect(await cache.get('k', 'w1', load)).toEqual([1]);
    expect(await cache.get('k', 'w1', load)).toEqual([1]);
    expect(await cache.get('k', 'w2', load)).toEqual([2]);
    await new Promise((r) => setTimeout(r, 60));
    expect(await cache.get('k', 'w1', load)).toEqual([3]);
  });

  it('does not keep what an open transaction wrote, and drops the entry again when it ends', async () => {
    const cache = new ConfigCache();
    let value = 'old';
    const load = async () => ({ value });
    expect(await cache.get('k', 'w', load)).toEqual({ value: 'old' });
    const onEnd: Array<() => void> = [];
    await transactionEnd.run(onEnd, async () => {
      cache.invalidate('k', 'w');
      value = 'uncommitted';
      // Read through while the writer is open: nobody caches what may roll back.
      expect(await cache.get('k', 'w', load)).toEqual({ value: 'uncommitted' });
      value = 'committed';
      expect(await cache.get('k', 'w', load)).toEqual({ value: 'committed' });
    });
    for (const done of onEnd) done();
    value = 'after';
    expect(await cache.get('k', 'w', load)).toEqual({ value: 'after' });
    value = 'later';
    expect(await cache.get('k', 'w', load)).toEqual({ value: 'after' });
  });

  it('forgets a failed load and freezes shared values', async () => {
    const cache = new ConfigCache();
    await expect(cache.get('k', 'w', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    const rows = await cache.get('k', 'w', async () => [{ a: 1 }]);
    expect(rows).toEqual([{ a: 1 }]);
    expect(() => (rows as Array<{ a: number }>).push({ a: 2 })).toThrow();
    expect(() => {
      (rows[0] as { a: number }).a = 3;
    }).toThrow();
  });
});
