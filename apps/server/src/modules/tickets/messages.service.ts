import type { TicketChanges, TicketStatus } from '@switchboard/contracts';
import { and, eq, gt, ne } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { RowShape, rawRows } from '../../platform/db/raw.js';
import { AppError, forbidden, invalid } from '../../platform/errors.js';
import { EVENT_INSERT_COLUMNS, eventValues, recordEvent } from '../../platform/events/outbox.js';
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

const TICKET_ROW = new RowShape<TicketRow>(ticketColumns, 't');
const MESSAGE_ROW = new RowShape<MessageRow>(messageColumns, 'm');

type Stamps = Record<'lastMessage' | 'agentReply' | 'firstResponse' | 'customerMessage', boolean>;
const writeTexts = new Map<string, string>();

/**
 * One statement per message, whatever the channel: the ticket takes the next sequence number
 * and moves its counters, stamps and conversation vector; the message is inserted with that
 * number; its `message.created` event is recorded (payload $17 plus the sequence number).
 * $1 ticket, $2 search document, $3–$15 the message, $16–$22 the event (see eventValues).
 */
function writeMessageSql(stamps: Stamps): string {
  const key = Object.values(stamps).join();
  let text = writeTexts.get(key);
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
    text = `with t as (
    update "tickets" set ${set.join(', ')} where "id" = $1 returning ${TICKET_ROW.names}),
  m as (
    insert into "messages" ("id", "workspace_id", "ticket_id", "seq", "kind", "author_kind", "author_id", "via_token_id",
      "channel", "body_html", "body_text", "mentions", "external_id", "meta", "search_vector")
    values ($3, $4, $5, (select "last_seq" from t), $6, $7, $8, $9, $10, $11, $12, $13::uuid[], $14, $15::jsonb, to_tsvector('simple', $2))
    returning ${MESSAGE_ROW.names}),
  e as (
    insert into "outbox_events" ${EVENT_INSERT_COLUMNS}
    values ($16, $17, $18, $19, $20, $21::jsonb || jsonb_build_object('seq', (select "seq" from m)), $22::jsonb))
  select ${TICKET_ROW.list}, ${MESSAGE_ROW.list} from t, m`;
    writeTexts.set(key, text);
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
  const stamps = {
    lastMessage: isPublic,
    agentReply: isPublic && staff,
    firstResponse: isPublic && staff && !ticket.firstResponseAt,
    customerMessage: isPublic && !staff,
  };
  const messageId = uuidv7();
  const channel = input.channel ?? (staff ? (ticket.channel === 'web_chat' ? 'web_chat' : 'agent') : ticket.channel);
  const event = eventValues(ctx.actor, {
    workspaceId: ticket.workspaceId,
    type: 'message.created',
    subject: { type: 'ticket', id: ticket.id },
    payload: {
      ticketId: ticket.id,
      messageId,
      kind: input.kind,
      authorKind: author.authorKind,
      channel,
      ...(input.pushedByWriter ? { pushed: true } : {}),
    },
  });
  const [row] = await rawRows(tx, writeMessageSql(stamps), [
    ticket.id,
    document,
    messageId,
    ticket.workspaceId,
    ticket.id,
    input.kind,
    author.authorKind,
    author.authorId,
    author.viaTokenId,
    channel,
    body.html,
    body.text,
    mentions,
    input.externalId ?? null,
    JSON.stringify(input.meta ?? {}),
    ...event,
  ]);
  if (!row) throw new AppError('ticket.not_found', 404, 'Ticket not found');
  let current = TICKET_ROW.map(row);
  ticket.lastSeq = current.lastSeq;
  const message = MESSAGE_ROW.map(row);
  if (files.length) {
    await claimStagedAttachments(
      tx,
      files.map((f) => f.id),
      { messageId: message.id, ticketId: ticket.id },
    );
  }

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
