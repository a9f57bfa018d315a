import { Anchor, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ticketsApi } from '../../api/tickets.api';
import type { TicketListItem } from '../../api/types';
import { ticketPath } from '../../app/paths';
import { useErrorText } from '../../i18n/errorMessages';
import { StatusBadge } from '../tickets/TicketBadges';
import { ticketKeys } from '../tickets/ticketQueries';

const RESULTS = 8;
const MIN_QUERY = 2;

interface TicketPickerProps {
  label: string;
  /** The button on each result, e.g. "Link" or "Choose". */
  actionLabel: string;
  onPick: (ticket: TicketListItem) => void;
  /** Tickets that cannot be picked (this one, those already linked, closed ones for a merge). */
  isExcluded: (ticket: TicketListItem) => boolean;
  busyId?: string | null;
}

/** Finds a ticket through the ticket search and offers each hit with one action. */
export function TicketPicker({ label, actionLabel, onPick, isExcluded, busyId }: TicketPickerProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [value, setValue] = useState('');
  const [term] = useDebouncedValue(value.trim(), 300);
  const enabled = term.length >= MIN_QUERY;
  const results = useQuery({
    queryKey: ticketKeys.list({ picker: term }),
    queryFn: ({ signal }) => ticketsApi.list({ q: term, limit: RESULTS }, signal),
    enabled,
  });
  const items = (results.data?.items ?? []).filter((item) => !isExcluded(item));

  return (
    <Stack gap="xs">
      <TextInput
        type="search"
        label={label}
        placeholder={t('ticketPage.links.searchPlaceholder')}
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        rightSection={enabled && results.isFetching ? <Loader size="xs" aria-label={t('ticketPage.links.searching')} /> : null}
        data-autofocus
      />
      {!enabled || results.isPending ? null : results.isError ? (
        <Text size="sm" c="red" role="alert">
          {errorText.describe(results.error)}
        </Text>
      ) : !items.length ? (
        <Text size="sm" c="dimmed" role="status">
          {t('ticketPage.links.noResults', { q: term })}
        </Text>
      ) : (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('ticketPage.links.results')}>
          {items.map((item) => (
            <Group key={item.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap" miw={0}>
                <StatusBadge status={item.status} />
                <Anchor component={Link} to={ticketPath(item.id)} size="sm" lineClamp={1} target="_blank">
                  #{item.number} {item.subject}
                </Anchor>
              </Group>
              <Button
                size="compact-xs"
                variant="light"
                loading={busyId === item.id}
                aria-label={`${actionLabel} #${item.number}`}
                onClick={() => onPick(item)}
              >
                {actionLabel}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
