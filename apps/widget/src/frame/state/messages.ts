import type { ChatAttachment, ChatCursors, ChatMessage } from '@switchboard/contracts';

/**
 * The visitor's view of a conversation's messages. Pure: the same actions in any order of
 * push/sync/ack arrival give one bubble per message (matched by id, then by clientId), sorted by
 * seq, with the visitor's own unsent messages last in the order they were written.
 */

export type MessageStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface UiMessage {
  /** Stable render key: the clientId for messages written here, else the server id. */
  key: string;
  id: string | null;
  seq: number | null;
  clientId: string | null;
  mine: boolean;
  author: ChatMessage['author'];
  text: string;
  attachments: ChatAttachment[];
  quickReplies: string[];
  createdAt: string;
  /** Set when sending failed for good (a problem code); cleared by a retry. */
  error: { code: string; retryAfterSeconds?: number } | null;
}

export interface MessagesState {
  items: UiMessage[];
  /** The sync cursor: the highest seq covered, including notes and events the visitor never sees. */
  lastSeq: number;
  cursors: ChatCursors;
}

export type MessagesAction =
  | { type: 'queued'; clientId: string; text: string; attachments: ChatAttachment[]; createdAt: string }
  | { type: 'acked'; clientId: string; messageId: string; seq: number; createdAt: string }
  | { type: 'failed'; clientId: string; code: string; retryAfterSeconds?: number }
  | { type: 'retry'; clientId: string }
  | { type: 'received'; messages: ChatMessage[]; lastSeq?: number }
  | { type: 'receipt'; cursors: ChatCursors }
  | { type: 'reset' };

const ZERO: ChatCursors = { visitorDeliveredSeq: 0, visitorReadSeq: 0, agentDeliveredSeq: 0, agentReadSeq: 0 };

export const emptyMessages = (): MessagesState => ({ items: [], lastSeq: 0, cursors: ZERO });

function fromServer(m: ChatMessage): UiMessage {
  return {
    key: m.clientId && m.author.kind === 'visitor' ? m.clientId : m.id,
    id: m.id,
    seq: m.seq,
    clientId: m.clientId,
    mine: m.author.kind === 'visitor',
    author: m.author,
    text: m.text,
    attachments: m.attachments,
    quickReplies: m.quickReplies,
    createdAt: m.createdAt,
    error: null,
  };
}

/** Acked/received messages by seq; pending ones (no seq yet) after them, in writing order. */
function ordered(items: UiMessage[]): UiMessage[] {
  const known = items.filter((m) => m.seq !== null).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return [...known, ...items.filter((m) => m.seq === null)];
}

function merge(items: UiMessage[], incoming: ChatMessage): UiMessage[] {
  const ours = incoming.author.kind === 'visitor' && incoming.clientId !== null;
  const at = items.findIndex((m) => (m.id !== null && m.id === incoming.id) || (ours && m.mine && m.clientId === incoming.clientId));
  if (at === -1) return [...items, fromServer(incoming)];
  const next = items.slice();
  const current = next[at] as UiMessage;
  // Keep the local key so the bubble is updated in place rather than re-mounted.
  next[at] = { ...fromServer(incoming), key: current.key };
  return next;
}

function maxCursors(a: ChatCursors, b: ChatCursors): ChatCursors {
  return {
    visitorDeliveredSeq: Math.max(a.visitorDeliveredSeq, b.visitorDeliveredSeq),
    visitorReadSeq: Math.max(a.visitorReadSeq, b.visitorReadSeq),
    agentDeliveredSeq: Math.max(a.agentDeliveredSeq, b.agentDeliveredSeq),
    agentReadSeq: Math.max(a.agentReadSeq, b.agentReadSeq),
  };
}

const update = (s: MessagesState, clientId: string, fn: (m: UiMessage) => UiMessage): MessagesState => ({
  ...s,
  items: s.items.map((m) => (m.mine && m.clientId === clientId ? fn(m) : m)),
});

export function messagesReducer(state: MessagesState, action: MessagesAction): MessagesState {
  switch (action.type) {
    case 'queued': {
      if (state.items.some((m) => m.mine && m.clientId === action.clientId)) return state;
      const { clientId, text, attachments, createdAt } = action;
      const author = { kind: 'visitor' as const, name: null, avatarUrl: null };
      const item: UiMessage = {
        key: clientId,
        id: null,
        seq: null,
        clientId,
        mine: true,
        author,
        text,
        attachments,
        quickReplies: [],
        createdAt,
        error: null,
      };
      return { ...state, items: [...state.items, item] };
    }
    case 'acked': {
      const next = update(state, action.clientId, (m) => ({
        ...m,
        id: action.messageId,
        seq: action.seq,
        createdAt: action.createdAt,
        error: null,
      }));
      return { ...next, items: ordered(next.items), lastSeq: Math.max(state.lastSeq, action.seq) };
    }
    case 'failed':
      return update(state, action.clientId, (m) =>
        m.seq === null
          ? { ...m, error: { code: action.code, ...(action.retryAfterSeconds ? { retryAfterSeconds: action.retryAfterSeconds } : {}) } }
          : m,
      );
    case 'retry':
      return update(state, action.clientId, (m) => ({ ...m, error: null }));
    case 'received': {
      let items = state.items;
      let lastSeq = Math.max(state.lastSeq, action.lastSeq ?? 0);
      for (const message of action.messages) {
        items = merge(items, message);
        lastSeq = Math.max(lastSeq, message.seq);
      }
      return { ...state, items: ordered(items), lastSeq };
    }
    case 'receipt':
      return { ...state, cursors: maxCursors(state.cursors, action.cursors) };
    case 'reset':
      return emptyMessages();
  }
}

/** What the visitor sees under their own message; agents' messages have no status. */
export function statusOf(m: UiMessage, cursors: ChatCursors): MessageStatus | null {
  if (!m.mine) return null;
  if (m.seq === null) return m.error ? 'failed' : 'sending';
  if (m.seq <= cursors.agentReadSeq) return 'read';
  if (m.seq <= cursors.agentDeliveredSeq) return 'delivered';
  return 'sent';
}

/** Messages written here that still need to reach the server (not failed for good). */
export const pendingMessages = (s: MessagesState) => s.items.filter((m) => m.mine && m.seq === null && !m.error);

/** Replies from the other side the visitor has not read yet. */
export const unreadCount = (s: MessagesState, readSeq: number) =>
  s.items.filter((m) => !m.mine && m.seq !== null && m.seq > readSeq).length;

/** The highest seq shown in the list (what delivered/read receipts point at). */
export const lastVisibleSeq = (s: MessagesState) => s.items.reduce((max, m) => Math.max(max, m.seq ?? 0), 0);
