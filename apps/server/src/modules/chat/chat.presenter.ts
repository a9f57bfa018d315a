import type { AgentChat, ChatAttachment, ChatMessage, ChatSession } from '@switchboard/contracts';
import type { MessageRow } from '../tickets/index.js';
import type { SessionRow } from './chat.repo.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function cursorsOf(s: SessionRow) {
  return {
    visitorDeliveredSeq: s.visitorDeliveredSeq,
    visitorReadSeq: s.visitorReadSeq,
    agentDeliveredSeq: s.agentDeliveredSeq,
    agentReadSeq: s.agentReadSeq,
  };
}

export interface SessionExtras {
  ticketNumber: number;
  lastSeq: number;
  agentName: string | null;
  avatarUrl: string | null;
  queuePosition: number | null;
  estimatedWaitSeconds: number | null;
}

/** The visitor's view: the agent by name only. */
export function presentSessionForVisitor(s: SessionRow, x: SessionExtras): ChatSession {
  return {
    id: s.id,
    ticketNumber: x.ticketNumber,
    state: s.state as ChatSession['state'],
    queuePosition: s.state === 'queued' ? x.queuePosition : null,
    estimatedWaitSeconds: s.state === 'queued' ? x.estimatedWaitSeconds : null,
    agent: s.agentId && x.agentName ? { name: x.agentName, avatarUrl: x.avatarUrl } : null,
    offlineMessage: s.offlineMessage,
    lastSeq: x.lastSeq,
    cursors: cursorsOf(s),
    rating: s.rating,
    ratingComment: s.ratingComment,
    endedBy: s.endedBy as ChatSession['endedBy'],
    startedAt: s.createdAt.toISOString(),
    acceptedAt: iso(s.acceptedAt),
    endedAt: iso(s.endedAt),
  };
}

export function presentSessionForAgent(
  s: SessionRow,
  x: { ticketNumber: number; lastSeq: number; visitor: { id: string; name: string; email: string | null }; queuePosition: number | null },
): AgentChat {
  return {
    id: s.id,
    ticketId: s.ticketId,
    ticketNumber: x.ticketNumber,
    channelId: s.channelId,
    state: s.state as AgentChat['state'],
    visitor: x.visitor,
    teamId: s.teamId,
    agentId: s.agentId,
    offeredAgentId: s.state === 'offered' ? s.offeredAgentId : null,
    offerExpiresAt: s.state === 'offered' ? iso(s.offerExpiresAt) : null,
    queuePosition: s.state === 'queued' ? x.queuePosition : null,
    offlineMessage: s.offlineMessage,
    preChat: s.preChat,
    pageUrl: s.pageUrl,
    lastSeq: x.lastSeq,
    cursors: cursorsOf(s),
    rating: s.rating,
    endedBy: s.endedBy as AgentChat['endedBy'],
    startedAt: s.createdAt.toISOString(),
    queuedAt: iso(s.queuedAt),
    acceptedAt: iso(s.acceptedAt),
    endedAt: iso(s.endedAt),
    lastActivityAt: s.lastActivityAt.toISOString(),
  };
}

const AUTHOR_KIND: Record<string, ChatMessage['author']['kind']> = { customer: 'visitor', agent: 'agent', api: 'agent', bot: 'bot' };

/**
 * A message as the visitor sees it, or null for anything but a public reply: notes and
 * internal events can never reach a visitor, even through a caller that forgets to filter.
 */
export function presentChatMessage(
  m: MessageRow,
  sessionId: string,
  names: Map<string, { name: string }>,
  avatarUrl: string | null,
  files: ChatAttachment[] = [],
): ChatMessage | null {
  if (m.kind !== 'reply') return null;
  const kind = AUTHOR_KIND[m.authorKind] ?? 'system';
  const meta = m.meta as { clientId?: unknown; quickReplies?: unknown; filesOnly?: unknown };
  // A files-only message has its file names as ticket body; the widget shows the files instead.
  const filesOnly = meta.filesOnly === true && files.length > 0;
  return {
    id: m.id,
    sessionId,
    seq: m.seq,
    clientId: typeof meta.clientId === 'string' ? meta.clientId : null,
    author: {
      kind,
      name: kind === 'bot' ? null : m.authorId ? (names.get(m.authorId)?.name ?? null) : null,
      avatarUrl: kind === 'agent' || kind === 'bot' ? avatarUrl : null,
    },
    text: filesOnly ? '' : m.bodyText,
    html: filesOnly ? '' : m.bodyHtml,
    attachments: files,
    quickReplies: Array.isArray(meta.quickReplies) ? meta.quickReplies.filter((q): q is string => typeof q === 'string') : [],
    createdAt: m.createdAt.toISOString(),
  };
}
