import { describe, expect, it } from 'vitest';
import { transpositions } from './kb-search.js';

describe('transpositions (typo candidates for swapped letters)', () => {
  it('swaps each pair of different neighbouring letters', () => {
    expect(transpositions('refnud')).toContain('refund');
    expect(transpositions('passwrod')).toContain('password');
    expect(transpositions('aabb')).toEqual(['abab']);
  });

  it('stays bounded', () => {
    expect(transpositions('internationalization')).toHaveLength(19);
    expect(transpositions('internationalization', 5)).toHaveLength(5);
  });
});
