import { Anchor, CloseButton, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ticketPath } from '../../app/paths';
import { useRealtimeEvent } from '../../realtime/useRealtime';
import { agentsQuery } from '../tickets/ticketQueries';

interface Mention {
  ticketId: string;
  number: number;
  messageId: string;
  byUserId: string | null;
}

const KEEP = 5;

/** Mentions pushed to this agent while the workspace is open, newest first, until dismissed. */
export function MentionsList() {
  const { t } = useTranslation();
  const [mentions, setMentions] = useState<Mention[]>([]);
  const agents = useQuery(agentsQuery);
  useRealtimeEvent<Mention>('mention', (mention) => {
    setMentions((current) => [mention, ...current.filter((m) => m.messageId !== mention.messageId)].slice(0, KEEP));
  });
  if (!mentions.length) return null;
  const nameOf = (id: string | null) => agents.data?.find((agent) => agent.id === id)?.name ?? t('events.someone');

  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {t('inbox.mentions.title')}
      </Text>
      {mentions.map((mention) => (
        <Group key={mention.messageId} gap={4} wrap="nowrap" justify="space-between">
          <Anchor component={Link} to={ticketPath(mention.ticketId)} size="sm">
            {t('inbox.mentions.item', { name: nameOf(mention.byUserId), number: mention.number })}
          </Anchor>
          <CloseButton
            size="xs"
            aria-label={t('inbox.mentions.dismiss')}
            onClick={() => setMentions((current) => current.filter((m) => m.messageId !== mention.messageId))}
          />
        </Group>
      ))}
    </Stack>
  );
}
