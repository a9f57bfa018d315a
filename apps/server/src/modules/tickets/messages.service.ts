import type { TicketChanges, TicketStatus } from '@switchboard/contracts';
import { and, eq, gt, ne } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { RowShape, rawRows } from '../../platform/db/raw.js';
import { AppError, forbidden, invalid } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { extractMentions } from '../../platform/html.js';
import { uuidv7 } from '../../platform/ids.js';
import { searchDocument } from '../../platform/search/text-search.js';
import { prepareBody } from './message-body.js';
import { statusAfterAgentReply, statusAfterCustomerReply } from './ticket-status.js';
import { applyChanges, assertNotMerged, authorOf, runHooks } from './ticket-writer.js';
import { requireTicketPermission, type TicketViewer } from './tickets.policy.js';
import { presentMessageForAgent, presentMessageForCustomer } from './tickets.presenter.js';
import {
  claimStagedAttachments,
  findAttachmentsOfMessages,
  findMessages,
  findStagedAttachments,
  findUsersByIds,
  type MessageRow,
  type TicketRow,
} from './tickets.repo.js';
import { messageColumns, messages, ticketColumns } from './tickets.schema.js';
import { fieldDefsOf, loadVisible, type TicketsCore, viewerFor } from './tickets.service.js';

export interface NewMessage {
  kind: 'reply' | 'note';
  bodyHtml?: string | undefined;
  bodyText?: string | undefined;
  attachmentIds?: string[] | undefined;
  status?: TicketStatus | undefined;
  seenSeq?: number | undefined;
  force?: boolean | undefined;
  /** Channel metadata (email Message-ID, external ids); set by channel adapters. */
  externalId?: string | undefined;
  meta?: Record<string, unknown> | undefined;
  channel?: string | undefined;
  /** The caller pushes the new message to the ticket's rooms itself after commit (live chat). */
  pushedByWriter?: boolean | undefined;
}

/** Staff writing after someone else's public message they have not seen gets a warning first. */
async function assertNoNewActivity(tx: Tx, ticket: TicketRow, viewer: TicketViewer, seenSeq: number | undefined) {
  if (seenSeq === undefined || seenSeq >= ticket.lastSeq) return;
  const newer = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.ticketId, ticket.id),
        gt(messages.seq, seenSeq),
        ne(messages.kind, 'event'),
        ne(messages.authorId, viewer.actor.userId),
      ),
    )
    .limit(1);
  if (newer.length) {
    throw new AppError('ticket.new_activity', 409, 'Someone replied since you opened this ticket; review it, then send again (force)');
  }
}

const TICKET_ROW = new RowShape<TicketRow>(ticketColumns);
const MESSAGE_ROW = new RowShape<MessageRow>(messageColumns);

const INSERT_MESSAGE = `insert into "messages" ("id", "workspace_id", "ticket_id", "seq", "kind", "author_kind", "author_id",
    "via_token_id", "channel", "body_html", "body_text", "mentions", "external_id", "meta", "search_vector")
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::uuid[], $13, $14::jsonb, to_tsvector('simple', $15))
  returning ${MESSAGE_ROW.list}`;

type Stamps = Record<'lastMessage' | 'agentReply' | 'firstResponse' | 'customerMessage', boolean>;
const bumpTexts = new Map<string, string>();

/** `update tickets` for a new message: $1 the ticket, $2 the message's search document. */
function bumpTicketSql(stamps: Stamps): string {
  const key = Object.values(stamps).join();
  let text = bumpTexts.get(key);
  if (!text) {
    const set = [
      '"last_seq" = "last_seq" + 1',
      '"message_count" = "message_count" + 1',
      '"updated_at" = now()',
      `"conversation_vector" = conversation_append("conversation_vector", setweight(coalesce(to_tsvector('simple', $2), ''::tsvector), 'D'))`,
    ];
    if (stamps.lastMessage) set.push('"last_message_at" = now()');
    if (stamps.agentReply) set.push('"last_agent_reply_at" = now()');
    if (stamps.firstResponse) set.push('"first_response_at" = now()');
    if (stamps.customerMessage) set.push('"last_customer_message_at" = now()');
    text = `update "tickets" set ${set.join(', ')} where "id" = $1 returning ${TICKET_ROW.list}`;
    bumpTexts.set(key, text);
  }
  return text;
}

/**
 * Writes a reply or note on a locked ticket, moves the status the way a conversation should
 * (customer reply reopens, agent reply takes a new ticket into work), records events and runs
 * the hooks. The one path for every channel.
 */
export async function writeMessage(tx: Tx, core: TicketsCore, ctx: Ctx, ticket: TicketRow, input: NewMessage, uploaderId: string | null) {
  const staff = ctx.actor.kind !== 'customer';
  const body = prepareBody(input);
  const mentions = input.kind === 'note' ? extractMentions(body.html) : [];
  if (mentions.length) {
    const found = await findUsersByIds(tx, ticket.workspaceId, mentions);
    const bad = mentions.filter((id: string) => found.get(id)?.role === 'customer' || !found.get(id));
    if (bad.length) throw invalid('bodyHtml', 'Only staff can be mentioned in a note', 'mention_invalid');
  }
  const files = await findStagedAttachments(tx, ticket.workspaceId, uploaderId, input.attachmentIds ?? []);
  if (files.length !== new Set(input.attachmentIds ?? []).size) {
    throw invalid('attachmentIds', 'Unknown attachment, or one already used', 'attachment_not_found');
  }
  const author = authorOf(ctx);
  const document = searchDocument(body.text);
  const isPublic = input.kind === 'reply';
  // One statement takes the next sequence number and moves the ticket's counters, stamps and
  // conversation vector; the message is then inserted with that number. Both are plain SQL
  // text: every message of every channel runs them (see platform/db/raw.ts).
  const stamps = {
    lastMessage: isPublic,
    agentReply: isPublic && staff,
    firstResponse: isPublic && staff && !ticket.firstResponseAt,
    customerMessage: isPublic && !staff,
  };
  const [row] = await rawRows(tx, bumpTicketSql(stamps), [ticket.id, document]);
  if (!row) throw new AppError('ticket.not_found', 404, 'Ticket not found');
  let current = TICKET_ROW.map(row);
  ticket.lastSeq = current.lastSeq;
  const [inserted] = await rawRows(tx, INSERT_MESSAGE, [
    uuidv7(),
    ticket.workspaceId,
    ticket.id,
    current.lastSeq,
    input.kind,
    author.authorKind,
    author.authorId,
    author.viaTokenId,
    input.channel ?? (staff ? (ticket.channel === 'web_chat' ? 'web_chat' : 'agent') : ticket.channel),
    body.html,
    body.text,
    mentions,
    input.externalId ?? null,
    JSON.stringify(input.meta ?? {}),
    document,
  ]);
  const message = MESSAGE_ROW.map(inserted ?? {});
  if (files.length) {
    await claimStagedAttachments(
      tx,
      files.map((f) => f.id),
      { messageId: message.id, ticketId: ticket.id },
    );
  }

  await recordEvent(tx, ctx.actor, {
    workspaceId: ticket.workspaceId,
    type: 'message.created',
    subject: { type: 'ticket', id: ticket.id },
    payload: {
      ticketId: ticket.id,
      messageId: message.id,
      kind: message.kind,
      seq: message.seq,
      authorKind: author.authorKind,
      channel: message.channel,
      ...(input.pushedByWriter ? { pushed: true } : {}),
    },
  });
  for (const userId of mentions) {
    await recordEvent(tx, ctx.actor, {
      workspaceId: ticket.workspaceId,
      type: 'mention.created',
      subject: { type: 'ticket', id: ticket.id },
      payload: { ticketId: ticket.id, number: ticket.number, messageId: message.id, userId },
    });
  }

  const defs = await fieldDefsOf(core.p, tx, ticket.workspaceId);
  current = await runHooks(tx, ctx, ticket, current, [], { defs, hooks: core.hooks, kind: 'message', message });

  let status = input.status;
  if (!status && isPublic) {
    status = staff ? statusAfterAgentReply(current.status as TicketStatus) : statusAfterCustomerReply(current.status as TicketStatus);
  }
  if (status && status !== current.status) {
    const changes: TicketChanges = { status };
    current = await applyChanges(tx, ctx, current, changes, { defs, hooks: core.hooks, message });
  }
  return { message, ticket: current };
}

export function messagesService(core: TicketsCore) {
  const { p } = core;
  return {
    async add(ctx: Ctx, ticketId: string, input: NewMessage) {
      const viewer = await viewerFor(core, ctx);
      if (viewer.staff) requireTicketPermission(viewer, input.kind === 'note' ? 'ticket.note' : 'ticket.reply');
      if (!viewer.staff && input.kind === 'note') throw forbidden('Customers cannot write internal notes');
      if (!viewer.staff && input.status && input.status !== 'solved') throw forbidden('Customers can only mark their ticket solved');
      return p.transaction(async (tx) => {
        const ticket = await loadVisible(core, tx, viewer, ticketId, true);
        assertNotMerged(ticket);
        if (ticket.status === 'closed') {
          throw new AppError('ticket.closed', 409, 'This ticket is closed; open a new ticket to follow up');
        }
        if (viewer.staff && !input.force) await assertNoNewActivity(tx, ticket, viewer, input.seenSeq);
        const { message, ticket: after } = await writeMessage(tx, core, ctx, ticket, input, viewer.actor.userId);
        const users = await findUsersByIds(tx, ticket.workspaceId, [message.authorId ?? '']);
        const files = (await findAttachmentsOfMessages(tx, [message.id])).get(message.id) ?? [];
        return {
          message: viewer.staff ? presentMessageForAgent(message, users, files) : presentMessageForCustomer(message, users, files),
          ticketVersion: after.version,
          status: after.status,
        };
      });
    },

    async list(ctx: Ctx, ticketId: string, q: { afterSeq: number; limit: number }) {
      const viewer = await viewerFor(core, ctx);
      const ticket = await loadVisible(core, p.db, viewer, ticketId);
      const rows = await findMessages(p.db, ticket.id, q.afterSeq, q.limit, !viewer.staff);
      return presentMessages(p.db, viewer.staff, ticket, rows);
    },
  };
}

export async function presentMessages(db: Tx | TicketsCore['p']['db'], staff: boolean, ticket: TicketRow, rows: MessageRow[]) {
  const users = await findUsersByIds(
    db,
    ticket.workspaceId,
    rows.map((m) => m.authorId ?? ''),
  );
  const files = await findAttachmentsOfMessages(
    db,
    rows.map((m) => m.id),
  );
  if (staff) return rows.map((m) => presentMessageForAgent(m, users, files.get(m.id)));
  return rows.map((m) => presentMessageForCustomer(m, users, files.get(m.id))).filter((m) => m !== null);
}
