import { describe, expect, it } from 'vitest';
import { transpositions } from './kb-search.js';

describe('transpositions (typo candidates for swapped letters)', () => {
  it('swaps each pair of different neighbouring letters in words of four letters or more', () => {
    expect(transpositions('refnud')).toContain('refund');
    expect(transpositions('Passwrod reset')).toContain('password');
    expect(transpositions('aabb')).toEqual(['abab']);
  });

  it('leaves short words, digits and Chinese alone, and stays bounded', () => {
    expect(transpositions('abc 123 退款')).toEqual([]);
    expect(transpositions('internationalization '.repeat(10)).length).toBeLessThanOrEqual(24);
  });
});
