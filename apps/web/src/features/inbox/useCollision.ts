import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Message } from '../../api/types';
import { sendTyping } from '../../realtime/socket';
import { useRealtimeEvent, useRealtimeRoom } from '../../realtime/useRealtime';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { addToTimeline } from '../tickets/ticketQueries';

export interface Viewer {
  userId: string;
  name: string;
}

interface ViewersPush {
  ticketId: string;
  viewers: Viewer[];
}

interface TypingPush {
  ticketId: string;
  userId: string;
  typing: boolean;
}

// A "typing" that is never followed by "stopped" (closed tab, lost packet) fades after this.
const TYPING_TIMEOUT = 6_000;

/**
 * Who else has this ticket open and who is typing, from the ticket's room; new messages pushed
 * to the room go straight into the timeline.
 */
export function useTicketRoom(ticketId: string): { viewers: Viewer[]; typing: Viewer[] } {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [typingIds, setTypingIds] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useRealtimeRoom(`ticket:${ticketId}`);

  const setTyping = useCallback((userId: string, typing: boolean) => {
    const timer = timers.current.get(userId);
    if (timer) clearTimeout(timer);
    timers.current.delete(userId);
    if (typing)
      timers.current.set(
        userId,
        setTimeout(() => setTyping(userId, false), TYPING_TIMEOUT),
      );
    setTypingIds((current) => {
      if (current.has(userId) === typing) return current;
      const next = new Set(current);
      if (typing) next.add(userId);
      else next.delete(userId);
      return next;
    });
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  useRealtimeEvent<ViewersPush>('ticket.viewers', (push) => {
    if (push.ticketId !== ticketId) return;
    const others = new Map(push.viewers.filter((viewer) => viewer.userId !== me.id).map((viewer) => [viewer.userId, viewer]));
    setViewers([...others.values()]);
  });
  useRealtimeEvent<TypingPush>('ticket.typing', (push) => {
    if (push.ticketId === ticketId && push.userId !== me.id) setTyping(push.userId, push.typing);
  });
  useRealtimeEvent<Message>('message.created', (message) => {
    if (message.ticketId !== ticketId) return;
    addToTimeline(queryClient, ticketId, message);
    if (message.author) setTyping(message.author.id, false);
  });

  const typing = [...typingIds].map((userId) => viewers.find((viewer) => viewer.userId === userId) ?? { userId, name: '' });
  return { viewers, typing };
}

// Re-announce at most this often while keys keep coming; "stopped" after this much quiet.
const TYPING_REPEAT = 3_000;
const TYPING_IDLE = 4_000;

/** Tells the others on the ticket while this agent types; `stop` when the message is sent. */
export function useTypingSignal(ticketId: string) {
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = useCallback(() => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (lastSent.current) sendTyping(ticketId, false);
    lastSent.current = 0;
  }, [ticketId]);

  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current > TYPING_REPEAT) {
      sendTyping(ticketId, true);
      lastSent.current = now;
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stop, TYPING_IDLE);
  }, [stop, ticketId]);

  useEffect(() => stop, [stop]);
  return { typed, stop };
}
