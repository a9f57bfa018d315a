import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer } from 'react';
import type { AgentChat, ChatOffered, ChatOfferRevoked } from '../../api/chat.api';
import { useRealtimeEvent } from '../../realtime/useRealtime';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { type Offer, offersReducer } from './chatLogic';
import { liveChatsQuery } from './chatQueries';
import { playOfferSound } from './offerSound';

const TICK_MS = 1000;

/**
 * Chats offered to this agent. Offers come from `chat.offered` pushes (and, after a reload,
 * from the live list); they go away when revoked, when the chat changes hands, or when their
 * time is up even if the revocation push was missed.
 */
export function useChatOffers(enabled: boolean) {
  const me = useCurrentUser().id;
  const [offers, dispatch] = useReducer(offersReducer, [] as readonly Offer[]);
  const live = useQuery({ ...liveChatsQuery, enabled });

  useRealtimeEvent<ChatOffered>('chat.offered', (offer) => {
    if (!enabled) return;
    dispatch({ type: 'offered', offer });
    playOfferSound();
  });
  useRealtimeEvent<ChatOfferRevoked>('chat.offer_revoked', ({ sessionId }) => dispatch({ type: 'revoked', sessionId }));
  useRealtimeEvent<AgentChat>('chat.changed', (chat) => dispatch({ type: 'changed', chat, me }));

  useEffect(() => {
    if (live.data) dispatch({ type: 'seed', chats: live.data, me, now: Date.now() });
  }, [live.data, me]);

  const pending = offers.length > 0;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => dispatch({ type: 'tick', now: Date.now() }), TICK_MS);
    return () => clearInterval(timer);
  }, [pending]);

  const dismiss = useCallback((sessionId: string) => dispatch({ type: 'revoked', sessionId }), []);
  return { offers, dismiss };
}
