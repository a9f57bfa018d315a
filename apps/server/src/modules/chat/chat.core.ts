import type { EventType, WebChatSettings } from '@switchboard/contracts';
import { type Actor, isUser, type UserActor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import type { Platform } from '../../platform/platform.js';
import type { ChannelRow, ChannelsModule } from '../channels/index.js';
import { requirePermission } from '../identity/index.js';
import { loadVisible, type TicketsModule, viewerFor } from '../tickets/index.js';
import type { BotSeats } from './bot-seat.js';
import { findSession, type SessionRow } from './chat.repo.js';

/** What the chat services share. */
export interface ChatCore {
  p: Platform;
  tickets: TicketsModule;
  channels: ChannelsModule;
  bots: BotSeats;
  /** Messages this node already pushed to their chat room at commit. */
}

/** A visitor acting through a visitor token: a customer actor plus which visitor and channel. */
export interface VisitorActor extends UserActor {
  kind: 'customer';
  chatVisitor: { visitorId: string; channelId: string };
}

export const isVisitor = (actor: Actor): actor is VisitorActor => isUser(actor) && 'chatVisitor' in actor;

export const chatNotFound = () => notFound('chat.not_found', 'Chat');

export function settingsOf(core: ChatCore, channel: ChannelRow): WebChatSettings {
  return core.channels.settingsOf<WebChatSettings>(channel);
}

/** Throws 429 `rate_limited` when the key is over its budget. */
export async function limit(p: Platform, key: string, max: number, windowSeconds: number): Promise<void> {
  const r = await p.rateLimiter.hit(`chat:${key}`, max, windowSeconds);
  if (!r.allowed) {
    throw new AppError('rate_limited', 429, 'Too many requests; try again shortly', { retryAfterSeconds: r.retryAfterSeconds });
  }
}

/** A session by id with what is known of it before it is read (a visitor's own one is checked under lock). */
export type SessionRef = Pick<SessionRow, 'id' | 'workspaceId' | 'channelId'>;

/** The visitor's own conversation: their user, through the channel their token was issued for. */
export const ownedBy = (s: Pick<SessionRow, 'visitorUserId' | 'channelId'>, actor: VisitorActor) =>
  s.visitorUserId === actor.userId && s.channelId === actor.chatVisitor.channelId;

/** The visitor's own session (any other id, including another workspace's, is 404). */
export async function loadForVisitor(db: DbOrTx, actor: VisitorActor, sessionId: string, lock = false): Promise<SessionRow> {
  const s = await findSession(db, actor.workspaceId, sessionId, lock);
  if (!s || !ownedBy(s, actor)) throw chatNotFound();
  return s;
}

/** A session staff with chat.handle may work on: its ticket must be visible to them. */
export async function loadForAgent(core: ChatCore, db: DbOrTx, ctx: Ctx, sessionId: string, lock = false): Promise<SessionRow> {
  const actor = requirePermission(ctx.actor, 'chat.handle');
  const s = await findSession(db, actor.workspaceId, sessionId, lock);
  if (!s) throw chatNotFound();
  try {
    await loadVisible(core.tickets.core, db, await viewerFor(core.tickets.core, ctx, db), s.ticketId);
  } catch {
    throw chatNotFound();
  }
  return s;
}

/** Records a chat event; listeners push the new state to the visitor, the agents and the staff room. */
export async function recordChatEvent(db: DbOrTx, actor: Actor, s: SessionRow, type: EventType, extra: Record<string, unknown> = {}) {
  await recordEvent(db, actor, {
    workspaceId: s.workspaceId,
    type,
    subject: { type: 'chat_session', id: s.id },
    payload: { sessionId: s.id, ticketId: s.ticketId, ...extra },
  });
}

export const systemCtx = (p: Platform, workspaceId: string): Ctx => ({
  actor: { kind: 'system', workspaceId },
  log: p.log as unknown as Ctx['log'],
});
