import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { meApi } from '../../api/me.api';
import { switchLanguage } from '../../i18n/i18n';
import type { LanguageCode } from '../../i18n/languages';
import { sessionQuery, updateCurrentUser } from '../auth/session';

/** Switches the UI language, remembers it, and saves it to the profile when signed in. */
export function useChangeLanguage(): (code: LanguageCode) => Promise<void> {
  const queryClient = useQueryClient();
  // Not useSession(): the switcher is also shown when the session failed to load.
  const user = useQuery(sessionQuery).data?.user;
  const saveLocale = useMutation({
    mutationFn: (locale: LanguageCode) => meApi.update({ locale }),
    onSuccess: (me) => updateCurrentUser(queryClient, me),
  });
  const { mutate } = saveLocale;

  return useCallback(
    async (code: LanguageCode) => {
      await switchLanguage(code);
      if (user && user.locale !== code) {
        updateCurrentUser(queryClient, { locale: code });
        mutate(code);
      }
    },
    [mutate, queryClient, user],
  );
}
