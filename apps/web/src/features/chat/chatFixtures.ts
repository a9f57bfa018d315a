import type { AgentChat } from '../../api/chat.api';
import { ids } from '../../test/ticketFixtures';

// Test data for the chat screens; only imported by tests.
export const chatIds = {
  session: '00000000-0000-4000-8000-0000000c4a01',
  session2: '00000000-0000-4000-8000-0000000c4a02',
  channel: '00000000-0000-4000-8000-0000000c4a0c',
  visitor: '00000000-0000-4000-8000-0000000c4a0f',
};

export function agentChat(patch: Partial<AgentChat> = {}): AgentChat {
  const now = new Date().toISOString();
  return {
    id: chatIds.session,
    ticketId: ids.ticket,
    ticketNumber: 42,
    channelId: chatIds.channel,
    state: 'active',
    visitor: { id: chatIds.visitor, name: 'Vera Visitor', email: null },
    teamId: null,
    agentId: null,
    offeredAgentId: null,
    offerExpiresAt: null,
    queuePosition: null,
    offlineMessage: false,
    preChat: {},
    pageUrl: null,
    lastSeq: 3,
    cursors: { visitorDeliveredSeq: 0, visitorReadSeq: 0, agentDeliveredSeq: 0, agentReadSeq: 0 },
    rating: null,
    endedBy: null,
    startedAt: now,
    queuedAt: now,
    acceptedAt: null,
    endedAt: null,
    lastActivityAt: now,
    ...patch,
  };
}
