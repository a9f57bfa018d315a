import { en, type MessageKey } from './en.js';
import { zhCN } from './zh-CN.js';

export type Locale = 'en' | 'zh-CN';
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** A supported locale for a tag such as `zh-Hans-CN` or `en-GB`; null when unsupported. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  const t = (tag ?? '').toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return null;
}

/**
 * The host's explicit choice wins, then the browser's languages in order, then the channel's
 * default language.
 */
export function pickLocale(override: string | null, browser: readonly string[], fallback: Locale): Locale {
  return matchLocale(override) ?? browser.map(matchLocale).find((l) => l !== null) ?? fallback;
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, vars) => {
    const text = catalog[key] ?? en[key] ?? key;
    return vars ? text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** Catalogs by locale, for the completeness test. */
export const CATALOGS = catalogs;
