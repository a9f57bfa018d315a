import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/ApiError';
import { type NewMessage, ticketsApi } from '../../api/tickets.api';
import type { AddMessageResult } from '../../api/types';
import { addToTimeline, configKeys, ticketKeys } from '../tickets/ticketQueries';

/**
 * Posts a reply or note. The new message goes straight into the timeline and every screen that
 * shows the ticket refreshes; on 409 ticket.new_activity the timeline is refetched so the agent
 * sees what arrived before deciding to send anyway.
 */
export function useSendMessage(ticketId: string, onSent: (result: AddMessageResult) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: NewMessage) => ticketsApi.addMessage(ticketId, message),
    onSuccess: (result) => {
      if (result.message) addToTimeline(queryClient, ticketId, result.message);
      onSent(result);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(ticketId) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: configKeys.viewCounts });
    },
    onError: (error) => {
      if (isApiError(error, 'ticket.new_activity')) void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(ticketId) });
    },
  });
}
