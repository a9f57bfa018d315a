import { useEffect } from 'react';
import { switchLanguage } from '../../i18n/i18n';
import { isLanguageCode } from '../../i18n/languages';
import { useSession } from './session';

/** When someone signs in, the UI follows the language saved in their profile. */
export function useUserLocaleSync(): void {
  const { user } = useSession();
  const userId = user?.id;
  const locale = user?.locale;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new sign-in should switch; later locale edits come from the switcher itself
  useEffect(() => {
    if (userId && isLanguageCode(locale)) void switchLanguage(locale);
  }, [userId]);
}
