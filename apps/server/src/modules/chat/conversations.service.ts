import type { ChatSession, PreChatField, RateChatBodySchema, StartChatBodySchema } from '@switchboard/contracts';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { ChannelRow } from '../channels/index.js';
import { applyChanges, type TicketRow } from '../tickets/index.js';
import { runBotTurn } from './bot-turn.js';
import { type ChatCore, limit, recordChatEvent, settingsOf, type VisitorActor } from './chat.core.js';
import { presentSessionForVisitor } from './chat.presenter.js';
import {
  findSession,
  findTicketSummary,
  findUserNames,
  lockTicketRow,
  markFirstMessage,
  renameVisitor,
  type SessionRow,
  storeRating,
} from './chat.repo.js';
import { chatSessions } from './chat.schema.js';
import { dispatchQueue, estimatedWait, queuePositions } from './chat-routing.js';
import { syncMessages } from './messaging.js';

type StartBody = z.infer<typeof StartChatBodySchema>;

/** Pre-chat values checked against the channel's fields; errors point at `preChat.<key>`. */
export function checkPreChat(fields: readonly PreChatField[], values: Record<string, string>) {
  const errors: Array<{ path: string; message: string; code: string }> = [];
  const clean: Record<string, string> = {};
  for (const f of fields) {
    const v = (values[f.key] ?? '').trim();
    if (!v) {
      if (f.required) errors.push({ path: `preChat.${f.key}`, message: 'Required', code: 'required' });
      continue;
    }
    if (f.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
      errors.push({ path: `preChat.${f.key}`, message: 'Not an email address', code: 'invalid_email' });
    else if (f.pattern && !new RegExp(f.pattern, 'u').test(v))
      errors.push({ path: `preChat.${f.key}`, message: 'Invalid format', code: 'pattern' });
    else clean[f.key] = v;
  }
  if (errors.length) throw new AppError('validation.failed', 400, 'The pre-chat form is incomplete', { errors });
  return clean;
}

/** The visitor's view of a session with queue position, wait estimate and the agent's name. */
export async function visitorView(core: ChatCore, s: SessionRow, channel?: ChannelRow | null): Promise<ChatSession> {
  const t = await findTicketSummary(core.p.db, s.ticketId);
  const ch = channel ?? (await core.channels.byId(core.p.db, s.channelId));
  const position = s.state === 'queued' ? ((await queuePositions(core, s.workspaceId)).get(s.id) ?? null) : null;
  const agentName = s.agentId ? ((await findUserNames(core.p.db, [s.agentId])).get(s.agentId)?.name ?? null) : null;
  return presentSessionForVisitor(s, {
    ticketNumber: t?.number ?? 0,
    lastSeq: t?.lastSeq ?? 0,
    agentName,
    avatarUrl: ch ? settingsOf(core, ch).avatarUrl : null,
    queuePosition: position,
    estimatedWaitSeconds: await estimatedWait(core, s.workspaceId, position),
  });
}

/** Visitor side: starting, ending, rating, transcripts. Messages are in messaging.ts. */
export function conversationsService(core: ChatCore) {
  const { p } = core;

  async function createSession(
    tx: Tx,
    actor: VisitorActor,
    channel: ChannelRow,
    ticketId: string,
    body: StartBody,
    preChat: Record<string, string>,
  ) {
    const ctx: Ctx = { actor: { kind: 'system', workspaceId: actor.workspaceId }, log: p.log as unknown as Ctx['log'] };
    const settings = settingsOf(core, channel);
    const ticket = (await lockTicketRow(tx, ticketId)) as TicketRow;
    let teamId = ticket.teamId;
    if (!teamId && settings.teamId && (await core.tickets.core.deps.teamExists(tx, actor.workspaceId, settings.teamId))) {
      teamId = settings.teamId;
      await applyChanges(tx, ctx, ticket, { teamId }, { defs: [], hooks: core.tickets.core.hooks });
    }
    await markFirstMessage(tx, ticketId, actor.userId, body.message.clientId);
    const bot = core.bots.of(actor.workspaceId) !== null;
    const now = new Date();
    const [row] = await tx
      .insert(chatSessions)
      .values({
        id: uuidv7(),
        workspaceId: actor.workspaceId,
        channelId: channel.id,
        ticketId,
        visitorUserId: actor.userId,
        state: bot ? 'bot' : 'queued',
        teamId,
        preChat,
        pageUrl: body.pageUrl ?? null,
        locale: body.locale === 'zh-CN' ? 'zh-CN' : body.locale === 'en' ? 'en' : settings.defaultLanguage,
        queuedAt: bot ? null : now,
        visitorDeliveredSeq: 1,
        visitorReadSeq: 1,
        lastActivityAt: now,
      })
      .returning();
    const s = row as SessionRow;
    await recordChatEvent(tx, actor, s, bot ? 'chat.started' : 'chat.queued', { channelId: channel.id });
    return s;
  }

  return {
    async start(ctx: Ctx, actor: VisitorActor, channel: ChannelRow, body: StartBody) {
      const settings = settingsOf(core, channel);
      await limit(p, `start:ip:${ctx.ip ?? ''}`, 20, 3600);
      await limit(p, `start:v:${actor.chatVisitor.visitorId}`, 5, 600);
      if (body.message.text.length > settings.maxMessageLength) throw tooLong(settings.maxMessageLength);
      const preChat = checkPreChat(settings.preChatFields, body.preChat);
      const name =
        preChat.name ?? Object.entries(preChat).find(([k]) => settings.preChatFields.find((f) => f.key === k)?.kind === 'name')?.[1];
      if (name) await renameVisitor(p.db, actor.userId, name);
      const vctx: Ctx = { ...ctx, actor };
      let session: SessionRow | null = null;
      await core.tickets.tickets.create(
        vctx,
        {
          subject: subjectOf(body.message.text),
          bodyText: body.message.text,
          channel: 'web_chat',
          language: body.locale === 'zh-CN' ? 'zh-CN' : undefined,
        },
        {
          inTx: async (tx, result) => {
            session = await createSession(tx, actor, channel, result.ticket.id, body, preChat);
          },
        },
      );
      const created = session as unknown as SessionRow;
      if (created.state === 'bot') await runBotTurn(core, created, null);
      else await dispatchQueue(core, created.workspaceId);
      const fresh = (await findSession(p.db, created.workspaceId, created.id)) ?? created;
      const synced = await syncMessages(core, fresh, 0, 200);
      return { session: await visitorView(core, fresh, channel), messages: synced.messages };
    },

    async rate(actor: Actor, s: SessionRow, body: z.infer<typeof RateChatBodySchema>) {
      return p.transaction(async (tx) => {
        const updated = await storeRating(tx, s, body.rating, body.comment ?? null);
        await recordChatEvent(tx, actor, updated, 'chat.rated', { rating: body.rating });
        return updated;
      });
    },

    /** Recorded in the outbox; the email channel sends it once it exists (nothing is mailed yet). */
    async requestTranscript(actor: VisitorActor, s: SessionRow, email: string) {
      await limit(p, `transcript:v:${actor.chatVisitor.visitorId}`, 3, 3600);
      await p.transaction(async (tx) => recordChatEvent(tx, actor, s, 'chat.transcript_requested', { email, locale: s.locale }));
    },
  };
}

export function tooLong(max: number) {
  return new AppError('chat.message_too_long', 400, `Messages can be at most ${max} characters`);
}

function subjectOf(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return (line.length > 80 ? `${line.slice(0, 77)}...` : line) || 'Live chat';
}

export type ConversationsService = ReturnType<typeof conversationsService>;
