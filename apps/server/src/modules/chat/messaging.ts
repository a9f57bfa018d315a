import type { ChatSyncResult, SendChatMessageResult } from '@switchboard/contracts';
import { chatRoom } from '@switchboard/contracts';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, invalid } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { findOrCreateCustomer } from '../identity/index.js';
import { applyChanges, findAttachmentsOfMessages, pushMessageCreated, type TicketRow, writeMessage } from '../tickets/index.js';
import { runBotTurn } from './bot-turn.js';
import { type ChatCore, chatNotFound, isVisitor, limit, recordChatEvent, type SessionRef, settingsOf } from './chat.core.js';
import { cursorsOf, presentChatMessage } from './chat.presenter.js';
import {
  chatExternalId,
  findFileNames,
  findMessagesAfter,
  findSession,
  findTicketSummary,
  findUserNames,
  lockTicketAndSession,
  lockTicketRow,
  markSent,
  type SessionRow,
  setRequester,
  updateSession,
  WRITABLE_STATES,
} from './chat.repo.js';
import { attachmentsDisabled, presentChatAttachment } from './chat-attachments.js';
import { dispatchQueue, nextState } from './chat-routing.js';
import { isLive } from './chat-state.js';
import { tooLong, visitorView } from './conversations.service.js';

const MAX_FILES = 5;

/** Attachment ids of a message: well-formed, at most five, and only where the channel takes files. */
function checkAttachmentIds(ids: readonly string[] | undefined, enabled: boolean): string[] {
  const list = [...new Set(ids ?? [])];
  if (!list.length) return [];
  if (!enabled) throw attachmentsDisabled();
  if (list.length > MAX_FILES || !list.every(isUuid))
    throw invalid('attachmentIds', `Up to ${MAX_FILES} uploaded files`, 'attachment_not_found');
  return list;
}

async function fileNames(db: DbOrTx, workspaceId: string, ids: string[]): Promise<string> {
  const rows = await findFileNames(db, workspaceId, ids);
  return rows.map((r) => r.filename).join(', ') || 'File';
}

/** Everything the visitor may see after `afterSeq`; `lastSeq` covers hidden notes too, so cursors never stall. */
/** Rows read to find a conversation's first public message (a list's preview). */
const PREVIEW_SCAN = 20;

/**
 * The first public message of a conversation, shortened: what a list of the visitor's chats shows.
 * Through the visitor presenter, which drops notes and events, so a preview can never leak one.
 */
export async function firstPublicText(core: ChatCore, s: SessionRow): Promise<string | null> {
  const first = (await findMessagesAfter(core.p.db, s.ticketId, 0, PREVIEW_SCAN))
    .map((m) => presentChatMessage(m, s.id, new Map(), null))
    .find((m) => m !== null && m.text !== '');
  return first ? first.text.slice(0, 140) : null;
}

export async function syncMessages(core: ChatCore, s: SessionRow, afterSeq: number, max: number) {
  const rows = await findMessagesAfter(core.p.db, s.ticketId, afterSeq, max);
  const names = await findUserNames(
    core.p.db,
    rows.map((m) => m.authorId ?? ''),
  );
  const channel = await core.channels.byId(core.p.db, s.channelId);
  const avatar = channel ? settingsOf(core, channel).avatarUrl : null;
  const files = await findAttachmentsOfMessages(
    core.p.db,
    rows.filter((m) => m.kind === 'reply').map((m) => m.id),
  );
  const present = (m: (typeof rows)[number]) =>
    presentChatMessage(
      m,
      s.id,
      names,
      avatar,
      (files.get(m.id) ?? []).map((f) => presentChatAttachment(f, channel?.publicKey ?? '')),
    );
  const messages = rows.map(present).filter((m) => m !== null);
  const hasMore = rows.length === max;
  const ticket = await findTicketSummary(core.p.db, s.ticketId);
  const lastSeq = hasMore ? (rows.at(-1)?.seq ?? afterSeq) : Math.max(afterSeq, ticket?.lastSeq ?? 0);
  return { messages, lastSeq, hasMore };
}

/** Sending, syncing and receipts, for visitors and agents alike (sockets and REST). */
export function messagingService(core: ChatCore) {
  const { p } = core;

  return {
    /**
     * Persisted before it is acknowledged; a retry with the same client id returns the stored message.
     * A visitor's session is checked under the lock (`s` may be just its id, workspace and the
     * visitor's channel); staff pass the session they were allowed to load.
     */
    async send(
      ctx: Ctx,
      s: SessionRef,
      input: { clientId: string; text: string; attachmentIds?: string[] },
      /** The socket it came through: the ack tells it, so the room's copy skips it (the sender's other tabs still get one). */
      viaSocket?: string,
    ): Promise<SendChatMessageResult> {
      const visitor = isVisitor(ctx.actor);
      const authorId = 'userId' in ctx.actor ? ctx.actor.userId : '';
      if (visitor) {
        await limit(p, `msg:v:${authorId}`, 20, 10);
        await limit(p, `msg:ip:${ctx.ip ?? ''}`, 120, 60);
      }
      const channel = await core.channels.byId(p.db, s.channelId);
      const settings = channel ? settingsOf(core, channel) : null;
      if (settings && input.text.length > settings.maxMessageLength) throw tooLong(settings.maxMessageLength);
      const fileIds = checkAttachmentIds(input.attachmentIds, visitor && settings ? settings.attachmentsEnabled : true);
      if (!input.text.trim() && !fileIds.length) throw invalid('text', 'Write a message', 'body_required');
      const externalId = chatExternalId(authorId, input.clientId);
      const result = await p.transaction(async (tx) => {
        const owner = isVisitor(ctx.actor) ? { userId: authorId, channelId: ctx.actor.chatVisitor.channelId } : undefined;
        const side = visitor ? 'visitor' : 'agent';
        const locked = await lockTicketAndSession(tx, s.workspaceId, s.id, authorId || null, externalId, side, owner);
        if (!locked) throw chatNotFound();
        const { ticket, session: current, author, existing, sentSeq } = locked;
        if (existing)
          return {
            ack: { messageId: existing.id, seq: existing.seq, createdAt: new Date(existing.createdAt).toISOString(), duplicate: true },
            session: current,
            live: null,
            pushed: null,
          };
        if (!WRITABLE_STATES.has(current.state) || ticket.status === 'closed') throw new AppError('chat.ended', 409, 'This chat has ended');
        const written = await writeMessage(
          tx,
          core.tickets.core,
          ctx,
          ticket as TicketRow,
          {
            kind: 'reply',
            // The ticket timeline needs a body: a files-only message is written as its file names.
            bodyText: input.text.trim() ? input.text : await fileNames(tx, s.workspaceId, fileIds),
            attachmentIds: fileIds,
            externalId,
            meta: { clientId: input.clientId, ...(input.text.trim() ? {} : { filesOnly: true }) },
            channel: 'web_chat',
            pushedByWriter: true,
          },
          authorId || null,
        );
        const { message } = written;
        const files = fileIds.length ? ((await findAttachmentsOfMessages(tx, [message.id])).get(message.id) ?? []) : [];
        // The lock statement moved the sender's cursors to the number the message was to get.
        const session = sentSeq === message.seq ? current : await markSent(tx, current.id, side, message.seq);
        const users = new Map(author ? [[author.id, author]] : []);
        const avatar = channel ? settingsOf(core, channel).avatarUrl : null;
        const attachments = files.map((f) => presentChatAttachment(f, channel?.publicKey ?? ''));
        return {
          ack: { messageId: message.id, seq: message.seq, createdAt: message.createdAt.toISOString(), duplicate: false },
          session,
          live: presentChatMessage(message, current.id, users, avatar, attachments),
          pushed: { ticket: written.ticket, message, users, files },
        };
      });
      const { session, ack, live, pushed } = result;
      // Straight to the rooms from what the transaction returned: no reads after commit. The
      // outbox event stays for the other listeners; clients catch up with chat.sync on reconnect.
      if (live) p.realtime?.emit(chatRoom(s.id), 'chat.message', live, viaSocket);
      if (pushed) pushMessageCreated(core.tickets.core, pushed.ticket, pushed.message, pushed.users, pushed.files);
      if (!ack.duplicate && visitor && session.state === 'bot') {
        // The bot answers after the ack: the visitor's message is safe whatever the bot does.
        void runBotTurn(core, session, ack.seq).catch((err) => p.log.warn({ err, sessionId: s.id }, 'bot turn failed'));
      }
      return ack;
    },

    async sync(s: SessionRow, afterSeq: number, max: number): Promise<ChatSyncResult> {
      const page = await syncMessages(core, s, afterSeq, max);
      return { session: await visitorView(core, (await findSession(p.db, s.workspaceId, s.id)) ?? s), ...page };
    },

    /** Moves the caller's side's cursor forward (never back); read implies delivered. */
    async receipt(ctx: Ctx, s: SessionRow, kind: 'delivered' | 'read', seq: number) {
      const visitor = isVisitor(ctx.actor);
      const ticket = await findTicketSummary(p.db, s.ticketId);
      const at = Math.min(seq, ticket?.lastSeq ?? 0);
      const cur = visitor
        ? { delivered: s.visitorDeliveredSeq, read: s.visitorReadSeq }
        : { delivered: s.agentDeliveredSeq, read: s.agentReadSeq };
      const delivered = Math.max(cur.delivered, at);
      const read = kind === 'read' ? Math.max(cur.read, at) : cur.read;
      if (delivered === cur.delivered && read === cur.read) return s;
      const set = visitor ? { visitorDeliveredSeq: delivered, visitorReadSeq: read } : { agentDeliveredSeq: delivered, agentReadSeq: read };
      const updated = await updateSession(p.db, s.id, set);
      p.realtime?.emit(chatRoom(s.id), 'chat.receipt', { sessionId: s.id, cursors: cursorsOf(updated) });
      return updated;
    },

    async end(ctx: Ctx, s: SessionRow, by: 'visitor' | 'agent' | 'system') {
      const ended = await p.transaction(async (tx) => {
        const cur = await findSession(tx, s.workspaceId, s.id, true);
        if (!cur || cur.state === 'ended') return cur ?? s;
        const row = await updateSession(tx, s.id, {
          state: nextState(cur, 'end'),
          endedAt: new Date(),
          endedBy: by,
          offeredAgentId: null,
          offerExpiresAt: null,
        });
        await recordChatEvent(tx, ctx.actor, row, 'chat.ended', { endedBy: by, agentId: cur.agentId, previousAgentId: cur.offeredAgentId });
        return row;
      });
      await dispatchQueue(core, s.workspaceId);
      return ended;
    },

    /**
     * Nobody could take the chat: the visitor leaves an email and a message. The ticket moves to
     * the customer with that email (a visitor cannot claim an address's history this way: the
     * visitor keeps their own record) and stays open for the team; replies go out by email once
     * the email channel exists.
     */
    async leaveMessage(ctx: Ctx, s: SessionRow, body: { email: string; name?: string | undefined; text?: string | undefined }) {
      await limit(p, `leave:ip:${ctx.ip ?? ''}`, 10, 3600);
      const ended = await p.transaction(async (tx) => {
        const cur = await findSession(tx, s.workspaceId, s.id, true);
        if (!cur) throw new AppError('chat.not_found', 404, 'Chat not found');
        const to = nextState(cur, 'leave_message');
        const { user } = await findOrCreateCustomer(tx, s.workspaceId, { email: body.email, name: body.name });
        if (user.role === 'customer') await setRequester(tx, s.ticketId, user.id);
        let ticket = (await lockTicketRow(tx, s.ticketId)) as TicketRow;
        if (body.text) {
          ({ ticket } = await writeMessage(
            tx,
            core.tickets.core,
            ctx,
            ticket,
            { kind: 'reply', bodyText: body.text, channel: 'web_chat' },
            null,
          ));
        }
        if (ticket.status !== 'open') {
          const sys: Ctx = { ...ctx, actor: { kind: 'system', workspaceId: s.workspaceId } };
          await applyChanges(tx, sys, ticket, { status: 'open' }, { defs: [], hooks: core.tickets.core.hooks });
        }
        const row = await updateSession(tx, s.id, { state: to, offlineMessage: true, endedAt: new Date(), endedBy: 'visitor' });
        await recordChatEvent(tx, ctx.actor, row, 'chat.offline_message', { email: body.email, left: true });
        return row;
      });
      return ended;
    },

    isLive,
  };
}

export type MessagingService = ReturnType<typeof messagingService>;
