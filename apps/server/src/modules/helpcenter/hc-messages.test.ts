import { describe, expect, it } from 'vitest';
import { formatDate, MESSAGE_TABLES, translator } from './hc-messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('help-center messages', () => {
  it('has every key with the same placeholders in every language', () => {
    const [en, ...others] = Object.values(MESSAGE_TABLES);
    for (const table of others) {
      expect(Object.keys(table).sort()).toEqual(Object.keys(en ?? {}).sort());
      for (const [key, text] of Object.entries(en ?? {})) {
        expect(placeholders(table[key as keyof typeof table]), key).toEqual(placeholders(text));
        expect(table[key as keyof typeof table].trim(), key).not.toBe('');
      }
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('zh-CN')('search.count', { count: 3 })).toBe('共 3 条结果');
    expect(translator('en')('search.resultsFor', {})).toBe('Results for “{q}”');
  });

  it('formats dates per language in the workspace time zone', () => {
    const date = new Date('2025-03-01T23:30:00Z');
    expect(formatDate('en', date, 'UTC')).toBe('March 1, 2025');
    expect(formatDate('zh-CN', date, 'Asia/Shanghai')).toBe('2025年3月2日');
    expect(formatDate('en', date, 'Not/AZone')).toBe('March 1, 2025');
  });
});
