import { useEffect, useRef, useState } from 'react';
import type { AgentChat, ChatCursors, ChatPresence, ChatReceipt, ChatSessionPush, ChatTyping } from '../../api/chat.api';
import { getSocket } from '../../realtime/socket';
import { useRealtimeEvent, useRealtimeRoom } from '../../realtime/useRealtime';

// A visitor who stops typing without sending sends `typing: false`; this covers a lost one.
const TYPING_TIMEOUT_MS = 6000;

/** Highest of each cursor: pushes may arrive out of order, cursors only move forward. */
function maxCursors(a: ChatCursors, b: ChatCursors): ChatCursors {
  return {
    visitorDeliveredSeq: Math.max(a.visitorDeliveredSeq, b.visitorDeliveredSeq),
    visitorReadSeq: Math.max(a.visitorReadSeq, b.visitorReadSeq),
    agentDeliveredSeq: Math.max(a.agentDeliveredSeq, b.agentDeliveredSeq),
    agentReadSeq: Math.max(a.agentReadSeq, b.agentReadSeq),
  };
}

/**
 * Joins the conversation room of a chat for as long as it is on screen: the visitor's typing,
 * their delivered/read cursors and which agents are in the conversation.
 */
export function useChatRoom(chat: AgentChat) {
  const sessionId = chat.id;
  useRealtimeRoom(`chat:${sessionId}`);
  const [visitorTyping, setVisitorTyping] = useState(false);
  const [cursors, setCursors] = useState<ChatCursors>(chat.cursors);
  const [agentsHere, setAgentsHere] = useState<string[]>([]);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => setCursors((current) => maxCursors(current, chat.cursors)), [chat.cursors]);
  useEffect(
    () => () => {
      if (typingTimer.current) clearTimeout(typingTimer.current);
    },
    [],
  );

  useRealtimeEvent<ChatTyping>('chat.typing', (event) => {
    if (event.sessionId !== sessionId || event.side !== 'visitor') return;
    setVisitorTyping(event.typing);
    if (typingTimer.current) clearTimeout(typingTimer.current);
    if (event.typing) typingTimer.current = setTimeout(() => setVisitorTyping(false), TYPING_TIMEOUT_MS);
  });
  useRealtimeEvent<ChatReceipt>('chat.receipt', (event) => {
    if (event.sessionId === sessionId) setCursors((current) => maxCursors(current, event.cursors));
  });
  useRealtimeEvent<ChatSessionPush>('chat.session', (session) => {
    if (session.id === sessionId) setCursors((current) => maxCursors(current, session.cursors));
  });
  useRealtimeEvent<ChatPresence>('chat.presence', (event) => {
    if (event.sessionId === sessionId) setAgentsHere(event.agentsHere.map((a) => a.name).filter(Boolean));
  });
  // A visitor message ends their typing (the widget may not say so first).
  useRealtimeEvent<{ sessionId: string; author: { kind: string } }>('chat.message', (message) => {
    if (message.sessionId === sessionId && message.author.kind === 'visitor') setVisitorTyping(false);
  });

  return { visitorTyping, cursors, agentsHere };
}

/**
 * Tells the visitor the agent has read up to `seq` while the conversation is on screen and the
 * tab is visible (their messages then show "read").
 */
export function useMarkChatRead(sessionId: string, seq: number, readSeq: number): void {
  const [visible, setVisible] = useState(() => typeof document === 'undefined' || document.visibilityState !== 'hidden');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  const markRead = () => {
    if (!visible || seq <= readSeq) return;
    const socket = getSocket();
    if (socket.connected) socket.emit('chat.read', { sessionId, seq }, () => undefined);
  };
  // Not connected yet (or reconnected): mark again once the socket is up.
  useRealtimeEvent('connect', markRead);
  useEffect(() => {
    if (!visible || seq <= readSeq) return;
    const socket = getSocket();
    if (socket.connected) socket.emit('chat.read', { sessionId, seq }, () => undefined);
  }, [visible, sessionId, seq, readSeq]);
}
