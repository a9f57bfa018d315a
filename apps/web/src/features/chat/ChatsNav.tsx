import { Badge, Group, NavLink, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useMatch } from 'react-router';
import { paths, ticketPath } from '../../app/paths';
import { useFormat, useNow } from '../../i18n/format';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { teamsQuery } from '../tickets/ticketQueries';
import { formatWait, queueSummaries } from './chatLogic';
import { liveChatsQuery, useCanHandleChats } from './chatQueries';

/** Sidebar section: my live chats and the waiting queues, live from the staff room. */
export function ChatsNav() {
  const canHandle = useCanHandleChats();
  return canHandle ? <ChatsNavList /> : null;
}

function ChatsNavList() {
  const { t } = useTranslation();
  const me = useCurrentUser().id;
  const format = useFormat();
  const now = useNow(1000);
  const chats = useQuery(liveChatsQuery);
  const teams = useQuery(teamsQuery);
  const openTicket = useMatch(`${paths.inbox}/tickets/:ticketId`)?.params.ticketId ?? null;
  const list = chats.data ?? [];
  const mine = list.filter((chat) => chat.agentId === me && chat.state === 'active');
  const queues = queueSummaries(list);
  const teamName = (id: string | null) =>
    id ? (teams.data?.find((team) => team.id === id)?.name ?? t('chat.nav.team')) : t('chat.nav.noTeam');

  return (
    <Stack gap={4} aria-labelledby="chats-nav-title" role="group" data-testid="chats-nav">
      <Text id="chats-nav-title" size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
        {t('chat.nav.title')}
      </Text>
      {mine.map((chat) => (
        <NavLink
          key={chat.id}
          component={Link}
          to={ticketPath(chat.ticketId)}
          label={chat.visitor.name || t('chat.visitor')}
          description={`#${chat.ticketNumber}`}
          active={chat.ticketId === openTicket}
          aria-current={chat.ticketId === openTicket ? 'page' : undefined}
          rightSection={<Badge size="xs" color="green" variant="dot" aria-hidden />}
        />
      ))}
      {chats.isSuccess && !mine.length ? (
        <Text size="sm" c="dimmed" px="sm">
          {t('chat.nav.noChats')}
        </Text>
      ) : null}
      {chats.isError ? (
        <Text size="sm" c="dimmed" px="sm" role="alert">
          {t('chat.nav.failed')}
        </Text>
      ) : null}
      {queues.map((queue) => (
        <Group key={queue.teamId ?? 'none'} justify="space-between" gap={4} px="sm" wrap="nowrap" data-testid="chat-queue">
          <Text size="sm" truncate>
            {teamName(queue.teamId)}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('chat.nav.waiting', {
              count: queue.waiting,
              number: format.number(queue.waiting),
              time: formatWait((now - Date.parse(queue.oldestSince)) / 1000),
            })}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
