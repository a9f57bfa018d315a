import { Center, Grid, Loader, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ticketsApi } from '../../api/tickets.api';
import type { Message, Ticket } from '../../api/types';
import { paths } from '../../app/paths';
import { ErrorState } from '../../components/ErrorState';
import { usePageTitle } from '../../components/usePageTitle';
import { useErrorText } from '../../i18n/errorMessages';
import { ChatBar } from '../chat/ChatBar';
import { CreateArticleFromReply } from '../kb/CreateArticleFromReply';
import { TicketLoadState } from '../tickets/TicketLoadState';
import { ticketKeys, useTimeline } from '../tickets/ticketQueries';
import { lastSeqOf } from '../tickets/timeline';
import { ComposerWithSchedule } from './Composer';
import { HandoffBriefing } from './HandoffBriefing';
import { LinkedTickets } from './LinkedTickets';
import { MergedBanner } from './MergeTicket';
import { RequesterCard } from './RequesterCard';
import { SlaClocks } from './SlaClocks';
import { SplitMessage } from './SplitMessage';
import { TicketHeader } from './TicketHeader';
import { TicketSidePanel } from './TicketSidePanel';
import { Timeline } from './Timeline';
import { TranslateMessage } from './TranslateMessage';
import { useTicketRoom, useTypingSignal } from './useCollision';

/** One ticket: conversation and composer, fields, requester and SLA, live. */
export function TicketPage() {
  const { t } = useTranslation();
  const ticketId = useParams().ticketId ?? '';
  const ticket = useQuery({ queryKey: ticketKeys.detail(ticketId), queryFn: ({ signal }) => ticketsApi.get(ticketId, signal) });
  usePageTitle(ticket.data ? `#${ticket.data.number} ${ticket.data.subject}` : t('ticketPage.title'));

  return (
    <TicketLoadState query={ticket} back={{ to: paths.inbox, label: t('ticketPage.back') }}>
      {(data) => <TicketWorkspace key={ticketId} ticket={data} />}
    </TicketLoadState>
  );
}

function TicketWorkspace({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const timeline = useTimeline(queryClient, ticket.id);
  const room = useTicketRoom(ticket.id);
  const typing = useTypingSignal(ticket.id);
  const messages: Message[] = timeline.data ?? [];

  return (
    <Stack gap="md">
      <TicketHeader ticket={ticket} viewers={room.viewers} typing={room.typing} />
      {ticket.mergedIntoId ? <MergedBanner targetId={ticket.mergedIntoId} /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <HandoffBriefing messages={messages} />
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
              <Timeline
                messages={messages}
                messageActions={(message) => (
                  <>
                    <TranslateMessage ticket={ticket} message={message} />
                    <SplitMessage ticket={ticket} message={message} />
                    <CreateArticleFromReply ticket={ticket} message={message} />
                  </>
                )}
              />
            )}
            <ChatBar ticket={ticket} messages={messages} />
            <ComposerWithSchedule
              ticket={ticket}
              seenSeq={timeline.isSuccess ? lastSeqOf(messages) : ticket.lastSeq}
              onTyping={typing.typed}
              onSent={typing.stop}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <TicketSidePanel ticket={ticket} />
            <LinkedTickets ticket={ticket} />
            <SlaClocks sla={ticket.sla} />
            <RequesterCard ticket={ticket} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
