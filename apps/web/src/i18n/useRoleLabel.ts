import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Translated role name; unknown (custom) roles are shown as the server sends them. */
export function useRoleLabel(): (role: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (role: string) => {
      const key = `roles.${role}`;
      return i18n.exists(key) ? (t as unknown as (k: string) => string)(key) : role;
    },
    [i18n, t],
  );
}
