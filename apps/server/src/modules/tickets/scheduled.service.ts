import type { Permission, ScheduledMessage, TicketStatus } from '@switchboard/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { hasPermission, type UserActor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import { roles, users } from '../identity/index.js';
import { prepareBody } from './message-body.js';
import { type NewMessage, writeMessage } from './messages.service.js';
import { appendMessage, assertNotMerged } from './ticket-writer.js';
import { requireTicketPermission } from './tickets.policy.js';
import { findStagedAttachments, lockTicket } from './tickets.repo.js';
import { scheduledMessages } from './tickets.schema.js';
import { loadVisible, type TicketsCore, viewerFor } from './tickets.service.js';

export const SCHEDULED_SEND_JOB = 'tickets.scheduled-send';

const MIN_DELAY_MS = 10_000;
const MAX_DELAY_MS = 365 * 24 * 3600_000;

type ScheduledRow = typeof scheduledMessages.$inferSelect;

export function presentScheduled(row: ScheduledRow): ScheduledMessage {
  return {
    id: row.id,
    ticketId: row.ticketId,
    authorId: row.authorId,
    kind: row.kind,
    bodyHtml: row.bodyHtml,
    attachmentIds: row.attachmentIds,
    thenStatus: (row.thenStatus as TicketStatus | null) ?? null,
    sendAt: row.sendAt.toISOString(),
    state: row.state,
    messageId: row.messageId,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const scheduledNotFound = () => notFound('scheduled_message.not_found', 'Scheduled message');
/** Reasons a due message cannot go out; anything else (database down) is retried by the job queue. */
const failure = (message: string) => new AppError('scheduled_message.not_pending', 409, message);

/**
 * The author as they are now (not when they scheduled): a disabled account or a role that lost
 * the permission must not keep speaking for the workspace.
 */
async function authorActor(tx: Tx, workspaceId: string, authorId: string): Promise<UserActor> {
  const [row] = await tx
    .select({ user: users, role: roles })
    .from(users)
    .leftJoin(roles, and(eq(roles.workspaceId, users.workspaceId), eq(roles.key, users.role)))
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, authorId)));
  if (!row) throw failure('The author no longer exists');
  if (row.user.disabledAt) throw failure('The author’s account is disabled');
  if (!row.role || row.role.audience === 'customer') throw failure('The author is no longer a staff member');
  return {
    kind: 'agent',
    userId: row.user.id,
    workspaceId,
    role: row.user.role,
    permissions: new Set(row.role.permissions as Permission[]),
  };
}

export function scheduledService(core: TicketsCore) {
  const { p } = core;
  const log = p.log as unknown as Ctx['log'];

  async function lockRow(tx: Tx, id: string): Promise<ScheduledRow | null> {
    const [row] = await tx.select().from(scheduledMessages).where(eq(scheduledMessages.id, id)).for('update');
    return row ?? null;
  }

  /** Writes the message as its author. Throws AppError when it cannot be sent any more. */
  async function deliver(tx: Tx, row: ScheduledRow) {
    const actor = await authorActor(tx, row.workspaceId, row.authorId);
    const ctx: Ctx = { actor, log };
    const permission = row.kind === 'note' ? 'ticket.note' : 'ticket.reply';
    if (!hasPermission(actor, 'ticket.read') || !hasPermission(actor, permission)) {
      throw failure(`The author no longer has the ${permission} permission`);
    }
    const viewer = await viewerFor(core, ctx, tx);
    const ticket = await loadVisible(core, tx, viewer, row.ticketId, true).catch((err) => {
      throw err instanceof AppError ? failure('The author can no longer see this ticket') : err;
    });
    assertNotMerged(ticket);
    if (ticket.status === 'closed') throw failure('The ticket was closed before the message was due');
    const input: NewMessage = {
      kind: row.kind,
      bodyHtml: row.bodyHtml,
      attachmentIds: row.attachmentIds,
      ...(row.thenStatus ? { status: row.thenStatus as TicketStatus } : {}),
    };
    const { message } = await writeMessage(tx, core, ctx, ticket, input, row.authorId);
    await tx
      .update(scheduledMessages)
      .set({ state: 'sent', messageId: message.id, error: null, updatedAt: new Date() })
      .where(eq(scheduledMessages.id, row.id));
    await recordEvent(tx, actor, {
      workspaceId: row.workspaceId,
      type: 'scheduled_message.sent',
      subject: { type: 'ticket', id: row.ticketId },
      payload: { scheduledMessageId: row.id, ticketId: row.ticketId, messageId: message.id, authorId: row.authorId },
    });
  }

  /** Marks it failed and leaves a note on the timeline so the team sees why nothing went out. */
  async function markFailed(id: string, reason: string): Promise<void> {
    await p.transaction(async (tx) => {
      const row = await lockRow(tx, id);
      if (row?.state !== 'scheduled') return;
      const ticket = await lockTicket(tx, row.workspaceId, row.ticketId);
      await tx.update(scheduledMessages).set({ state: 'failed', error: reason, updatedAt: new Date() }).where(eq(scheduledMessages.id, id));
      const system = { kind: 'system' as const, workspaceId: row.workspaceId };
      if (ticket) {
        await appendMessage(tx, ticket, {
          kind: 'event',
          authorKind: 'system',
          authorId: null,
          viaTokenId: null,
          channel: 'system',
          event: { type: 'scheduled_message_failed', scheduledMessageId: id, authorId: row.authorId, error: reason },
        });
      }
      await recordEvent(tx, system, {
        workspaceId: row.workspaceId,
        type: 'scheduled_message.failed',
        subject: { type: 'ticket', id: row.ticketId },
        payload: { scheduledMessageId: id, ticketId: row.ticketId, authorId: row.authorId, error: reason },
      });
    });
  }

  return {
    async schedule(ctx: Ctx, ticketId: string, input: NewMessage, sendAt: Date): Promise<ScheduledMessage> {
      const viewer = await viewerFor(core, ctx);
      if (!viewer.staff) throw forbidden('Only staff can schedule messages');
      requireTicketPermission(viewer, input.kind === 'note' ? 'ticket.note' : 'ticket.reply');
      const delay = sendAt.getTime() - Date.now();
      if (delay < MIN_DELAY_MS || delay > MAX_DELAY_MS) {
        throw invalid('sendAt', 'Schedule between 10 seconds and one year from now', 'send_at_out_of_range');
      }
      const body = prepareBody(input);
      const ws = viewer.actor.workspaceId;
      const files = await findStagedAttachments(p.db, ws, viewer.actor.userId, input.attachmentIds ?? []);
      if (files.length !== new Set(input.attachmentIds ?? []).size) {
        throw invalid('attachmentIds', 'Unknown attachment, or one already used', 'attachment_not_found');
      }
      return p.transaction(async (tx) => {
        const ticket = await loadVisible(core, tx, viewer, ticketId);
        assertNotMerged(ticket);
        if (ticket.status === 'closed') throw new AppError('ticket.closed', 409, 'This ticket is closed; open a new ticket to follow up');
        const [row] = await tx
          .insert(scheduledMessages)
          .values({
            id: uuidv7(),
            workspaceId: ws,
            ticketId: ticket.id,
            authorId: viewer.actor.userId,
            kind: input.kind,
            bodyHtml: body.html,
            attachmentIds: files.map((f) => f.id),
            thenStatus: input.status ?? null,
            sendAt,
          })
          .returning();
        const scheduled = row as ScheduledRow;
        await p.jobs.enqueue(tx, ctx.actor, SCHEDULED_SEND_JOB, { id: scheduled.id }, { startAfter: sendAt });
        return presentScheduled(scheduled);
      });
    },

    async list(ctx: Ctx, ticketId: string): Promise<ScheduledMessage[]> {
      const viewer = await viewerFor(core, ctx);
      requireTicketPermission(viewer, 'ticket.read');
      const ticket = await loadVisible(core, p.db, viewer, ticketId);
      const rows = await p.db
        .select()
        .from(scheduledMessages)
        .where(and(eq(scheduledMessages.workspaceId, ticket.workspaceId), eq(scheduledMessages.ticketId, ticket.id)))
        .orderBy(asc(scheduledMessages.sendAt), asc(scheduledMessages.id));
      return rows.map(presentScheduled);
    },

    /** The author, or anyone who may update the ticket, cancels while it is still pending. */
    async cancel(ctx: Ctx, id: string): Promise<void> {
      const viewer = await viewerFor(core, ctx);
      requireTicketPermission(viewer, 'ticket.read');
      await p.transaction(async (tx) => {
        const row = await lockRow(tx, id);
        if (!row || row.workspaceId !== viewer.actor.workspaceId) throw scheduledNotFound();
        await loadVisible(core, tx, viewer, row.ticketId).catch((err) => {
          throw err instanceof AppError ? scheduledNotFound() : err;
        });
        if (row.authorId !== viewer.actor.userId && !hasPermission(viewer.actor, 'ticket.update')) throw forbidden();
        if (row.state !== 'scheduled') {
          throw new AppError('scheduled_message.not_pending', 409, `This message is already ${row.state}`);
        }
        await tx.update(scheduledMessages).set({ state: 'cancelled', updatedAt: new Date() }).where(eq(scheduledMessages.id, id));
      });
    },

    /**
     * The job: sends the message if it is still scheduled. The row lock and state check make a
     * second run (retry, duplicate delivery) a no-op.
     */
    async send(id: string): Promise<'sent' | 'skipped' | 'failed'> {
      try {
        return await p.transaction(async (tx) => {
          const row = await lockRow(tx, id);
          if (row?.state !== 'scheduled') return 'skipped';
          await deliver(tx, row);
          return 'sent';
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        await markFailed(id, err.message);
        return 'failed';
      }
    },
  };
}

export type ScheduledService = ReturnType<typeof scheduledService>;
