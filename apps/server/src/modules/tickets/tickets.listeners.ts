import { and, asc, eq, gt } from 'drizzle-orm';
import type { DomainEvent } from '../../platform/events/outbox.js';
import type { Platform } from '../../platform/platform.js';
import { rooms } from '../../platform/realtime.js';
import { conversationWithTicketWords, ticketSearchVector } from './ticket-search.js';
import { presentMessageForAgent, presentMessageForCustomer } from './tickets.presenter.js';
import {
  type AttachmentRow,
  findAttachmentsOfMessages,
  findFollowerIds,
  findMessages,
  findTicket,
  findUsersByIds,
  type MessageRow,
  type TicketRow,
  type UserSummary,
} from './tickets.repo.js';
import { tickets } from './tickets.schema.js';
import type { TicketsCore } from './tickets.service.js';

/** Realtime rooms of a ticket: staff see everything, the customer room only public replies. */
export const ticketRooms = {
  staff: (ticketId: string) => `ticket:${ticketId}`,
  customer: (ticketId: string) => `conversation:${ticketId}`,
};

/**
 * A new message to the ticket's open screens: staff get it whole, the staff room a change
 * summary (gathered, see StaffFeed), the customer's room the customer presenter's view
 * (nothing, for a note or an event).
 */
export function pushMessageCreated(
  core: TicketsCore,
  ticket: TicketRow,
  message: MessageRow,
  users: Map<string, UserSummary>,
  files: AttachmentRow[],
): void {
  const rt = core.p.realtime;
  if (!rt) return;
  rt.emit(ticketRooms.staff(ticket.id), 'message.created', presentMessageForAgent(message, users, files));
  core.feed.add(ticket.workspaceId, {
    id: ticket.id,
    number: ticket.number,
    version: ticket.version,
    status: ticket.status,
    lastSeq: ticket.lastSeq,
    type: 'message.created',
    kind: message.kind,
  });
  const customerView = presentMessageForCustomer(message, users, files);
  if (customerView) rt.emit(ticketRooms.customer(ticket.id), 'message.created', customerView);
}

/**
 * Pushes ticket changes and new messages after commit. Reloads by id (listeners are
 * idempotent); customers get the customer presenter or nothing, so a note can never reach them.
 */
export function registerTicketListeners(p: Platform, core: TicketsCore): void {
  p.outbox.on(
    'tickets.realtime',
    ['ticket.created', 'ticket.updated', 'message.created', 'sla.warning', 'sla.breached'],
    async (event: DomainEvent) => {
      const rt = p.realtime;
      const ticketId = String(event.payload.ticketId ?? '');
      if (!rt || !event.workspaceId || !ticketId) return;
      // The writer pushed it right after its commit (live chat), from the rows it held.
      if (event.type === 'message.created' && event.payload.pushed === true) return;
      const ticket = await findTicket(p.db, event.workspaceId, ticketId);
      if (!ticket) return;
      const summary = { id: ticket.id, number: ticket.number, version: ticket.version, status: ticket.status, lastSeq: ticket.lastSeq };
      if (event.type !== 'message.created') {
        const change = {
          ...summary,
          type: event.type,
          fields: event.payload.fields ?? [],
          assigneeId: ticket.assigneeId,
          teamId: ticket.teamId,
        };
        rt.emit(rooms.staff(event.workspaceId), 'ticket.changed', change);
        // SLA state is internal: staff only.
        if (event.type.startsWith('sla.')) return;
        const customerChange = { ...summary, type: event.type };
        rt.emit(ticketRooms.customer(ticket.id), 'ticket.changed', customerChange);
        const followers = (await findFollowerIds(p.db, [ticket.id])).get(ticket.id) ?? [];
        for (const userId of [ticket.requesterId, ...followers]) rt.emit(rooms.user(userId), 'ticket.changed', customerChange);
        return;
      }
      const seq = Number(event.payload.seq);
      const [message] = await findMessages(p.db, ticket.id, seq - 1, 1, false);
      if (!message) return;
      // Loaded once for both audiences; the customer presenter drops anything but a public reply.
      const users = await findUsersByIds(p.db, ticket.workspaceId, [message.authorId ?? '']);
      const files = (await findAttachmentsOfMessages(p.db, [message.id])).get(message.id) ?? [];
      pushMessageCreated(core, ticket, message, users, files);
    },
  );
  // Links, merges and splits change two tickets at once (links panel, timeline, merged banner):
  // open screens of both refresh. Staff only; the customer's view of either does not change.
  p.outbox.on('tickets.relations', ['ticket.linked', 'ticket.unlinked', 'ticket.merged', 'ticket.split'], async (event: DomainEvent) => {
    const rt = p.realtime;
    if (!rt || !event.workspaceId) return;
    const ids = [event.payload.ticketId, event.payload.otherId, event.payload.sourceId, event.payload.targetId];
    for (const id of new Set(ids.filter((v): v is string => typeof v === 'string' && v !== ''))) {
      const ticket = await findTicket(p.db, event.workspaceId, id);
      if (!ticket) continue;
      rt.emit(rooms.staff(event.workspaceId), 'ticket.changed', {
        id: ticket.id,
        number: ticket.number,
        version: ticket.version,
        status: ticket.status,
        lastSeq: ticket.lastSeq,
        type: event.type,
        fields: ['links'],
        assigneeId: ticket.assigneeId,
        teamId: ticket.teamId,
      });
    }
  });
  // A mention in a note reaches the mentioned agent at once, wherever they are in the app.
  p.outbox.on('tickets.mentions', ['mention.created'], async (event: DomainEvent) => {
    const userId = String(event.payload.userId ?? '');
    if (!p.realtime || !userId) return;
    p.realtime.emit(rooms.user(userId), 'mention', {
      ticketId: event.payload.ticketId,
      number: event.payload.number,
      messageId: event.payload.messageId,
      byUserId: (event.actor as { userId?: string }).userId ?? null,
    });
  });
  // A requester's name and email are words of their tickets: a rename re-indexes them, so the
  // new name finds them and the old one no longer does.
  p.outbox.on('tickets.requester-words', ['user.updated'], async (event: DomainEvent) => {
    const fields = (event.payload.fields as string[] | undefined) ?? [];
    if (!event.workspaceId || !event.subjectId || !(fields.includes('name') || fields.includes('email'))) return;
    await reindexRequesterTickets(p, event.workspaceId, event.subjectId);
  });
  void core;
}

const REINDEX_PAGE = 200;

/** Recomputes the ticket words (search vector, A-words of the conversation vector) of a requester's tickets, a page at a time. */
async function reindexRequesterTickets(p: Platform, workspaceId: string, userId: string) {
  const requester = (await findUsersByIds(p.db, workspaceId, [userId])).get(userId);
  if (!requester) return;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await p.db
      .select({ id: tickets.id, number: tickets.number, subject: tickets.subject })
      .from(tickets)
      .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.requesterId, userId), gt(tickets.id, after)))
      .orderBy(asc(tickets.id))
      .limit(REINDEX_PAGE);
    for (const t of page) {
      const words = { number: t.number, subject: t.subject, requester };
      await p.db
        .update(tickets)
        .set({ searchVector: ticketSearchVector(words), conversationVector: conversationWithTicketWords(words) })
        .where(eq(tickets.id, t.id));
    }
    if (page.length < REINDEX_PAGE) return;
    after = page[page.length - 1]?.id ?? after;
  }
}
