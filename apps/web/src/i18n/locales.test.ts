import { ERROR_CODES } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { languages } from './languages';

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*.json', { eager: true });

function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as Record<string, unknown>, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// Brand names are the same in every language.
const untranslatable = new Set(['app.name', 'app.pageTitle']);

const english = flatten(files['./locales/en.json']?.default ?? {});

describe('locale files', () => {
  it('has a file for every listed language and a language for every file', () => {
    expect(Object.keys(files).sort()).toEqual(languages.map((l) => `./locales/${l.code}.json`).sort());
  });

  it('has an English message for every error code in the contract', () => {
    const missing = ERROR_CODES.filter((code) => !english.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  for (const { code } of languages.filter((l) => l.code !== 'en')) {
    describe(code, () => {
      const messages = flatten(files[`./locales/${code}.json`]?.default ?? {});

      it('has exactly the English keys', () => {
        expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
      });

      it('keeps every {{placeholder}}', () => {
        for (const [key, text] of english) {
          expect({ key, placeholders: placeholders(messages.get(key) ?? '') }).toEqual({
            key,
            placeholders: placeholders(text),
          });
        }
      });

      it('leaves no English text behind', () => {
        const leftovers = [...english].filter(([key, text]) => !untranslatable.has(key) && messages.get(key) === text);
        expect(leftovers).toEqual([]);
      });
    });
  }
});
