import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';
import { analyze, charNgrams, tokenize } from './tokenize.js';
import { TfidfVectorizer } from './vectorizer.js';

describe('normalizeText', () => {
  it('folds full-width characters and case', () => {
    expect(normalizeText('ＯＲＤＥＲ　１２３！')).toBe('order 123!');
  });
});

describe('tokenize', () => {
  it('stems English words and splits contractions', () => {
    expect(analyze("My cards haven't arrived")).toEqual(['my', 'card', 'haven', "'t", 'arriv']);
  });

  it('segments Chinese with jieba and keeps numbers whole', () => {
    const tokens = tokenize('我想查订单号123456');
    expect(tokens.map((t) => t.term)).toEqual(['我', '想', '查', '订单号', '123456']);
    expect(tokens.at(-1)?.kind).toBe('number');
  });

  it('builds char n-grams inside word boundaries', () => {
    expect(charNgrams('ab cd', 2, 3)).toEqual([' a', 'ab', 'b ', ' ab', 'ab ', ' c', 'cd', 'd ', ' cd', 'cd ']);
    expect(charNgrams('退款', 2, 5)).toEqual(['退', '款', '退款']);
  });
});

describe('TfidfVectorizer', () => {
  it('gives L2-normalized blocks and ignores unseen features', () => {
    const v = new TfidfVectorizer({ charWeight: 0 }).fit(['refund my card', 'card arrived']);
    const x = v.transform('card card refund zebra');
    const norm = Math.sqrt(Array.from(x.values).reduce((s, a) => s + a * a, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(x.indices.length).toBe(2); // card, refund; nothing for unseen "zebra" or "card card"
  });
});
