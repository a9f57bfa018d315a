import { Anchor, Avatar, Button, Center, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ticketsApi } from '../../api/tickets.api';
import type { CustomerTicket, Message } from '../../api/types';
import { paths } from '../../app/paths';
import { ErrorState } from '../../components/ErrorState';
import { FormAlert } from '../../components/FormAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useErrorText } from '../../i18n/errorMessages';
import { useFormat } from '../../i18n/format';
import { useRealtimeEvent, useRealtimeRoom } from '../../realtime/useRealtime';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { AttachmentPicker, DropZone } from '../tickets/AttachmentPicker';
import { MessageBody } from '../tickets/MessageBody';
import { TicketLoadState } from '../tickets/TicketLoadState';
import { addToTimeline, ticketKeys, useTimeline } from '../tickets/ticketQueries';
import { useAttachmentUploads } from '../tickets/useAttachmentUploads';
import { PortalStatusBadge } from './PortalStatusBadge';
import { SatisfactionForm } from './SatisfactionForm';

/** One of the customer's tickets: the public conversation, a reply box, solve and rate. */
export function PortalTicketPage() {
  const { t } = useTranslation();
  const ticketId = useParams().ticketId ?? '';
  const ticket = useQuery({ queryKey: ticketKeys.detail(ticketId), queryFn: ({ signal }) => ticketsApi.getForCustomer(ticketId, signal) });
  usePageTitle(ticket.data ? ticket.data.subject : t('ticketPage.title'));

  return (
    <TicketLoadState query={ticket} back={{ to: paths.portal, label: t('portal.backToList') }}>
      {(data) => <Conversation key={ticketId} ticket={data} />}
    </TicketLoadState>
  );
}

function Conversation({ ticket }: { ticket: CustomerTicket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const timeline = useTimeline(queryClient, ticket.id);
  useRealtimeRoom(`conversation:${ticket.id}`);
  useRealtimeEvent<Message>('message.created', (message) => {
    if (message.ticketId === ticket.id) addToTimeline(queryClient, ticket.id, message);
  });
  const closed = ticket.status === 'closed';
  const solved = ticket.status === 'solved';

  return (
    <Stack gap="md">
      <Anchor component={Link} to={paths.portal} size="sm">
        ← {t('portal.backToList')}
      </Anchor>
      <Stack gap={4}>
        <Title order={2} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {ticket.subject}
        </Title>
        <Group gap="xs">
          <PortalStatusBadge status={ticket.status} />
          <Text size="sm" c="dimmed">
            #{ticket.number} · {t('portal.created', { when: format.dateTime(ticket.createdAt) })}
          </Text>
        </Group>
      </Stack>
      {timeline.isPending ? (
        <Center py="lg" role="status">
          <Loader size="sm" aria-label={t('ticketPage.loadingTimeline')} />
        </Center>
      ) : timeline.isError ? (
        <ErrorState
          title={t('ticketPage.timelineFailed')}
          message={errorText.describe(timeline.error)}
          onRetry={() => void timeline.refetch()}
          retryLabel={t('common.tryAgain')}
        />
      ) : (
        <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('ticketPage.timeline')}>
          {timeline.data.map((message) => (
            <Bubble key={message.id} message={message} />
          ))}
        </Stack>
      )}
      {solved ? <SatisfactionForm ticket={ticket} /> : null}
      {closed ? <FormAlert color="blue">{t('portal.closedNotice')}</FormAlert> : <ReplyBox ticket={ticket} />}
    </Stack>
  );
}

function Bubble({ message }: { message: Message }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const format = useFormat();
  const mine = message.author?.id === me.id;
  const author = mine ? t('portal.you') : (message.author?.name ?? t('portal.support'));
  return (
    <Group component="li" justify={mine ? 'flex-end' : 'flex-start'} wrap="nowrap" align="flex-start" gap="xs">
      {mine ? null : <Avatar name={author} color="initials" size={32} alt="" visibleFrom="xs" />}
      <Paper
        withBorder
        radius="lg"
        p="sm"
        maw="85%"
        bg={mine ? 'var(--mantine-primary-color-light)' : undefined}
        // Links (attachments) in shade 7 are 3.9:1 on the light primary background; shade 9 reads at 5.3:1.
        style={mine ? { '--mantine-color-anchor': 'var(--mantine-primary-color-9)' } : undefined}
      >
        <Group justify="space-between" gap="sm" mb={4} wrap="nowrap">
          <Text size="sm" fw={600}>
            {author}
          </Text>
          <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt}>
            {format.dateTime(message.createdAt)}
          </Text>
        </Group>
        <MessageBody message={message} />
      </Paper>
    </Group>
  );
}

function ReplyBox({ ticket }: { ticket: CustomerTicket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const uploads = useAttachmentUploads();
  const [text, setText] = useState('');
  const refreshLists = () => void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
  const reply = useMutation({
    mutationFn: () =>
      ticketsApi.addMessage(ticket.id, { kind: 'reply', bodyText: text, ...(uploads.ids.length ? { attachmentIds: uploads.ids } : {}) }),
    onSuccess: (result) => {
      if (result.message) addToTimeline(queryClient, ticket.id, result.message);
      setText('');
      uploads.reset();
      // A reply may reopen a solved ticket.
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
      refreshLists();
    },
  });
  const solve = useMutation({
    mutationFn: () => ticketsApi.markSolved(ticket.id),
    onSuccess: (next) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), next);
      refreshLists();
    },
  });
  const bodyError = errorText.field(reply.error, 'bodyText');
  const error = reply.error ?? solve.error;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && !uploads.busy) reply.mutate();
  };

  return (
    <DropZone onFiles={uploads.add}>
      <Paper withBorder radius="md" p="md" component="form" onSubmit={onSubmit}>
        <Stack gap="sm">
          {error && !bodyError ? <FormAlert>{errorText.describe(error)}</FormAlert> : null}
          <Textarea
            label={ticket.status === 'solved' ? t('portal.reply.reopenLabel') : t('portal.reply.label')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={bodyError}
            autosize
            minRows={3}
          />
          <AttachmentPicker uploads={uploads} disabled={reply.isPending} />
          <Group justify="space-between" gap="sm">
            {ticket.status === 'solved' ? (
              <span />
            ) : (
              <Button variant="default" onClick={() => solve.mutate()} loading={solve.isPending}>
                {t('portal.reply.markSolved')}
              </Button>
            )}
            <Button type="submit" loading={reply.isPending} disabled={!text.trim() || uploads.busy}>
              {t('portal.reply.send')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </DropZone>
  );
}
