import { Checkbox, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketFilters } from '../../api/types';
import { CHANNELS, PRIORITIES, STATUSES } from '../admin/ui/ticketValues';
import { localizedLabel } from '../tickets/CustomFieldInput';
import { agentsQuery, categoriesQuery, customFieldsQuery, teamsQuery } from '../tickets/ticketQueries';
import { type DayRanges, SLA_FILTER_STATES, type ViewDraft } from './viewFilters';

type Filters = ViewDraft['filters'];
type ListKey = 'status' | 'priority' | 'channel' | 'sla' | 'assignee' | 'team' | 'categoryId' | 'tags' | 'excludeTags' | 'language';

interface Props {
  filters: Filters;
  days: DayRanges;
  onFilters: (next: Filters) => void;
  onDays: (next: DayRanges) => void;
  /** The server's error for `filters.<name>`, if any. */
  errorOf: (name: string) => string | undefined;
}

const normalizeTags = (tags: string[]) => [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];

/** Every filter a view can hold; lists mean "any of these", fields combine with "and". */
export const ViewFilterFields = memo(function ViewFilterFields({ filters, days, onFilters, onDays, errorOf }: Props) {
  const { t } = useTranslation();
  const set = (key: ListKey, values: string[]) => onFilters({ ...filters, [key]: values });
  const list = (key: ListKey) => (filters[key] as string[] | undefined) ?? [];
  const checks = (key: 'status' | 'priority' | 'channel' | 'sla', label: string, options: { value: string; label: string }[]) => (
    <Checkbox.Group label={label} value={list(key)} onChange={(values) => set(key, values)} error={errorOf(key)}>
      <Group gap="sm" mt={4}>
        {options.map((option) => (
          <Checkbox key={option.value} value={option.value} label={option.label} />
        ))}
      </Group>
    </Checkbox.Group>
  );

  return (
    <Stack gap="md">
      {checks(
        'status',
        t('views.fields.status'),
        STATUSES.map((value) => ({ value, label: t(`ticket.status.${value}`) })),
      )}
      {checks(
        'priority',
        t('views.fields.priority'),
        PRIORITIES.map((value) => ({ value, label: t(`ticket.priority.${value}`) })),
      )}
      {checks(
        'channel',
        t('views.fields.channel'),
        CHANNELS.map((value) => ({ value, label: t(`admin.channels.${value}`) })),
      )}
      {checks(
        'sla',
        t('views.fields.sla'),
        SLA_FILTER_STATES.map((value) => ({ value, label: value === 'none' ? t('views.slaNone') : t(`ticket.sla.${value}`) })),
      )}
      <PeopleFields filters={filters} set={set} errorOf={errorOf} />
      <TagFields filters={filters} onFilters={onFilters} errorOf={errorOf} />
      <TagsInput
        label={t('views.fields.language')}
        description={t('views.languageHint')}
        value={list('language')}
        onChange={(values) => set('language', values.map((value) => value.trim()).filter(Boolean))}
        error={errorOf('language')}
        splitChars={[',', ' ']}
      />
      <DayFields days={days} onDays={onDays} errorOf={errorOf} />
      <CustomFieldFilters filters={filters} onFilters={onFilters} errorOf={errorOf} />
    </Stack>
  );
});

function PeopleFields({ filters, set, errorOf }: Pick<Props, 'filters' | 'errorOf'> & { set: (key: ListKey, values: string[]) => void }) {
  const { t } = useTranslation();
  const agents = useQuery(agentsQuery);
  const teams = useQuery(teamsQuery);
  const categories = useQuery(categoriesQuery);
  // Ids the lists do not know (a removed agent) stay selectable, so editing a view never drops them silently.
  const keep = (values: readonly string[] | undefined, known: { value: string }[]) =>
    (values ?? [])
      .filter((value) => !known.some((option) => option.value === value))
      .map((value) => ({ value, label: t('views.unknown') }));
  const assigneeOptions = [
    { value: 'me', label: t('views.assigneeMe') },
    { value: 'unassigned', label: t('inbox.unassigned') },
    ...(agents.data ?? []).map((agent) => ({ value: agent.id, label: agent.name })),
  ];
  const teamOptions = [
    { value: 'mine', label: t('views.teamMine') },
    { value: 'none', label: t('ticketPage.noTeam') },
    ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
  ];
  const categoryOptions = (categories.data ?? []).map((category) => ({ value: category.id, label: category.name }));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <MultiSelect
        label={t('views.fields.assignee')}
        data={[...assigneeOptions, ...keep(filters.assignee, assigneeOptions)]}
        value={filters.assignee ?? []}
        onChange={(values) => set('assignee', values)}
        error={errorOf('assignee')}
        searchable
      />
      <MultiSelect
        label={t('views.fields.team')}
        data={[...teamOptions, ...keep(filters.team, teamOptions)]}
        value={filters.team ?? []}
        onChange={(values) => set('team', values)}
        error={errorOf('team')}
        searchable
      />
      <MultiSelect
        label={t('views.fields.category')}
        data={[...categoryOptions, ...keep(filters.categoryId, categoryOptions)]}
        value={filters.categoryId ?? []}
        onChange={(values) => set('categoryId', values)}
        error={errorOf('categoryId')}
        searchable
      />
    </SimpleGrid>
  );
}

function TagFields({ filters, onFilters, errorOf }: Pick<Props, 'filters' | 'onFilters' | 'errorOf'>) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Stack gap={4}>
        <TagsInput
          label={t('views.fields.tags')}
          value={filters.tags ?? []}
          onChange={(tags) => onFilters({ ...filters, tags: normalizeTags(tags) })}
          error={errorOf('tags')}
          splitChars={[',', ' ']}
        />
        <NativeSelect
          aria-label={t('views.fields.tagsMode')}
          size="xs"
          value={filters.tagsMode ?? 'any'}
          onChange={(event) => onFilters({ ...filters, tagsMode: event.currentTarget.value as TicketFilters['tagsMode'] })}
          data={[
            { value: 'any', label: t('views.tagsAny') },
            { value: 'all', label: t('views.tagsAll') },
          ]}
          disabled={!filters.tags?.length}
        />
      </Stack>
      <TagsInput
        label={t('views.fields.excludeTags')}
        value={filters.excludeTags ?? []}
        onChange={(tags) => onFilters({ ...filters, excludeTags: normalizeTags(tags) })}
        error={errorOf('excludeTags')}
        splitChars={[',', ' ']}
      />
    </SimpleGrid>
  );
}

function DayFields({ days, onDays, errorOf }: Pick<Props, 'days' | 'onDays' | 'errorOf'>) {
  const { t } = useTranslation();
  const day = (key: keyof DayRanges, label: string, error: string | undefined) => (
    <TextInput
      type="date"
      label={label}
      value={days[key]}
      onChange={(event) => onDays({ ...days, [key]: event.currentTarget.value })}
      error={error}
    />
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {day('createdFrom', t('views.fields.createdFrom'), errorOf('created'))}
      {day('createdTo', t('views.fields.createdTo'), undefined)}
      {day('updatedFrom', t('views.fields.updatedFrom'), errorOf('updated'))}
      {day('updatedTo', t('views.fields.updatedTo'), undefined)}
    </SimpleGrid>
  );
}

/** Choice fields only: their values are known, so they can be picked rather than typed. */
function CustomFieldFilters({ filters, onFilters, errorOf }: Pick<Props, 'filters' | 'onFilters' | 'errorOf'>) {
  const { i18n } = useTranslation();
  const fields = useQuery(customFieldsQuery);
  const choice = (fields.data ?? [])
    .filter((field) => !field.archived && (field.type === 'dropdown' || field.type === 'multi_select'))
    .sort((a, b) => a.position - b.position);
  if (!choice.length) return null;
  const language = i18n.resolvedLanguage ?? 'en';
  const current = filters.customFields ?? {};
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {choice.map((field) => (
        <MultiSelect
          key={field.id}
          label={localizedLabel(field.labels, field.label, language)}
          data={field.options.map((option) => ({ value: option.value, label: localizedLabel(option.labels, option.label, language) }))}
          value={(current[field.key] ?? []).map(String)}
          onChange={(values) => onFilters({ ...filters, customFields: { ...current, [field.key]: values } })}
          error={errorOf(`customFields.${field.key}`)}
        />
      ))}
    </SimpleGrid>
  );
}
