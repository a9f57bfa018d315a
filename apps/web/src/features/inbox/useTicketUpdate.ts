import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/ApiError';
import { ticketsApi } from '../../api/tickets.api';
import type { Ticket, TicketChanges } from '../../api/types';
import { configKeys, ticketKeys } from '../tickets/ticketQueries';

/**
 * PATCH with If-Match: the server refuses (412) a change made against an old version. Then the
 * latest ticket is loaded and `conflict` tells the screen to say so; nothing is retried blindly.
 */
export function useTicketUpdate(ticket: Ticket) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ changes, version }: { changes: TicketChanges; version: number }) => ticketsApi.update(ticket.id, changes, version),
    onSuccess: (next) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), next);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(ticket.id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: configKeys.viewCounts });
    },
    onError: (error) => {
      if (isApiError(error, 'ticket.version_mismatch')) void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
    },
  });
  return {
    save: (changes: TicketChanges) => mutation.mutate({ changes, version: ticket.version }),
    pending: mutation.isPending ? mutation.variables.changes : null,
    error: mutation.error,
    conflict: isApiError(mutation.error, 'ticket.version_mismatch'),
    reset: mutation.reset,
  };
}
