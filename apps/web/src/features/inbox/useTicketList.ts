import { useInfiniteQuery } from '@tanstack/react-query';
import { ticketsApi } from '../../api/tickets.api';
import { workspaceApi } from '../../api/workspace.api';
import { ticketKeys } from '../tickets/ticketQueries';
import { builtinView } from './builtinViews';

const PAGE_SIZE = 50;

/** The tickets of a built-in or saved view, optionally narrowed by a search, a page at a time. */
export function useTicketList(viewKey: string, q: string) {
  const builtin = builtinView(viewKey);
  return useInfiniteQuery({
    queryKey: ticketKeys.list({ view: viewKey, q }),
    queryFn: ({ pageParam, signal }) =>
      builtin
        ? ticketsApi.list({ ...builtin.filters, q, cursor: pageParam, limit: PAGE_SIZE }, signal)
        : workspaceApi.viewTickets(viewKey, { q, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
