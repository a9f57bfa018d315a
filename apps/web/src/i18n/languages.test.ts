import { describe, expect, it } from 'vitest';
import { matchLanguage } from './languages';

describe('matchLanguage', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-TW', 'en'], 'zh-CN'],
    [['zh-Hant-HK'], 'zh-CN'],
    [['en-GB'], 'en'],
    [['fr-FR', 'de'], 'en'],
    [['fr-FR', 'zh-SG'], 'zh-CN'],
    [[], 'en'],
  ])('%j -> %s', (candidates, expected) => {
    expect(matchLanguage(candidates)).toBe(expected);
  });
});
