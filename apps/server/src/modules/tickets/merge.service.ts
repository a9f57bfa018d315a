import type { TicketStatus } from '@switchboard/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { writeMessage } from './messages.service.js';
import { conversationWith } from './ticket-search.js';
import { appendMessage, applyChanges, authorOf } from './ticket-writer.js';
import { requireTicketPermission, type TicketViewer, workspaceScope } from './tickets.policy.js';
import { findLinkedTicketIds, listFieldDefs, type TicketRow } from './tickets.repo.js';
import { attachments, messages, ticketColumns, ticketFollowers, ticketLinks, tickets } from './tickets.schema.js';
import { loadVisible, type TicketsCore, type ticketsService, viewerFor } from './tickets.service.js';

const mergeInvalid = (message: string) => new AppError('merge.invalid', 409, message);
const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

export function linkedTicket(t: Pick<TicketRow, 'id' | 'number' | 'subject' | 'status'>) {
  return { id: t.id, number: t.number, subject: t.subject, status: t.status as TicketStatus };
}

/** Locks two tickets in id order, so two merges or links of the same pair cannot deadlock. */
export async function lockPair(core: TicketsCore, tx: Tx, viewer: TicketViewer, a: string, b: string): Promise<[TicketRow, TicketRow]> {
  const locked = new Map<string, TicketRow>();
  for (const id of [a, b].sort()) locked.set(id, await loadVisible(core, tx, viewer, id, true));
  return [locked.get(a) as TicketRow, locked.get(b) as TicketRow];
}

/** Adds a system event to a ticket's timeline, attributed to whoever acted. */
export async function timelineEvent(tx: Tx, ctx: Ctx, ticket: TicketRow, event: Record<string, unknown>) {
  await appendMessage(tx, ticket, { kind: 'event', ...authorOf(ctx), channel: 'system', event });
}

/** Moves every message of `source` after the target's last one, keeping their order. Returns what moved. */
async function moveMessages(tx: Tx, source: TicketRow, target: TicketRow) {
  const [counts] = await tx
    .select({ total: sql<number>`count(*)::int`, conversation: sql<number>`(count(*) filter (where ${messages.kind} <> 'event'))::int` })
    .from(messages)
    .where(eq(messages.ticketId, source.id));
  const total = Number(counts?.total ?? 0);
  const conversation = Number(counts?.conversation ?? 0);
  await tx.execute(sql`
    update messages m set ticket_id = ${target.id}, seq = ${target.lastSeq} + o.rn, moved_from_ticket_id = ${source.id}
    from (select id, row_number() over (order by seq) as rn from messages where ticket_id = ${source.id}) o
    where m.id = o.id`);
  await tx
    .update(tickets)
    .set({
      lastSeq: target.lastSeq + total,
      messageCount: sql`${tickets.messageCount} + ${conversation}`,
      lastMessageAt: later(target.lastMessageAt, source.lastMessageAt),
      lastCustomerMessageAt: later(target.lastCustomerMessageAt, source.lastCustomerMessageAt),
      version: sql`${tickets.version} + 1`,
      updatedAt: new Date(),
      // the moved messages' words (D: the source's own words stay with the source)
      conversationVector: conversationWith(sql`(select ts_filter(s.conversation_vector, '{d}') from tickets s where s.id = ${source.id})`),
    })
    .where(eq(tickets.id, target.id));
  await tx
    .update(tickets)
    .set({ messageCount: 0, conversationVector: sql`setweight(coalesce(${tickets.searchVector}, ''::tsvector), 'A')` })
    .where(eq(tickets.id, source.id));
  await tx.update(attachments).set({ ticketId: target.id }).where(eq(attachments.ticketId, source.id));
  return { total, conversation };
}

/**
 * The source's followers and requester follow the target from now on. They keep following the
 * source too, so the link they have still opens it and shows where the conversation went.
 */
async function carryFollowers(tx: Tx, source: TicketRow, target: TicketRow) {
  const rows = await tx.select({ userId: ticketFollowers.userId }).from(ticketFollowers).where(eq(ticketFollowers.ticketId, source.id));
  const ids = new Set([...rows.map((r) => r.userId), source.requesterId]);
  ids.delete(target.requesterId);
  if (!ids.size) return;
  await tx
    .insert(ticketFollowers)
    .values([...ids].map((userId) => ({ ticketId: target.id, userId, workspaceId: target.workspaceId })))
    .onConflictDoNothing();
}

export function mergeService(core: TicketsCore, ticketsApi: ReturnType<typeof ticketsService>) {
  const { p } = core;

  async function closeAsMerged(tx: Tx, ctx: Ctx, source: TicketRow, target: TicketRow) {
    const [fresh] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, source.id));
    const defs = await listFieldDefs(tx, source.workspaceId);
    // Staff may not close an open ticket; a merge may, so the close runs as the system.
    const system: Ctx = { ...ctx, actor: { kind: 'system', workspaceId: source.workspaceId } };
    await applyChanges(tx, system, fresh as TicketRow, { status: 'closed' }, { defs, hooks: core.hooks, quiet: true });
    const [row] = await tx.update(tickets).set({ mergedIntoId: target.id }).where(eq(tickets.id, source.id)).returning(ticketColumns);
    return row as TicketRow;
  }

  return {
    /** Merges `sourceId` into `input.targetId`: messages and followers move, the source closes with a pointer. */
    async merge(ctx: Ctx, sourceId: string, input: { targetId: string; note?: string | undefined }) {
      const viewer = await viewerFor(core, ctx);
      requireTicketPermission(viewer, 'ticket.merge');
      if (input.note) requireTicketPermission(viewer, 'ticket.note');
      if (sourceId === input.targetId) throw mergeInvalid('A ticket cannot be merged into itself');
      return p.transaction(async (tx) => {
        const [source, target] = await lockPair(core, tx, viewer, sourceId, input.targetId);
        if (source.mergedIntoId) throw mergeInvalid(`#${source.number} was already merged`);
        if (source.status === 'closed') throw mergeInvalid(`#${source.number} is closed`);
        if (target.mergedIntoId) throw mergeInvalid(`#${target.number} was merged into another ticket; merge into that one`);
        if (target.status === 'closed') throw mergeInvalid(`#${target.number} is closed`);

        const moved = await moveMessages(tx, source, target);
        await carryFollowers(tx, source, target);
        const closed = await closeAsMerged(tx, ctx, source, target);
        await timelineEvent(tx, ctx, closed, {
          type: 'merged_into',
          ticketId: target.id,
          number: target.number,
          messages: moved.total,
          changes: [{ field: 'status', from: source.status, to: 'closed' }],
        });
        const [targetRow] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, target.id));
        let current = targetRow as TicketRow;
        await timelineEvent(tx, ctx, current, { type: 'merged_from', ticketId: source.id, number: source.number, messages: moved.total });
        if (input.note)
          current = (await writeMessage(tx, core, ctx, current, { kind: 'note', bodyText: input.note }, viewer.actor.userId)).ticket;

        await recordMerge(tx, ctx, source, target, moved.total);
        const [after] = await tx.select(ticketColumns).from(tickets).where(eq(tickets.id, current.id));
        return ticketsApi.present(tx, viewer, after as TicketRow);
      });
    },

    async links(ctx: Ctx, id: string) {
      const viewer = await viewerFor(core, ctx);
      requireTicketPermission(viewer, 'ticket.read');
      const ticket = await loadVisible(core, p.db, viewer, id);
      const ids = await findLinkedTicketIds(p.db, ticket.id);
      if (!ids.length) return [];
      const rows = await p.db
        .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, status: tickets.status })
        .from(tickets)
        .where(and(workspaceScope(viewer), inArray(tickets.id, ids)))
        .orderBy(asc(tickets.number));
      return rows.map(linkedTicket);
    },

    /** Links two related tickets; linking an already linked pair changes nothing. */
    async link(ctx: Ctx, id: string, otherId: string) {
      const viewer = await viewerFor(core, ctx);
      requireTicketPermission(viewer, 'ticket.update');
      if (id === otherId) throw new AppError('link.invalid', 409, 'A ticket cannot be linked to itself');
      return p.transaction(async (tx) => {
        const [ticket, other] = await lockPair(core, tx, viewer, id, otherId);
        const created = await insertLink(tx, ticket, other, viewer.actor.userId);
        if (created) await linkEvents(tx, ctx, ticket, other, 'linked');
        return { created, ticket: linkedTicket(other) };
      });
    },

    async unlink(ctx: Ctx, id: string, otherId: string) {
      const viewer = await viewerFor(core, ctx);
      requireTicketPermission(viewer, 'ticket.update');
      await p.transaction(async (tx) => {
        const [ticket, other] = await lockPair(core, tx, viewer, id, otherId);
        const [a, b] = [ticket.id, other.id].sort() as [string, string];
        const removed = await tx
          .delete(ticketLinks)
          .where(and(eq(ticketLinks.ticketA, a), eq(ticketLinks.ticketB, b)))
          .returning();
        if (!removed.length) throw new AppError('link.invalid', 404, 'These tickets are not linked');
        await linkEvents(tx, ctx, ticket, other, 'unlinked');
      });
    },
  };
}

/** The email channel notifies both requesters from `ticket.merged`; `ticket.updated` refreshes open screens of the target. */
async function recordMerge(tx: Tx, ctx: Ctx, source: TicketRow, target: TicketRow, movedMessages: number) {
  const subject = { type: 'ticket', id: target.id };
  await recordEvent(tx, ctx.actor, {
    workspaceId: target.workspaceId,
    type: 'ticket.merged',
    subject,
    payload: {
      sourceId: source.id,
      sourceNumber: source.number,
      targetId: target.id,
      targetNumber: target.number,
      sourceRequesterId: source.requesterId,
      targetRequesterId: target.requesterId,
      movedMessages,
    },
  });
  await recordEvent(tx, ctx.actor, {
    workspaceId: target.workspaceId,
    type: 'ticket.updated',
    subject,
    payload: { ticketId: target.id, number: target.number, fields: ['messages', 'followerIds'] },
  });
}

/** One row per pair, smaller id first. Returns whether the link is new. */
export async function insertLink(tx: Tx, x: TicketRow, y: TicketRow, createdBy: string | null): Promise<boolean> {
  const [a, b] = [x.id, y.id].sort() as [string, string];
  const rows = await tx
    .insert(ticketLinks)
    .values({ workspaceId: x.workspaceId, ticketA: a, ticketB: b, createdBy })
    .onConflictDoNothing()
    .returning();
  return rows.length > 0;
}

async function linkEvents(tx: Tx, ctx: Ctx, ticket: TicketRow, other: TicketRow, kind: 'linked' | 'unlinked') {
  await timelineEvent(tx, ctx, ticket, { type: kind, ticketId: other.id, number: other.number });
  await timelineEvent(tx, ctx, other, { type: kind, ticketId: ticket.id, number: ticket.number });
  await recordEvent(tx, ctx.actor, {
    workspaceId: ticket.workspaceId,
    type: kind === 'linked' ? 'ticket.linked' : 'ticket.unlinked',
    subject: { type: 'ticket', id: ticket.id },
    payload: { ticketId: ticket.id, number: ticket.number, otherId: other.id, otherNumber: other.number },
  });
}

export type MergeService = ReturnType<typeof mergeService>;
