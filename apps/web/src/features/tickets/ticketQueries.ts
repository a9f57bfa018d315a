import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { MESSAGES_PAGE, ticketsApi } from '../../api/tickets.api';
import type { Message } from '../../api/types';
import { workspaceApi } from '../../api/workspace.api';
import { fetchedSeqOf, mergeFetched, mergePushed } from './timeline';

/** Query keys: invalidating `ticketKeys.all` refreshes every ticket screen. */
export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => ['tickets', 'list'] as const,
  list: (scope: Record<string, unknown>) => ['tickets', 'list', scope] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  timeline: (id: string) => ['tickets', 'timeline', id] as const,
};

export const configKeys = {
  views: ['views'] as const,
  viewCounts: ['views', 'counts'] as const,
  macros: ['macros'] as const,
  teams: ['teams'] as const,
  agents: ['agents'] as const,
  customFields: ['custom-fields'] as const,
  categories: ['categories'] as const,
};

// Configuration changes rarely; a few minutes of staleness is fine and saves requests.
const CONFIG_STALE = 5 * 60_000;
// Safety net against a runaway loop if the server kept returning full pages.
const MAX_TIMELINE_PAGES = 20;

export const agentsQuery = queryOptions({
  queryKey: configKeys.agents,
  queryFn: ({ signal }) => workspaceApi.agents(signal),
  staleTime: CONFIG_STALE,
});
export const teamsQuery = queryOptions({
  queryKey: configKeys.teams,
  queryFn: ({ signal }) => workspaceApi.teams(signal),
  staleTime: CONFIG_STALE,
});
export const macrosQuery = queryOptions({
  queryKey: configKeys.macros,
  queryFn: ({ signal }) => workspaceApi.macros(signal),
  staleTime: CONFIG_STALE,
});
export const customFieldsQuery = queryOptions({
  queryKey: configKeys.customFields,
  queryFn: ({ signal }) => workspaceApi.customFields(signal),
  staleTime: CONFIG_STALE,
});
export const categoriesQuery = queryOptions({
  queryKey: configKeys.categories,
  queryFn: ({ signal }) => workspaceApi.categories(signal),
  staleTime: CONFIG_STALE,
});

/**
 * The conversation, fetched incrementally: a refetch asks only for messages after the last one
 * already cached, so live catch-up after `ticket.changed` or a reconnect stays cheap.
 */
export function timelineQuery(queryClient: QueryClient, ticketId: string) {
  return queryOptions({
    queryKey: ticketKeys.timeline(ticketId),
    queryFn: async ({ signal }): Promise<Message[]> => {
      let messages = queryClient.getQueryData<Message[]>(ticketKeys.timeline(ticketId)) ?? [];
      for (let page = 0; page < MAX_TIMELINE_PAGES; page += 1) {
        const { items } = await ticketsApi.messages(ticketId, fetchedSeqOf(messages), signal);
        messages = mergeFetched(messages, items);
        if (items.length < MESSAGES_PAGE) break;
      }
      return messages;
    },
  });
}

export function useTimeline(queryClient: QueryClient, ticketId: string) {
  return useQuery(timelineQuery(queryClient, ticketId));
}

/** A message pushed live or returned by a send goes straight into the cached conversation. */
export function addToTimeline(queryClient: QueryClient, ticketId: string, message: Message): void {
  const key = ticketKeys.timeline(ticketId);
  if (!queryClient.getQueryData(key)) return;
  queryClient.setQueryData<Message[]>(key, (current) => mergePushed(current, message));
}

/**
 * Brings the conversation up to `lastSeq` (from a `ticket.changed` push) if it is behind. Pushed
 * messages do not count: one may have arrived ahead of an earlier message that is still missing.
 */
export function catchUpTimeline(queryClient: QueryClient, ticketId: string, lastSeq: number): void {
  const cached = queryClient.getQueryData<Message[]>(ticketKeys.timeline(ticketId));
  if (cached && fetchedSeqOf(cached) < lastSeq) void queryClient.invalidateQueries({ queryKey: ticketKeys.timeline(ticketId) });
}
