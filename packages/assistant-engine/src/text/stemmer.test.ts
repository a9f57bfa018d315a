import { describe, expect, it } from 'vitest';
import { porterStem } from './stemmer.js';

describe('porterStem', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['conflated', 'conflat'],
    ['hopping', 'hop'],
    ['falling', 'fall'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['generalization', 'gener'],
    ['hopeful', 'hope'],
    ['goodness', 'good'],
    ['revival', 'reviv'],
    ['adjustment', 'adjust'],
    ['adoption', 'adopt'],
    ['controlling', 'control'],
    ['refunds', 'refund'],
    ['refunded', 'refund'],
    ['charges', 'charg'],
    ['charged', 'charg'],
    ['transferring', 'transfer'],
    ['cards', 'card'],
  ])('%s -> %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it('groups inflections of the same word', () => {
    expect(new Set(['connect', 'connected', 'connecting', 'connection', 'connections'].map(porterStem))).toEqual(new Set(['connect']));
  });

  it('leaves short words, digits and non-latin text alone', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('12345')).toBe('12345');
    expect(porterStem('退款')).toBe('退款');
  });
});
