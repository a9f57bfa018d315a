import { Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ticketsApi } from '../../api/tickets.api';
import { paths, portalTicketPath } from '../../app/paths';
import { ErrorState } from '../../components/ErrorState';
import { usePageTitle } from '../../components/usePageTitle';
import { useErrorText } from '../../i18n/errorMessages';
import { useFormat, useNow } from '../../i18n/format';
import { ticketKeys } from '../tickets/ticketQueries';
import { PortalStatusBadge } from './PortalStatusBadge';

const PAGE_SIZE = 25;

/** The customer's tickets (and those they follow), most recently updated first. */
export function MyTicketsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const errorText = useErrorText();
  usePageTitle(t('portal.myTickets'));
  const list = useInfiniteQuery({
    queryKey: ticketKeys.list({ portal: true }),
    queryFn: ({ pageParam, signal }) => ticketsApi.listMine({ cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Title order={2} size="h2">
        {t('portal.myTickets')}
      </Title>
      {list.isPending ? (
        <Center py="xl" role="status">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : list.isError ? (
        <ErrorState
          title={t('portal.loadFailed')}
          message={errorText.describe(list.error)}
          onRetry={() => void list.refetch()}
          retryLabel={t('common.tryAgain')}
        />
      ) : items.length === 0 ? (
        <Paper withBorder radius="md" p="xl" ta="center">
          <Stack align="center" gap="sm">
            <Text fw={600}>{t('portal.empty')}</Text>
            <Text c="dimmed" size="sm">
              {t('portal.emptyHint')}
            </Text>
            <Button component={Link} to={paths.portalNewTicket}>
              {t('portal.newTicket')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('portal.myTickets')}>
          {items.map((ticket) => (
            <Paper key={ticket.id} component="li" withBorder radius="md" p="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <Stack gap={4} miw={0}>
                  <Text
                    component={Link}
                    to={portalTicketPath(ticket.id)}
                    fw={600}
                    c="var(--mantine-color-anchor)"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {ticket.subject}
                  </Text>
                  <Text size="sm" c="dimmed">
                    #{ticket.number} · {t('portal.updated', { when: format.relative(ticket.updatedAt, now) })}
                  </Text>
                </Stack>
                <PortalStatusBadge status={ticket.status} />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {list.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('inbox.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
