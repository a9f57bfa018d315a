import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, isLanguageCode, type LanguageCode, languages, matchLanguage } from './languages';

type Messages = Record<string, unknown>;

// One lazy chunk per language: only the active language (and English as fallback) is fetched.
const loaders = import.meta.glob<{ default: Messages }>('./locales/*.json');

const STORAGE_KEY = 'sb.language';

async function ensureLoaded(code: LanguageCode): Promise<void> {
  const needed = code === defaultLanguage ? [code] : [code, defaultLanguage];
  await Promise.all(
    needed
      .filter((lng) => !i18n.hasResourceBundle(lng, 'translation'))
      .map(async (lng) => {
        const load = loaders[`./locales/${lng}.json`];
        if (!load) throw new Error(`No locale file for ${lng}`);
        const messages = await load();
        i18n.addResourceBundle(lng, 'translation', messages.default, true, true);
      }),
  );
}

/** The remembered choice, else the browser's languages. */
export function detectInitialLanguage(): LanguageCode {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const browser = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  return matchLanguage(browser.filter(Boolean));
}

export async function initI18n(initial: LanguageCode): Promise<typeof i18n> {
  if (i18n.isInitialized) {
    await switchLanguage(initial, false);
    return i18n;
  }
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  await i18n.use(initReactI18next).init({
    lng: initial,
    fallbackLng: defaultLanguage,
    supportedLngs: languages.map((language) => language.code),
    load: 'currentOnly',
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    returnEmptyString: false,
  });
  await ensureLoaded(initial);
  await i18n.changeLanguage(initial);
  return i18n;
}

/** Switch the UI language; `remember` stores it as the user's explicit choice. */
export async function switchLanguage(code: LanguageCode, remember = true): Promise<void> {
  await ensureLoaded(code);
  await i18n.changeLanguage(code);
  if (remember) writeStoredLanguage(code);
}

export function currentLanguage(): LanguageCode {
  return isLanguageCode(i18n.resolvedLanguage) ? i18n.resolvedLanguage : defaultLanguage;
}

function readStoredLanguage(): LanguageCode | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguageCode(value) ? value : null;
  } catch {
    return null;
  }
}

function writeStoredLanguage(code: LanguageCode): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Private mode or storage disabled: the choice just isn't remembered.
  }
}

export { i18n };
