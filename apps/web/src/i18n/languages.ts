/**
 * Supported UI languages. Adding one = adding `locales/<code>.json` and one line here
 * (the server's Me.locale enum must accept the code too).
 */
export const languages = [
  { code: 'en', nativeName: 'English' },
  { code: 'zh-CN', nativeName: '简体中文' },
] as const satisfies readonly { code: string; nativeName: string }[];

export type LanguageCode = (typeof languages)[number]['code'];

export const defaultLanguage: LanguageCode = 'en';

export function isLanguageCode(value: unknown): value is LanguageCode {
  return languages.some((language) => language.code === value);
}

/**
 * First supported language matching the candidates (e.g. navigator.languages): exact code
 * first, then the same base language (`zh-TW` and `zh` -> `zh-CN`).
 */
export function matchLanguage(candidates: readonly string[]): LanguageCode {
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const exact = languages.find((language) => language.code.toLowerCase() === lower);
    if (exact) return exact.code;
    const base = lower.split('-')[0];
    const sameBase = languages.find((language) => language.code.toLowerCase().split('-')[0] === base);
    if (sameBase) return sameBase.code;
  }
  return defaultLanguage;
}
