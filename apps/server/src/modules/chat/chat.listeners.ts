import { chatRoom } from '@switchboard/contracts';
import type { DomainEvent } from '../../platform/events/outbox.js';
import { rooms } from '../../platform/realtime.js';
import { findAttachmentsOfMessages } from '../tickets/index.js';
import type { AgentChatsService } from './agent-chats.service.js';
import { type ChatCore, settingsOf } from './chat.core.js';
import { presentChatMessage } from './chat.presenter.js';
import { findMessagesAfter, findQueued, findSession, findSessionByTicket, findUserNames, updateSession } from './chat.repo.js';
import { presentChatAttachment } from './chat-attachments.js';
import { dispatchQueue } from './chat-routing.js';
import { visitorView } from './conversations.service.js';

const CHAT_EVENT_TYPES = [
  'chat.started',
  'chat.queued',
  'chat.offered',
  'chat.accepted',
  'chat.declined',
  'chat.transferred',
  'chat.ended',
  'chat.rated',
  'chat.offline_message',
] as const;

/**
 * After commit: new public messages of chat tickets go to the conversation room (customer
 * presenter: a note can never be sent), chat state changes to the visitor, the agents
 * concerned and the staff room, and agent availability moves the queue.
 */
export function registerChatListeners(core: ChatCore, agents: AgentChatsService): void {
  const { p } = core;

  p.outbox.on('chat.messages', ['message.created'], async (event: DomainEvent) => {
    const ticketId = String(event.payload.ticketId ?? '');
    // Notes and events never reach a visitor; chat.send pushed its own messages at commit.
    if (!p.realtime || !ticketId || event.payload.kind !== 'reply') return;
    // Sent through chat.send (on any node), which pushed it to the room after its commit.
    if (event.payload.pushed === true) return;
    const s = await findSessionByTicket(p.db, ticketId);
    if (!s) return;
    const seq = Number(event.payload.seq);
    const [m] = await findMessagesAfter(p.db, ticketId, seq - 1, 1);
    if (!m || m.kind !== 'reply') return;
    if (m.authorKind !== 'customer') await updateSession(p.db, s.id, { lastActivityAt: new Date() });
    const channel = await core.channels.byId(p.db, s.channelId);
    const names = await findUserNames(p.db, [m.authorId ?? '']);
    const files = ((await findAttachmentsOfMessages(p.db, [m.id])).get(m.id) ?? []).map((f) =>
      presentChatAttachment(f, channel?.publicKey ?? ''),
    );
    const view = presentChatMessage(m, s.id, names, channel ? settingsOf(core, channel).avatarUrl : null, files);
    if (view) p.realtime.emit(chatRoom(s.id), 'chat.message', view);
  });

  p.outbox.on('chat.state', [...CHAT_EVENT_TYPES], async (event: DomainEvent) => {
    const rt = p.realtime;
    const sessionId = String(event.payload.sessionId ?? '');
    if (!rt || !event.workspaceId || !sessionId) return;
    const s = await findSession(p.db, event.workspaceId, sessionId);
    if (!s) return;
    rt.emit(chatRoom(s.id), 'chat.session', await visitorView(core, s));
    rt.emit(rooms.staff(s.workspaceId), 'chat.changed', await agents.present(s));
    const previous = typeof event.payload.previousAgentId === 'string' ? event.payload.previousAgentId : null;
    if (event.type === 'chat.offered' && typeof event.payload.agentId === 'string') {
      const t = await agents.present(s);
      const [first] = (await findMessagesAfter(p.db, s.ticketId, 0, 1)).filter((m) => m.kind === 'reply');
      rt.emit(rooms.user(event.payload.agentId), 'chat.offered', {
        sessionId: s.id,
        ticketId: s.ticketId,
        ticketNumber: t.ticketNumber,
        visitorName: t.visitor.name,
        teamId: s.teamId,
        preview: first ? first.bodyText.slice(0, 140) : null,
        expiresAt: String(event.payload.expiresAt ?? ''),
        transferredBy: typeof event.payload.transferredBy === 'string' ? event.payload.transferredBy : null,
      });
    }
    if (previous && previous !== event.payload.agentId) {
      const reason =
        event.type === 'chat.ended'
          ? 'ended'
          : event.type === 'chat.declined'
            ? 'declined'
            : event.payload.reason === 'offer_timeout'
              ? 'timeout'
              : 'reassigned';
      rt.emit(rooms.user(previous), 'chat.offer_revoked', { sessionId: s.id, reason });
    }
    // Everyone behind this chat moved up (or down): tell the other waiting visitors.
    if (event.type !== 'chat.rated') {
      for (const q of await findQueued(p.db, s.workspaceId))
        if (q.id !== s.id) rt.emit(chatRoom(q.id), 'chat.session', await visitorView(core, q));
    }
  });

  p.outbox.on('chat.availability', ['agent.availability_changed'], async (event: DomainEvent) => {
    const { userId, to } = event.payload as { userId?: string; to?: string };
    if (!event.workspaceId || !userId) return;
    if (to === 'online') await dispatchQueue(core, event.workspaceId);
    else await agents.agentUnavailable(event.workspaceId, userId);
  });
}
