import { Anchor, Avatar, Group, Paper, Rating, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ticketsApi } from '../../api/tickets.api';
import type { Ticket } from '../../api/types';
import { ticketPath } from '../../app/paths';
import { useFormat } from '../../i18n/format';
import { StatusBadge } from '../tickets/TicketBadges';
import { ticketKeys } from '../tickets/ticketQueries';

const PREVIOUS = 5;

/** Who asked, how to reach them, and their other tickets with any satisfaction ratings. */
export function RequesterCard({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const requester = ticket.requester;
  const others = useQuery({
    queryKey: ticketKeys.list({ requester: requester.id }),
    queryFn: ({ signal }) => ticketsApi.list({ requesterId: [requester.id], limit: PREVIOUS + 1 }, signal),
  });
  const previous = (others.data?.items ?? []).filter((item) => item.id !== ticket.id).slice(0, PREVIOUS);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="requester-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="requester-title">
          {t('ticketPage.requester.title')}
        </Title>
        <Group gap="sm" wrap="nowrap">
          <Avatar name={requester.name} color="initials" alt="" />
          <Stack gap={0} miw={0}>
            <Text fw={600} truncate="end">
              {requester.name}
            </Text>
            {requester.email ? (
              <Anchor href={`mailto:${requester.email}`} size="sm" truncate="end">
                {requester.email}
              </Anchor>
            ) : null}
          </Stack>
        </Group>
        <Text size="sm" fw={600}>
          {t('ticketPage.requester.previous')}
        </Text>
        {others.isPending ? (
          <Text size="sm" c="dimmed">
            {t('app.loading')}
          </Text>
        ) : others.isError ? (
          <Text size="sm" c="dimmed">
            {t('ticketPage.requester.previousFailed')}
          </Text>
        ) : previous.length ? (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {previous.map((item) => (
              <Stack key={item.id} gap={2} component="li">
                <Anchor component={Link} to={ticketPath(item.id)} size="sm" lineClamp={1}>
                  #{item.number} {item.subject}
                </Anchor>
                <Group gap="xs">
                  <StatusBadge status={item.status} />
                  <Text size="xs" c="dimmed">
                    {format.relative(item.createdAt)}
                  </Text>
                  {item.satisfaction ? (
                    <Rating
                      value={item.satisfaction}
                      readOnly
                      size="xs"
                      aria-label={t('ticketPage.requester.rated', { score: item.satisfaction })}
                    />
                  ) : null}
                </Group>
              </Stack>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('ticketPage.requester.none')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
