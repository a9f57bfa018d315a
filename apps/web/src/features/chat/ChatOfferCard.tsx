import { Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { chatsApi } from '../../api/chat.api';
import { ticketsApi } from '../../api/tickets.api';
import { ticketPath } from '../../app/paths';
import { FormAlert } from '../../components/FormAlert';
import { useErrorText } from '../../i18n/errorMessages';
import { useNow } from '../../i18n/format';
import { ticketKeys } from '../tickets/ticketQueries';
import { formatWait, type Offer, secondsLeft } from './chatLogic';
import { liveChatsQuery, storeChat } from './chatQueries';

interface ChatOfferCardProps {
  offer: Offer;
  /** Removes the card; `note` is announced (e.g. "someone else took it"). */
  onDone: (note?: string) => void;
}

/** "Chinese (China)" for `zh-CN`, in the agent's language; the code itself if the browser cannot say. */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** One incoming chat: who, what they wrote, how long they waited, and the time left to accept. */
export function ChatOfferCard({ offer, onDone }: ChatOfferCardProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const titleId = useId();
  const bodyId = useId();
  const now = useNow(1000);
  // Wait time and language come from the session and the ticket; both load in the background.
  const chat = useQuery({ ...liveChatsQuery, select: (items) => items.find((item) => item.id === offer.sessionId) ?? null });
  const ticket = useQuery({ queryKey: ticketKeys.detail(offer.ticketId), queryFn: ({ signal }) => ticketsApi.get(offer.ticketId, signal) });

  const gone = (error: unknown) => isApiError(error, 'chat.offer_not_found') || isApiError(error, 'chat.not_found');
  const accept = useMutation({
    mutationFn: () => chatsApi.accept(offer.sessionId),
    onSuccess: (accepted) => {
      storeChat(queryClient, accepted);
      onDone();
      void navigate(ticketPath(offer.ticketId));
    },
    onError: (error) => {
      if (gone(error)) onDone(t('chat.offer.gone', { name: offer.visitorName }));
    },
  });
  const decline = useMutation({
    mutationFn: () => chatsApi.decline(offer.sessionId),
    onSuccess: (declined) => {
      storeChat(queryClient, declined);
      onDone();
    },
    onError: (error) => {
      if (gone(error)) onDone();
    },
  });

  const left = secondsLeft(offer.expiresAt, now);
  const since = chat.data ? (chat.data.queuedAt ?? chat.data.startedAt) : null;
  const failed = accept.error ?? decline.error;
  const busy = accept.isPending || decline.isPending;
  const visitor = offer.visitorName || t('chat.visitor');

  return (
    <Paper
      role="dialog"
      aria-modal={false}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid="chat-offer"
      data-session-id={offer.sessionId}
      withBorder
      shadow="lg"
      radius="md"
      p="md"
      w={340}
      maw="calc(100vw - 2rem)"
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text id={titleId} fw={700}>
            {offer.transferredBy ? t('chat.offer.transferTitle', { name: visitor }) : t('chat.offer.title', { name: visitor })}
          </Text>
          <Badge variant="light">#{offer.ticketNumber}</Badge>
        </Group>
        <Stack gap={4} id={bodyId}>
          {offer.preview ? (
            <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
              {offer.preview}
            </Text>
          ) : null}
          <Group gap="md">
            {ticket.data ? (
              <Text size="xs" c="dimmed">
                {t('chat.offer.language', {
                  language: ticket.data.language
                    ? languageName(ticket.data.language, i18n.resolvedLanguage ?? 'en')
                    : t('chat.offer.unknownLanguage'),
                })}
              </Text>
            ) : null}
            {since ? (
              <Text size="xs" c="dimmed">
                {t('chat.offer.waiting', { time: formatWait((now - Date.parse(since)) / 1000) })}
              </Text>
            ) : null}
          </Group>
          <Text size="xs" c={left <= 10 ? 'red' : 'dimmed'}>
            {t('chat.offer.expiresIn', { count: left })}
          </Text>
        </Stack>
        <OfferCountdown offer={offer} left={left} />
        {failed && !gone(failed) ? <FormAlert>{errorText.describe(failed)}</FormAlert> : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" disabled={busy} loading={decline.isPending} onClick={() => decline.mutate()}>
            {t('chat.offer.decline')}
          </Button>
          <Button size="xs" color="green" disabled={busy} loading={accept.isPending} onClick={() => accept.mutate()}>
            {t('chat.offer.accept')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The time left as a bar; the whole bar is the time the offer had when it appeared. */
function OfferCountdown({ offer, left }: { offer: Offer; left: number }) {
  const { t } = useTranslation();
  const [total] = useState(() => secondsLeft(offer.expiresAt, Date.now()));
  return (
    <Progress
      value={total ? (left / total) * 100 : 0}
      size="sm"
      color={left <= 10 ? 'red' : 'blue'}
      aria-label={t('chat.offer.timeLeft')}
    />
  );
}
