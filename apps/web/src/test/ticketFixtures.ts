import type { Agent, CustomerTicket, Message, Ticket, TicketListItem } from '../api/types';
import { testUser } from './renderApp';

// Stable, valid-looking ids so tests read well and match the server's uuid shapes.
export const ids = {
  ticket: '00000000-0000-4000-8000-000000000001',
  ticket2: '00000000-0000-4000-8000-000000000002',
  ticket3: '00000000-0000-4000-8000-000000000003',
  customer: '00000000-0000-4000-8000-00000000c001',
  grace: '00000000-0000-4000-8000-00000000a002',
  team: '00000000-0000-4000-8000-00000000e001',
  view: '00000000-0000-4000-8000-00000000f001',
  macro: '00000000-0000-4000-8000-00000000d001',
};

const at = '2026-03-04T11:00:00.000Z';

export function ticket(patch: Partial<Ticket> = {}): Ticket {
  return {
    id: ids.ticket,
    number: 42,
    subject: 'Printer on fire',
    status: 'open',
    priority: 'normal',
    typeId: null,
    categoryId: null,
    channel: 'portal',
    language: 'en',
    requester: { id: ids.customer, name: 'Carl Customer', email: 'carl@example.com', kind: 'customer' },
    organizationId: null,
    assigneeId: null,
    teamId: null,
    tags: [],
    customFields: {},
    followerIds: [],
    version: 5,
    mergedIntoId: null,
    sla: { state: 'none', dueAt: null, policyId: null, clocks: [] },
    messageCount: 1,
    lastSeq: 3,
    firstResponseAt: null,
    lastMessageAt: at,
    solvedAt: null,
    closedAt: null,
    reopenedCount: 0,
    satisfaction: null,
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

export function listItem(patch: Partial<TicketListItem> = {}): TicketListItem {
  const { followerIds: _ignored, ...rest } = ticket();
  return { ...rest, snippet: null, ...patch };
}

export function message(seq: number, patch: Partial<Message> = {}): Message {
  return {
    id: `00000000-0000-4000-9000-${String(seq).padStart(12, '0')}`,
    ticketId: ids.ticket,
    seq,
    kind: 'reply',
    author: { id: ids.customer, name: 'Carl Customer', email: 'carl@example.com', kind: 'customer' },
    authorKind: 'customer',
    channel: 'portal',
    bodyHtml: `<p>Message ${seq}</p>`,
    bodyText: `Message ${seq}`,
    event: null,
    mentions: [],
    attachments: [],
    deliveryState: 'sent',
    pinned: false,
    assistantHandoff: null,
    createdAt: at,
    ...patch,
  };
}

export function agent(patch: Partial<Agent> = {}): Agent {
  return {
    id: testUser.id,
    name: testUser.name,
    email: testUser.email,
    role: 'agent',
    availability: 'online',
    availabilityChangedAt: null,
    capacity: null,
    skills: {},
    openCount: 0,
    teamIds: [],
    lastAssignedAt: null,
    ...patch,
  };
}

export function customerTicket(patch: Partial<CustomerTicket> = {}): CustomerTicket {
  return {
    id: ids.ticket,
    number: 42,
    subject: 'Printer on fire',
    status: 'open',
    categoryId: null,
    channel: 'portal',
    requester: { id: ids.customer, name: 'Carl Customer' },
    assigneeName: null,
    customFields: {},
    following: false,
    mergedIntoNumber: null,
    lastSeq: 2,
    satisfaction: null,
    satisfactionComment: null,
    solvedAt: null,
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}
