import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheKey, PageCache } from './hc-cache.js';

describe('PageCache', () => {
  afterEach(() => vi.useRealTimers());

  it('evicts the least recently used entry first', () => {
    const cache = new PageCache(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.get('a');
    cache.set('c', 'C');
    expect(cache.get('b')).toBeNull();
    expect(cache.get('a')?.html).toBe('A');
    expect(cache.get('c')?.html).toBe('C');
  });

  it('expires entries after the ttl', () => {
    vi.useFakeTimers();
    const cache = new PageCache(10, 1_000);
    cache.set('a', 'A');
    vi.advanceTimersByTime(999);
    expect(cache.get('a')).not.toBeNull();
    vi.advanceTimersByTime(2);
    expect(cache.get('a')).toBeNull();
  });

  it('drops one workspace only, and gives equal pages equal etags', () => {
    const cache = new PageCache();
    const one = cache.set(cacheKey('w1', 'en', 'x'), '<p>same</p>');
    const two = cache.set(cacheKey('w2', 'en', 'x'), '<p>same</p>');
    expect(one.etag).toBe(two.etag);
    cache.dropWorkspace('w1');
    expect(cache.get(cacheKey('w1', 'en', 'x'))).toBeNull();
    expect(cache.get(cacheKey('w2', 'en', 'x'))).not.toBeNull();
  });
});
