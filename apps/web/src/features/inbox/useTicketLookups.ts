import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { localizedLabel } from '../tickets/CustomFieldInput';
import { agentsQuery, categoriesQuery, customFieldsQuery, teamsQuery } from '../tickets/ticketQueries';
import type { EventContext } from './describeEvent';

/**
 * Names for the ids a ticket carries (agents, teams, categories, custom field keys), in the UI
 * language. Lists that failed to load leave names unresolved rather than failing the screen.
 */
export function useTicketLookups(): EventContext {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const agents = useQuery(agentsQuery);
  const teams = useQuery(teamsQuery);
  const categories = useQuery(categoriesQuery);
  const fields = useQuery(customFieldsQuery);
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(
    () => ({
      t,
      list: format.list,
      agentName: (id) => agents.data?.find((agent) => agent.id === id)?.name,
      teamName: (id) => teams.data?.find((team) => team.id === id)?.name,
      categoryName: (id) => {
        const category = categories.data?.find((candidate) => candidate.id === id);
        return category ? localizedLabel(category.names, category.name, language) : undefined;
      },
      fieldLabel: (key) => {
        const field = fields.data?.find((candidate) => candidate.key === key);
        return field ? localizedLabel(field.labels, field.label, language) : key;
      },
    }),
    [t, format.list, agents.data, teams.data, categories.data, fields.data, language],
  );
}
