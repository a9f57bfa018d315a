import { createHmac } from 'node:crypto';
import type { Identify, VisitorSession } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { safeEqual } from '../../platform/crypto.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { ChannelRow } from '../channels/index.js';
import { findOrCreateCustomer, users } from '../identity/index.js';
import { type ChatCore, limit, type VisitorActor } from './chat.core.js';
import { findUserNames, findVisitor, moveConversations, type VisitorRow } from './chat.repo.js';
import { chatVisitors } from './chat.schema.js';
import { signVisitorToken, VISITOR_TOKEN_TTL_MS, verifyVisitorToken } from './visitor-token.js';

export const tokenInvalid = () => new AppError('chat.visitor_token_invalid', 401, 'The visitor token is invalid or expired; start again');
const identityInvalid = () => new AppError('chat.identity_invalid', 401, 'The identity signature does not match');

/** hex HMAC-SHA256(userId, channel secret), compared in constant time. */
export function identityMatches(secret: string, identify: Identify): boolean {
  const expected = createHmac('sha256', secret).update(identify.userId).digest('hex');
  return safeEqual(expected, identify.hash.toLowerCase());
}

/** Visitors: token issue, refresh, identification and the socket/REST authentication of tokens. */
export function visitorsService(core: ChatCore) {
  const { p } = core;

  async function issue(v: VisitorRow, db: DbOrTx = p.db): Promise<VisitorSession> {
    const expiresAt = new Date(Date.now() + VISITOR_TOKEN_TTL_MS);
    const token = signVisitorToken(p.secrets, { visitorId: v.id, channelId: v.channelId, generation: v.tokenGeneration, expiresAt });
    const u = (await findUserNames(db, [v.userId])).get(v.userId);
    return {
      visitorToken: token,
      expiresAt: expiresAt.toISOString(),
      visitor: { id: v.id, name: u?.email ? u.name : null, email: u?.email ?? null, identified: v.externalUserId !== null },
    };
  }

  /** The visitor behind a token of this channel, or null (bad signature, expired, revoked, other channel). */
  async function resolve(token: string, channel: ChannelRow): Promise<VisitorRow | null> {
    const claims = verifyVisitorToken(p.secrets, token);
    if (!claims || claims.channelId !== channel.id) return null;
    const v = await findVisitor(p.db, claims.visitorId);
    if (!v || v.tokenGeneration !== claims.generation || v.channelId !== channel.id) return null;
    return v;
  }

  async function identifyInto(db: DbOrTx, channel: ChannelRow, v: VisitorRow, identify: Identify): Promise<VisitorRow> {
    if (!identityMatches(core.channels.secretOf(channel), identify)) throw identityInvalid();
    const { user } = await findOrCreateCustomer(db, channel.workspaceId, { email: identify.email, name: identify.name });
    // Only customers can be vouched for: a host site cannot make a visitor act as staff.
    if (user.role !== 'customer') throw identityInvalid();
    // An anonymous visitor's chats merge into the customer; someone else's identified chats never move.
    if (v.userId !== user.id && v.externalUserId === null) await moveConversations(db, channel.workspaceId, v.userId, user.id);
    const [row] = await db
      .update(chatVisitors)
      .set({ userId: user.id, externalUserId: identify.userId, tokenGeneration: v.tokenGeneration + 1, lastSeenAt: new Date() })
      .where(eq(chatVisitors.id, v.id))
      .returning();
    return row as VisitorRow;
  }

  return {
    resolve,

    actorOf(v: VisitorRow): VisitorActor {
      return {
        kind: 'customer',
        userId: v.userId,
        workspaceId: v.workspaceId,
        role: 'customer',
        permissions: new Set(['portal.use']),
        chatVisitor: { visitorId: v.id, channelId: v.channelId },
      };
    },

    /** A still-valid token resumes its visitor; otherwise a new one with a passwordless customer record. */
    async create(
      ctx: Ctx,
      channel: ChannelRow,
      body: { visitorToken?: string | undefined; identify?: Identify | undefined; locale?: string | undefined },
    ) {
      const existing = body.visitorToken ? await resolve(body.visitorToken, channel) : null;
      if (existing && !body.identify) return issue(existing);
      await limit(p, `visitor:ip:${ctx.ip ?? ''}`, 30, 3600);
      return p.transaction(async (tx) => {
        let v = existing;
        if (!v) {
          const [user] = await tx
            .insert(users)
            .values({
              id: uuidv7(),
              workspaceId: channel.workspaceId,
              email: null,
              name: 'Visitor',
              role: 'customer',
              locale: body.locale === 'zh-CN' ? 'zh-CN' : 'en',
            })
            .returning();
          const [row] = await tx
            .insert(chatVisitors)
            .values({ id: uuidv7(), workspaceId: channel.workspaceId, channelId: channel.id, userId: (user as { id: string }).id })
            .returning();
          v = row as VisitorRow;
        }
        if (body.identify) v = await identifyInto(tx, channel, v, body.identify);
        return issue(v, tx);
      });
    },

    async refresh(v: VisitorRow) {
      await p.db.update(chatVisitors).set({ lastSeenAt: new Date() }).where(eq(chatVisitors.id, v.id));
      return issue(v);
    },

    /** Identify an existing visitor; old tokens stop working (the new one is returned). */
    async identify(channel: ChannelRow, v: VisitorRow, identify: Identify) {
      return p.transaction(async (tx) => issue(await identifyInto(tx, channel, v, identify), tx));
    },
  };
}

export type VisitorsService = ReturnType<typeof visitorsService>;
