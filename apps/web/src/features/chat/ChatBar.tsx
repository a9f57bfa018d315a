import { Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgentChat, chatsApi } from '../../api/chat.api';
import type { Message, Ticket } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { lastSeqOf } from '../tickets/timeline';
import { lastReplyState } from './chatLogic';
import { storeChat, useTicketChat } from './chatQueries';
import { TransferChatDialog } from './TransferChatDialog';
import { useChatRoom, useMarkChatRead } from './useChatRoom';

const STATE_COLORS = { bot: 'grape', queued: 'yellow', offered: 'yellow', active: 'green', offline: 'gray', ended: 'gray' } as const;

/** Above the composer of a web chat ticket with a live chat: the visitor's state and the chat's actions. */
export function ChatBar({ ticket, messages }: { ticket: Ticket; messages: readonly Message[] }) {
  const chat = useTicketChat(ticket.id, ticket.channel === 'web_chat');
  return chat ? <LiveChatBar key={chat.id} chat={chat} messages={messages} /> : null;
}

function LiveChatBar({ chat, messages }: { chat: AgentChat; messages: readonly Message[] }) {
  const { t } = useTranslation();
  const room = useChatRoom(chat);
  useMarkChatRead(chat.id, lastSeqOf(messages), room.cursors.agentReadSeq);
  const [transferring, setTransferring] = useState(false);
  const delivery = lastReplyState(messages, room.cursors);
  const others = room.agentsHere.length > 1 ? room.agentsHere : [];

  return (
    <Paper withBorder radius="md" px="md" py="xs" role="region" aria-label={t('chat.bar.label')} data-testid="chat-bar">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={2} miw={0}>
          <Group gap="xs" wrap="wrap">
            <Badge color={STATE_COLORS[chat.state]} variant="light" data-testid="chat-state">
              {t(`chat.states.${chat.state}`)}
            </Badge>
            <Text size="sm" fw={500}>
              {chat.visitor.name || t('chat.visitor')}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" role="status" aria-live="polite" data-testid="chat-visitor-status">
            {room.visitorTyping
              ? t('chat.bar.typing', { name: chat.visitor.name || t('chat.visitor') })
              : delivery
                ? t(`chat.bar.delivery.${delivery}`)
                : ''}
          </Text>
          {others.length ? (
            <Text size="xs" c="dimmed">
              {t('chat.bar.agentsHere', { names: others.join(', ') })}
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setTransferring(true)}>
            {t('chat.bar.transfer')}
          </Button>
          <EndChatButton chat={chat} />
        </Group>
      </Group>
      {transferring ? <TransferChatDialog chat={chat} onClose={() => setTransferring(false)} /> : null}
    </Paper>
  );
}

function EndChatButton({ chat }: { chat: AgentChat }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [opened, { open, close }] = useDisclosure(false);
  const end = useMutation({
    mutationFn: () => chatsApi.end(chat.id),
    onSuccess: (ended) => {
      close();
      storeChat(queryClient, ended);
    },
  });
  const dismiss = () => {
    end.reset();
    close();
  };
  return (
    <>
      <Button size="xs" variant="light" color="red" onClick={open}>
        {t('chat.bar.end')}
      </Button>
      <Modal opened={opened} onClose={dismiss} title={t('chat.bar.endTitle')}>
        <Stack gap="md">
          <Text>{t('chat.bar.endBody', { name: chat.visitor.name || t('chat.visitor') })}</Text>
          {end.error ? <FormAlert>{errorText.describe(end.error)}</FormAlert> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={dismiss}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={end.isPending} onClick={() => end.mutate()}>
              {t('chat.bar.endConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
