import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { searchLocale } from './kbQueries';

/** The server-rendered help center in the reader's language (a full page load, not a route). */
export function HelpCenterLink() {
  const { t, i18n } = useTranslation();
  return (
    <Button component="a" href={`/hc/${searchLocale(i18n.resolvedLanguage) ?? 'en'}`} variant="default">
      {t('kb.helpCenter')}
    </Button>
  );
}
