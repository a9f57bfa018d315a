import { ActionIcon, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type UseQueryResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type LinkedTicket, ticketLinksApi } from '../../api/tickets.api';
import type { Ticket } from '../../api/types';
import { ticketPath } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { useRealtimeEvent } from '../../realtime/useRealtime';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { StatusBadge } from '../tickets/TicketBadges';
import { linksKey, refreshAfterLinkChange } from './linkQueries';
import { MergeDialog } from './MergeTicket';
import { TicketPicker } from './TicketPicker';

/** Related tickets: open them, link another by search, unlink, or merge this one into another. */
export function LinkedTickets({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [merging, setMerging] = useState(false);
  const links = useQuery({ queryKey: linksKey(ticket.id), queryFn: ({ signal }) => ticketLinksApi.links(ticket.id, signal) });
  const linkedIds = new Set((links.data?.items ?? []).map((item) => item.id));
  const canUpdate = me.permissions.includes('ticket.update');
  const canMerge = me.permissions.includes('ticket.merge') && !ticket.mergedIntoId && ticket.status !== 'closed';

  // Someone else linking or merging changes this ticket's timeline; the list follows it.
  useRealtimeEvent<{ id: string }>('ticket.changed', (change) => {
    if (change.id === ticket.id || linkedIds.has(change.id)) void queryClient.invalidateQueries({ queryKey: linksKey(ticket.id) });
  });

  const link = useMutation({
    mutationFn: (otherId: string) => ticketLinksApi.link(ticket.id, otherId),
    onSuccess: (other) => {
      setAdding(false);
      refreshAfterLinkChange(queryClient, [ticket.id, other.id]);
    },
  });
  const unlink = useMutation({
    mutationFn: (otherId: string) => ticketLinksApi.unlink(ticket.id, otherId),
    onSuccess: (_done, otherId) => refreshAfterLinkChange(queryClient, [ticket.id, otherId]),
  });
  const actionError = link.error ?? unlink.error;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="linked-tickets-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="linked-tickets-title">
            {t('ticketPage.links.title')}
          </Title>
          {canMerge ? (
            <Button size="compact-sm" variant="subtle" onClick={() => setMerging(true)}>
              {t('ticketPage.links.mergeInto')}
            </Button>
          ) : null}
        </Group>
        {actionError ? <FormAlert>{errorText.describe(actionError)}</FormAlert> : null}
        <LinkList
          links={links}
          unlinking={unlink.isPending ? unlink.variables : null}
          onUnlink={canUpdate ? (id) => unlink.mutate(id) : null}
        />
        {canUpdate && adding ? (
          <TicketPicker
            label={t('ticketPage.links.findLabel')}
            actionLabel={t('ticketPage.links.link')}
            isExcluded={(item) => item.id === ticket.id || linkedIds.has(item.id)}
            onPick={(item) => link.mutate(item.id)}
            busyId={link.isPending ? link.variables : null}
          />
        ) : null}
        {canUpdate ? (
          <Group justify="flex-end">
            <Anchor component="button" type="button" size="xs" onClick={() => setAdding(!adding)}>
              {adding ? t('common.cancel') : t('ticketPage.links.add')}
            </Anchor>
          </Group>
        ) : null}
      </Stack>
      {merging ? <MergeDialog ticket={ticket} onClose={() => setMerging(false)} /> : null}
    </Paper>
  );
}

interface LinkListProps {
  links: UseQueryResult<{ items: LinkedTicket[] }>;
  unlinking: string | null;
  /** Null when the user may not change links. */
  onUnlink: ((otherId: string) => void) | null;
}

function LinkList({ links, unlinking, onUnlink }: LinkListProps) {
  const { t } = useTranslation();
  return links.isPending ? (
    <Text size="sm" c="dimmed" role="status">
      {t('app.loading')}
    </Text>
  ) : links.isError ? (
    <Group gap="xs">
      <Text size="sm" c="dimmed" role="alert">
        {t('ticketPage.links.failed')}
      </Text>
      <Button size="compact-xs" variant="subtle" onClick={() => void links.refetch()}>
        {t('common.tryAgain')}
      </Button>
    </Group>
  ) : links.data.items.length ? (
    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('ticketPage.links.title')}>
      {links.data.items.map((item) => (
        <Group key={item.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <StatusBadge status={item.status} />
            <Anchor component={Link} to={ticketPath(item.id)} size="sm" lineClamp={1}>
              #{item.number} {item.subject}
            </Anchor>
          </Group>
          {onUnlink ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              loading={unlinking === item.id}
              aria-label={t('ticketPage.links.remove', { number: item.number })}
              onClick={() => onUnlink(item.id)}
            >
              <span aria-hidden>×</span>
            </ActionIcon>
          ) : null}
        </Group>
      ))}
    </Stack>
  ) : (
    <Text size="sm" c="dimmed">
      {t('ticketPage.links.none')}
    </Text>
  );
}
