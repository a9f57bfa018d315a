import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlug } from './kb-slug.js';

describe('slugify', () => {
  it('lowercases English and joins words with single dashes', () => {
    expect(slugify('  How do I reset my password?  ')).toBe('how-do-i-reset-my-password');
    expect(slugify("What's new -- in 2.0")).toBe('whats-new-in-2-0');
  });

  it('keeps Chinese characters', () => {
    expect(slugify('如何重置密码？')).toBe('如何重置密码');
    expect(slugify('账单 FAQ（2024）')).toBe('账单-faq-2024');
  });

  it('falls back when nothing is left, and caps the length', () => {
    expect(slugify('?!')).toBe('article');
    expect(slugify('…', 'category')).toBe('category');
    expect([...slugify('a'.repeat(200))]).toHaveLength(80);
  });
});

describe('uniqueSlug', () => {
  it('takes the first free candidate', async () => {
    expect(await uniqueSlug('reset', async () => new Set())).toBe('reset');
    expect(await uniqueSlug('reset', async () => new Set(['reset', 'reset-2']))).toBe('reset-3');
  });
});
