import { Anchor, Avatar, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Ticket } from '../../api/types';
import { paths } from '../../app/paths';
import { useFormat } from '../../i18n/format';
import { PriorityBadge, StatusBadge } from '../tickets/TicketBadges';
import type { Viewer } from './useCollision';

interface TicketHeaderProps {
  ticket: Ticket;
  viewers: Viewer[];
  typing: Viewer[];
}

/** Number, subject and status, with who else is looking at the ticket right now. */
export function TicketHeader({ ticket, viewers, typing }: TicketHeaderProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const typingNames = typing.map((viewer) => viewer.name || t('events.someone'));
  return (
    <Stack gap={6}>
      <Anchor component={Link} to={paths.inbox} size="sm">
        ← {t('ticketPage.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} miw={0}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            <Text span c="dimmed" inherit>
              #{ticket.number}
            </Text>{' '}
            {ticket.subject}
          </Title>
          <Group gap="xs">
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            <Text size="sm" c="dimmed">
              {t('ticketPage.opened', { when: format.dateTime(ticket.createdAt) })}
            </Text>
          </Group>
        </Stack>
        {viewers.length ? (
          <Tooltip.Group>
            <Avatar.Group aria-label={t('ticketPage.viewers', { names: format.list(viewers.map((v) => v.name)) })} role="img">
              {viewers.slice(0, 4).map((viewer) => (
                <Tooltip key={viewer.userId} label={t('ticketPage.viewing', { name: viewer.name })} withArrow>
                  <Avatar name={viewer.name} color="initials" alt={viewer.name} />
                </Tooltip>
              ))}
              {viewers.length > 4 ? <Avatar>+{viewers.length - 4}</Avatar> : null}
            </Avatar.Group>
          </Tooltip.Group>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" fs="italic" aria-live="polite" mih={20}>
        {typingNames.length ? t('ticketPage.typing', { names: format.list(typingNames), count: typingNames.length }) : ''}
      </Text>
    </Stack>
  );
}
