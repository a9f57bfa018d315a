import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Ticket } from '../../api/types';
import { useRealtimeConnection, useRealtimeEvent } from '../../realtime/useRealtime';
import { catchUpTimeline, configKeys, ticketKeys } from '../tickets/ticketQueries';

/** `ticket.changed` as pushed to the workspace staff room (and each of `tickets.activity`'s changes). */
export interface TicketChanged {
  id: string;
  number: number;
  version: number;
  status: string;
  lastSeq: number;
  type: string;
  fields?: string[];
}

// Bursts (a bulk update of 50 tickets) become one refetch of the lists and counts.
const LIST_REFRESH_DELAY = 400;

function refreshTicket(queryClient: QueryClient, change: TicketChanged): void {
  const cached = queryClient.getQueryData<Ticket>(ticketKeys.detail(change.id));
  if (cached && cached.version < change.version) void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(change.id) });
  catchUpTimeline(queryClient, change.id, change.lastSeq);
}

/**
 * Keeps the agent workspace live: opens the socket, refreshes an open ticket when someone else
 * changes it, and refetches lists and view counts (debounced) on any change in the workspace.
 * After a reconnect everything is refetched, since pushes may have been missed meanwhile.
 */
export function useInboxLive(): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const connectedBefore = useRef(false);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const refreshLists = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: configKeys.viewCounts });
    }, LIST_REFRESH_DELAY);
  };

  useRealtimeEvent<TicketChanged>('ticket.changed', (change) => {
    refreshTicket(queryClient, change);
    refreshLists();
  });
  // New messages, gathered by the server (at most one event per workspace every 250 ms).
  useRealtimeEvent<{ changes: TicketChanged[] }>('tickets.activity', ({ changes }) => {
    for (const change of changes) refreshTicket(queryClient, change);
    refreshLists();
  });

  useRealtimeEvent('connect', () => {
    if (connectedBefore.current) {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      void queryClient.invalidateQueries({ queryKey: configKeys.viewCounts });
    }
    connectedBefore.current = true;
  });
  // After the listeners, so even a synchronous first 'connect' is seen by them.
  useRealtimeConnection();
}
