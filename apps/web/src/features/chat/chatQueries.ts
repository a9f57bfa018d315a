import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { type AgentChat, chatsApi, LIVE_CHAT_STATES } from '../../api/chat.api';
import { useRealtimeEvent } from '../../realtime/useRealtime';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { applyChatChange } from './chatLogic';

export const chatKeys = {
  all: ['chats'] as const,
  live: ['chats', 'live'] as const,
};

/**
 * Every live chat of the workspace (live chats are few; the server caps the list). The staff
 * room's `chat.changed` keeps it current, so it is never refetched on a timer.
 */
export const liveChatsQuery = queryOptions({
  queryKey: chatKeys.live,
  queryFn: ({ signal }) => chatsApi.list({ state: LIVE_CHAT_STATES }, signal),
  staleTime: Number.POSITIVE_INFINITY,
});

/** Only staff with chat.handle see chats; everyone else never asks the server for them. */
export function useCanHandleChats(): boolean {
  return useCurrentUser().permissions.includes('chat.handle');
}

/** The live chat of a ticket, if it has one and this agent works chats. */
export function useTicketChat(ticketId: string, enabled = true): AgentChat | null {
  const canHandle = useCanHandleChats();
  const chat = useQuery({
    ...liveChatsQuery,
    enabled: canHandle && enabled,
    select: (items) => items.find((item) => item.ticketId === ticketId) ?? null,
  });
  return chat.data ?? null;
}

export function storeChat(queryClient: QueryClient, chat: AgentChat): void {
  queryClient.setQueryData<AgentChat[]>(chatKeys.live, (list) => (list ? applyChatChange(list, chat) : list));
}

/**
 * Keeps the live chat list current from `chat.changed` pushes; after a reconnect it is
 * refetched, since pushes may have been missed meanwhile. Mount once per agent shell.
 */
export function useLiveChats(enabled: boolean): void {
  const queryClient = useQueryClient();
  const connectedBefore = useRef(false);
  useRealtimeEvent<AgentChat>('chat.changed', (chat) => {
    if (enabled) storeChat(queryClient, chat);
  });
  useRealtimeEvent('connect', () => {
    if (enabled && connectedBefore.current) void queryClient.invalidateQueries({ queryKey: chatKeys.live });
    connectedBefore.current = true;
  });
}
