import { Avatar, Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../api/types';
import { type Formatters, useFormat } from '../../i18n/format';
import { MessageBody } from '../tickets/MessageBody';
import { describeEvent, type EventContext } from './describeEvent';
import { useTicketLookups } from './useTicketLookups';

/** The whole conversation, oldest first: replies, internal notes (yellow) and events as sentences. */
export function Timeline({
  messages,
  messageActions,
}: {
  messages: readonly Message[];
  /** Extra actions shown on a reply or note (e.g. split into a new ticket). */
  messageActions?: (message: Message) => ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const context = useTicketLookups();
  return (
    <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('ticketPage.timeline')}>
      {messages.map((message) => (
        <Box component="li" key={message.id}>
          {message.kind === 'event' ? (
            <EventLine message={message} context={context} format={format} />
          ) : (
            <MessageCard message={message} format={format} actions={messageActions?.(message)} />
          )}
        </Box>
      ))}
    </Stack>
  );
}

function EventLine({ message, context, format }: { message: Message; context: EventContext; format: Formatters }) {
  return (
    <Group gap="xs" px="sm" wrap="nowrap" align="baseline">
      <Stack gap={0}>
        {describeEvent(message, context).map((sentence) => (
          <Text key={sentence} size="sm" c="dimmed">
            {sentence}
          </Text>
        ))}
      </Stack>
      <Text size="xs" c="dimmed" title={format.dateTime(message.createdAt)} style={{ whiteSpace: 'nowrap' }}>
        · {format.relative(message.createdAt)}
      </Text>
    </Group>
  );
}

function MessageCard({ message, format, actions }: { message: Message; format: Formatters; actions?: ReactNode }) {
  const { t } = useTranslation();
  const note = message.kind === 'note';
  const author = message.author?.name ?? t('events.system');
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      bg={note ? 'var(--mantine-color-yellow-0)' : undefined}
      style={note ? { borderColor: 'var(--mantine-color-yellow-4)' } : undefined}
      data-kind={message.kind}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Avatar name={author} color="initials" size={28} alt="" />
          <Text fw={600} size="sm" truncate="end">
            {author}
          </Text>
          {note ? (
            <Badge color="yellow" variant="light" size="sm">
              {t('ticketPage.internalNote')}
            </Badge>
          ) : message.author?.kind === 'customer' ? (
            <Badge color="gray" variant="light" size="sm">
              {t('ticketPage.customer')}
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt} style={{ whiteSpace: 'nowrap' }}>
          {format.dateTime(message.createdAt)}
        </Text>
      </Group>
      <MessageBody message={message} />
      {actions}
    </Paper>
  );
}
