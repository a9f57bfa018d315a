import type { AgentChat, ChatCursors, ChatOffered } from '../../api/chat.api';
import { LIVE_CHAT_STATES } from '../../api/chat.api';
import type { Message } from '../../api/types';

/** A chat pushed by `chat.changed` replaces its copy in the live list, or leaves it once it is over. */
export function applyChatChange(list: readonly AgentChat[], chat: AgentChat): AgentChat[] {
  const rest = list.filter((item) => item.id !== chat.id);
  if (!LIVE_CHAT_STATES.includes(chat.state)) return rest;
  const index = list.findIndex((item) => item.id === chat.id);
  if (index < 0) return [...rest, chat];
  return list.map((item) => (item.id === chat.id ? chat : item));
}

/** A chat offer on screen; seeded from the live list after a reload, where the preview is unknown. */
export type Offer = Pick<
  ChatOffered,
  'sessionId' | 'ticketId' | 'ticketNumber' | 'visitorName' | 'preview' | 'expiresAt' | 'transferredBy'
>;

export type OfferAction =
  | { type: 'offered'; offer: Offer }
  | { type: 'revoked'; sessionId: string }
  | { type: 'changed'; chat: AgentChat; me: string }
  | { type: 'seed'; chats: readonly AgentChat[]; me: string; now: number }
  | { type: 'tick'; now: number };

const stillMine = (chat: AgentChat, me: string) => chat.state === 'offered' && chat.offeredAgentId === me;

/** Offers waiting for this agent: added when pushed, gone when taken, revoked, declined or expired. */
export function offersReducer(offers: readonly Offer[], action: OfferAction): readonly Offer[] {
  switch (action.type) {
    case 'offered':
      return [...offers.filter((o) => o.sessionId !== action.offer.sessionId), action.offer];
    case 'revoked':
      return offers.filter((o) => o.sessionId !== action.sessionId);
    case 'changed':
      return stillMine(action.chat, action.me) ? offers : offers.filter((o) => o.sessionId !== action.chat.id);
    case 'seed': {
      const known = new Set(offers.map((o) => o.sessionId));
      const fresh = action.chats
        .filter((c) => stillMine(c, action.me) && !known.has(c.id) && c.offerExpiresAt && Date.parse(c.offerExpiresAt) > action.now)
        .map((c) => ({
          sessionId: c.id,
          ticketId: c.ticketId,
          ticketNumber: c.ticketNumber,
          visitorName: c.visitor.name,
          preview: null,
          expiresAt: c.offerExpiresAt ?? '',
          transferredBy: null,
        }));
      return fresh.length ? [...offers, ...fresh] : offers;
    }
    case 'tick': {
      const left = offers.filter((o) => Date.parse(o.expiresAt) > action.now);
      return left.length === offers.length ? offers : left;
    }
  }
}

/** Whole seconds left before an offer expires (never negative). */
export function secondsLeft(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
}

export type DeliveryState = 'sent' | 'delivered' | 'read';

/** What the visitor has done with the agents' last public reply: null when there is none yet. */
export function lastReplyState(messages: readonly Message[], cursors: ChatCursors): DeliveryState | null {
  const last = messages.findLast((m) => m.kind === 'reply' && (m.authorKind === 'agent' || m.authorKind === 'bot'));
  if (!last) return null;
  if (last.seq <= cursors.visitorReadSeq) return 'read';
  if (last.seq <= cursors.visitorDeliveredSeq) return 'delivered';
  return 'sent';
}

export interface QueueSummary {
  teamId: string | null;
  waiting: number;
  /** When the longest-waiting chat joined the queue. */
  oldestSince: string;
}

/** Waiting chats per team queue, the queue with the longest wait first. */
export function queueSummaries(chats: readonly AgentChat[]): QueueSummary[] {
  const byTeam = new Map<string | null, QueueSummary>();
  for (const chat of chats) {
    if (chat.state !== 'queued' && chat.state !== 'offered') continue;
    const since = chat.queuedAt ?? chat.startedAt;
    const current = byTeam.get(chat.teamId);
    if (!current) byTeam.set(chat.teamId, { teamId: chat.teamId, waiting: 1, oldestSince: since });
    else
      byTeam.set(chat.teamId, {
        ...current,
        waiting: current.waiting + 1,
        oldestSince: since < current.oldestSince ? since : current.oldestSince,
      });
  }
  return [...byTeam.values()].sort((a, b) => a.oldestSince.localeCompare(b.oldestSince));
}

/** "4:05" / "1:02:09" for a wait of that many seconds. */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}
