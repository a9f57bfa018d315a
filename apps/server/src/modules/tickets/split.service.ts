import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { invalid, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import { searchDocument } from '../../platform/search/text-search.js';
import { insertLink, timelineEvent } from './merge.service.js';
import { newConversationVector, ticketSearchVector } from './ticket-search.js';
import { appendMessage, assertNotMerged, runHooks } from './ticket-writer.js';
import { requireTicketPermission } from './tickets.policy.js';
import { findUsersByIds, listFieldDefs, type MessageRow, nextTicketNumber, type TicketRow } from './tickets.repo.js';
import { attachments, messageColumns, messages, ticketColumns, tickets } from './tickets.schema.js';
import { loadVisible, type TicketsCore, type ticketsService, viewerFor } from './tickets.service.js';

async function findSplittable(db: DbOrTx, ticket: TicketRow, messageId: string): Promise<MessageRow> {
  const [message] = await db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.workspaceId, ticket.workspaceId), eq(messages.ticketId, ticket.id), eq(messages.id, messageId)));
  if (!message) throw notFound('message.not_found', 'Message');
  // A new ticket starts with words its requester can read: notes and events stay where they are.
  if (message.kind !== 'reply') throw invalid('messageId', 'Only public replies can be split into a new ticket', 'message_not_splittable');
  return message;
}

/** The new ticket, for the same requester, with the same classification as the source. */
async function insertTicket(tx: Tx, source: TicketRow, message: MessageRow, number: number, subject: string): Promise<TicketRow> {
  const requester = (await findUsersByIds(tx, source.workspaceId, [source.requesterId])).get(source.requesterId);
  const fromCustomer = message.authorKind === 'customer';
  const now = new Date();
  const [row] = await tx
    .insert(tickets)
    .values({
      id: uuidv7(),
      workspaceId: source.workspaceId,
      number,
      subject,
      status: 'new',
      priority: source.priority,
      typeId: source.typeId,
      categoryId: source.categoryId,
      channel: source.channel,
      language: source.language,
      requesterId: source.requesterId,
      organizationId: source.organizationId,
      messageCount: 1,
      lastMessageAt: message.createdAt,
      lastCustomerMessageAt: fromCustomer ? message.createdAt : null,
      lastAgentReplyAt: fromCustomer ? null : message.createdAt,
      searchVector: ticketSearchVector({ number, subject, requester }),
      // the copy's words are the original's: its stored vector
      conversationVector: newConversationVector(
        { number, subject, requester },
        sql`coalesce((select m.search_vector from messages m where m.id = ${message.id}), ''::tsvector)`,
      ),
      createdAt: now,
      updatedAt: now,
    })
    .returning(ticketColumns);
  return row as TicketRow;
}

/** A copy of the message (same author and time) and of its attachments (new rows, same stored bytes). */
async function copyMessage(tx: Tx, ticket: TicketRow, source: TicketRow, original: MessageRow): Promise<MessageRow> {
  const copy = await appendMessage(tx, ticket, {
    kind: 'reply',
    authorKind: original.authorKind,
    authorId: original.authorId,
    viaTokenId: original.viaTokenId,
    channel: original.channel,
    bodyHtml: original.bodyHtml,
    bodyText: original.bodyText,
    meta: { ...original.meta, splitFrom: { ticketId: source.id, messageId: original.id } },
    deliveryState: original.deliveryState,
    searchVector: sql`to_tsvector('simple', ${searchDocument(original.bodyText)})`,
    createdAt: original.createdAt,
  });
  const files = await tx.select().from(attachments).where(eq(attachments.messageId, original.id));
  if (files.length) {
    await tx.insert(attachments).values(files.map((f) => ({ ...f, id: uuidv7(), ticketId: ticket.id, messageId: copy.id })));
  }
  return copy;
}

async function recordCreated(tx: Tx, ctx: Ctx, created: TicketRow, copy: MessageRow, splitFromId: string) {
  const subject = { type: 'ticket', id: created.id };
  const { number, channel, requesterId } = created;
  await recordEvent(tx, ctx.actor, {
    workspaceId: created.workspaceId,
    type: 'ticket.created',
    subject,
    payload: { ticketId: created.id, number, channel, requesterId, splitFromId },
  });
  await recordEvent(tx, ctx.actor, {
    workspaceId: created.workspaceId,
    type: 'message.created',
    subject,
    payload: { ticketId: created.id, messageId: copy.id, kind: 'reply', seq: copy.seq, authorKind: copy.authorKind },
  });
}

export function splitService(core: TicketsCore, ticketsApi: ReturnType<typeof ticketsService>) {
  const { p } = core;
  return {
    /** Copies one public reply into a new ticket for the same requester and links the two. */
    async split(ctx: Ctx, sourceId: string, input: { messageId: string; subject: string }) {
      const viewer = await viewerFor(core, ctx);
      requireTicketPermission(viewer, 'ticket.update');
      const checked = await loadVisible(core, p.db, viewer, sourceId);
      assertNotMerged(checked);
      await findSplittable(p.db, checked, input.messageId);
      // Taken outside the transaction, like create: a refused split leaves a gap, never a queue on the counter.
      const number = await nextTicketNumber(p.db, checked.workspaceId);
      return p.transaction(async (tx) => {
        const source = await loadVisible(core, tx, viewer, sourceId, true);
        assertNotMerged(source);
        const original = await findSplittable(tx, source, input.messageId);
        const created = await insertTicket(tx, source, original, number, input.subject);
        const copy = await copyMessage(tx, created, source, original);
        await recordCreated(tx, ctx, created, copy, source.id);
        const defs = await listFieldDefs(tx, created.workspaceId);
        let current = await runHooks(tx, ctx, null, { ...created, lastSeq: copy.seq }, [], {
          defs,
          hooks: core.hooks,
          kind: 'created',
          message: copy,
        });

        await insertLink(tx, source, current, viewer.actor.userId);
        await timelineEvent(tx, ctx, source, { type: 'split_to', ticketId: current.id, number, messageId: original.id });
        await timelineEvent(tx, ctx, current, { type: 'split_from', ticketId: source.id, number: source.number, messageId: original.id });
        const link = { ticketId: source.id, number: source.number, otherId: current.id, otherNumber: number };
        await recordEvent(tx, ctx.actor, {
          workspaceId: source.workspaceId,
          type: 'ticket.linked',
          subject: { type: 'ticket', id: source.id },
          payload: link,
        });
        await recordEvent(tx, ctx.actor, {
          workspaceId: source.workspaceId,
          type: 'ticket.split',
          subject: { type: 'ticket', id: source.id },
          payload: { sourceId: source.id, ticketId: current.id, number, messageId: original.id },
        });
        [current] = (await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, current.id))) as [TicketRow];
        return ticketsApi.present(tx, viewer, current);
      });
    },
  };
}

export type SplitService = ReturnType<typeof splitService>;
