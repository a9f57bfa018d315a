import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/i18n';
import { isLanguageCode, languages } from '../../i18n/languages';
import { useChangeLanguage } from './useChangeLanguage';

const options = languages.map((language) => ({ value: language.code, label: language.nativeName }));

export function LanguageSwitcher() {
  // useTranslation re-renders this component whenever the language changes.
  const { t } = useTranslation();
  const changeLanguage = useChangeLanguage();

  return (
    <NativeSelect
      aria-label={t('language.label')}
      data={options}
      value={currentLanguage()}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLanguageCode(next)) void changeLanguage(next);
      }}
      leftSection={<GlobeIcon />}
      size="xs"
      w={128}
    />
  );
}

function GlobeIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
    </svg>
  );
}
