import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { agentsQuery } from '../tickets/ticketQueries';

/** A staff member's name by id, for authors and reviewers; "a former teammate" when unknown. */
export function usePersonName() {
  const { t } = useTranslation();
  const agents = useQuery(agentsQuery);
  return useCallback(
    (id: string | null) => (id ? (agents.data?.find((a) => a.id === id)?.name ?? t('kb.someone')) : t('kb.someone')),
    [agents.data, t],
  );
}
