import { useCallback, useEffect, useRef } from 'react';
import { getSocket } from '../../realtime/socket';
import { useTicketChat } from './chatQueries';

// The protocol: `typing: true` at most every 2 s while typing, `false` when stopping.
const REPEAT_MS = 2000;
const IDLE_MS = 4000;

function emitTyping(sessionId: string, typing: boolean): void {
  const socket = getSocket();
  if (socket.connected) socket.emit('chat.typing', { sessionId, typing });
}

/**
 * The agent's typing, sent to the visitor of the ticket's live chat (a no-op for tickets
 * without one). Call `typed()` on every keystroke of a public reply, `stop()` when it is sent
 * or the agent switches to an internal note — a note must never show as typing.
 */
export function useChatTyping(ticketId: string) {
  const chat = useTicketChat(ticketId);
  const sessionId = chat && chat.state === 'active' ? chat.id : null;
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = useRef<string | null>(null);

  const stop = useCallback(() => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (lastSent.current && current.current) emitTyping(current.current, false);
    lastSent.current = 0;
  }, []);

  const typed = useCallback(() => {
    if (!sessionId) return;
    current.current = sessionId;
    const now = Date.now();
    if (now - lastSent.current >= REPEAT_MS) {
      emitTyping(sessionId, true);
      lastSent.current = now;
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stop, IDLE_MS);
  }, [sessionId, stop]);

  // Leaving the ticket (or the chat ending) stops the indicator on the visitor's side.
  useEffect(() => {
    if (!sessionId) return;
    return stop;
  }, [sessionId, stop]);

  return { typed, stop };
}
