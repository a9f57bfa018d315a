import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { CATALOGS, pickLocale, translator } from './index.js';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has the same keys and placeholders in every locale, none left untranslated', () => {
    for (const [locale, catalog] of Object.entries(CATALOGS)) {
      expect(Object.keys(catalog).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
        if (locale === 'zh-CN') expect(text, `${locale} ${key}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('follows the browser, lets the host override it and falls back to the channel default', () => {
    expect(pickLocale(null, ['zh-Hans-CN', 'en'], 'en')).toBe('zh-CN');
    expect(pickLocale('en', ['zh-CN'], 'en')).toBe('en');
    expect(pickLocale(null, ['fr-FR', 'de'], 'zh-CN')).toBe('zh-CN');
    expect(pickLocale('fr', ['fr-FR', 'en-GB'], 'zh-CN')).toBe('en');
  });

  it('fills placeholders', () => {
    expect(translator('zh-CN')('typing.agent', { name: 'Ada' })).toBe('Ada 正在输入…');
    expect(translator('en')('queue.position', { position: 3 })).toBe('You are number 3 in line.');
  });
});
