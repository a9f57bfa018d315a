import { and, asc, count, desc, eq, getTableColumns, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { RowShape, rawRows } from '../../platform/db/raw.js';
import { roles, users } from '../identity/index.js';
import { agentProfiles, teamMembers, ticketRoutingStates } from '../routing/index.js';
import {
  type AttachmentRow,
  attachments,
  messageColumns,
  messages,
  type TicketRow,
  ticketColumns,
  tickets,
  type UserSummary,
} from '../tickets/index.js';
import { chatSessions, chatVisitors } from './chat.schema.js';

export type SessionRow = typeof chatSessions.$inferSelect;
export type VisitorRow = typeof chatVisitors.$inferSelect;

export async function findVisitor(db: DbOrTx, id: string): Promise<VisitorRow | null> {
  const [row] = await db.select().from(chatVisitors).where(eq(chatVisitors.id, id)).limit(1);
  return row ?? null;
}

export async function findSession(db: DbOrTx, workspaceId: string, id: string, lock = false): Promise<SessionRow | null> {
  const q = db
    .select()
    .from(chatSessions)
    .where(and(eq(chatSessions.workspaceId, workspaceId), eq(chatSessions.id, id)))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function findSessionByTicket(db: DbOrTx, ticketId: string): Promise<SessionRow | null> {
  const [row] = await db.select().from(chatSessions).where(eq(chatSessions.ticketId, ticketId)).limit(1);
  return row ?? null;
}

export async function updateSession(db: DbOrTx, id: string, set: Partial<typeof chatSessions.$inferInsert>): Promise<SessionRow> {
  const [row] = await db
    .update(chatSessions)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(chatSessions.id, id))
    .returning();
  return row as SessionRow;
}

const SESSION_ROW = new RowShape<SessionRow>(getTableColumns(chatSessions));

/**
 * A line moves `last_activity_at` only when it is more than 10 s old. The column is indexed (the
 * idle sweep's `chat_sessions_activity`), and an update that changes no indexed column can be HOT:
 * no new entry in any of the table's six indexes. Idle timeouts are whole minutes, swept each minute.
 */
const TOUCH_ACTIVITY = `"last_activity_at" = case when "chat_sessions"."last_activity_at" < now() - interval '10 seconds' then now() else "chat_sessions"."last_activity_at" end`;

const sentText = (side: 'visitor' | 'agent') =>
  `update "chat_sessions" set "${side}_delivered_seq" = $2, "${side}_read_seq" = $2, ${TOUCH_ACTIVITY}, "updated_at" = now()
  where "id" = $1 returning ${SESSION_ROW.list}`;
const SENT = { visitor: sentText('visitor'), agent: sentText('agent') };

/** The sender's side has delivered and read everything up to its own new message `seq`. Plain SQL text (a chat line's statement). */
export async function markSent(db: DbOrTx, id: string, side: 'visitor' | 'agent', seq: number): Promise<SessionRow> {
  const [row] = await rawRows(db, SENT[side], [id, seq]);
  return SESSION_ROW.map(row ?? {});
}

export async function findSessionsOfVisitor(db: DbOrTx, workspaceId: string, channelId: string, userId: string, limit = 20) {
  return db
    .select()
    .from(chatSessions)
    .where(and(eq(chatSessions.workspaceId, workspaceId), eq(chatSessions.channelId, channelId), eq(chatSessions.visitorUserId, userId)))
    .orderBy(desc(chatSessions.createdAt))
    .limit(limit);
}

export async function findSessionsForAgents(db: DbOrTx, workspaceId: string, states: string[] | undefined, agentId: string | null) {
  return db
    .select()
    .from(chatSessions)
    .where(
      and(
        eq(chatSessions.workspaceId, workspaceId),
        states?.length ? inArray(chatSessions.state, states) : inArray(chatSessions.state, ['bot', 'queued', 'offered', 'active']),
        agentId ? or(eq(chatSessions.agentId, agentId), eq(chatSessions.offeredAgentId, agentId)) : undefined,
      ),
    )
    .orderBy(asc(chatSessions.createdAt))
    .limit(500);
}

/** Queued sessions of a workspace, oldest first (the order chats are offered and positions counted). */
export async function findQueued(db: DbOrTx, workspaceId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(chatSessions)
    .where(and(eq(chatSessions.workspaceId, workspaceId), eq(chatSessions.state, 'queued')))
    .orderBy(asc(chatSessions.queuedAt), asc(chatSessions.id))
    .limit(1000);
}

/** Messages after `afterSeq`, every kind (callers filter by audience), in seq order. */
export async function findMessagesAfter(db: DbOrTx, ticketId: string, afterSeq: number, limit: number) {
  return db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), gt(messages.seq, afterSeq)))
    .orderBy(asc(messages.seq))
    .limit(limit);
}

export async function findMessageByExternalId(db: DbOrTx, workspaceId: string, ticketId: string, externalId: string) {
  const [row] = await db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.externalId, externalId), eq(messages.ticketId, ticketId)))
    .limit(1);
  return row ?? null;
}

export interface ChatCandidate {
  userId: string;
  skills: Record<string, number>;
  chats: number;
  lastAssignedAt: Date | null;
}

/**
 * Online staff who may take a chat of `teamId` (its members; the whole workspace when null),
 * with their current chat count (offered + active). Capacity and skills are judged by the caller.
 */
export async function findChatCandidates(db: DbOrTx, workspaceId: string, teamId: string | null): Promise<ChatCandidate[]> {
  const member = teamId
    ? sql`exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${teamId} and ${teamMembers.userId} = ${agentProfiles.userId})`
    : undefined;
  const rows = await db
    .select({ userId: agentProfiles.userId, skills: agentProfiles.skills, lastAssignedAt: agentProfiles.lastAssignedAt })
    .from(agentProfiles)
    .innerJoin(users, eq(users.id, agentProfiles.userId))
    .leftJoin(roles, and(eq(roles.workspaceId, users.workspaceId), eq(roles.key, users.role)))
    .where(
      and(
        eq(agentProfiles.workspaceId, workspaceId),
        eq(agentProfiles.availability, 'online'),
        isNull(users.disabledAt),
        sql`coalesce(${roles.audience}, 'staff') <> 'customer'`,
        sql`'chat.handle' = any(coalesce(${roles.permissions}, '{}'::text[]))`,
        member,
      ),
    );
  if (!rows.length) return [];
  const load = await db
    .select({ userId: sql<string>`coalesce(${chatSessions.agentId}, ${chatSessions.offeredAgentId})`, n: count() })
    .from(chatSessions)
    .where(and(eq(chatSessions.workspaceId, workspaceId), inArray(chatSessions.state, ['offered', 'active'])))
    .groupBy(sql`coalesce(${chatSessions.agentId}, ${chatSessions.offeredAgentId})`);
  const chats = new Map(load.map((r) => [r.userId, Number(r.n)]));
  return rows.map((r) => ({ ...r, chats: chats.get(r.userId) ?? 0 }));
}

export async function findRequiredSkills(db: DbOrTx, ticketId: string): Promise<Array<{ skill: string; minLevel: number }>> {
  const [row] = await db
    .select({ skills: ticketRoutingStates.requiredSkills })
    .from(ticketRoutingStates)
    .where(eq(ticketRoutingStates.ticketId, ticketId));
  return row?.skills ?? [];
}

/** Seconds from queued to accepted of the last accepted chats (for the estimated wait). */
export async function recentWaitSeconds(db: DbOrTx, workspaceId: string, limit = 20): Promise<number[]> {
  const rows = await db
    .select({ wait: sql<number>`extract(epoch from (${chatSessions.acceptedAt} - ${chatSessions.queuedAt}))` })
    .from(chatSessions)
    .where(and(eq(chatSessions.workspaceId, workspaceId), isNotNull(chatSessions.acceptedAt), isNotNull(chatSessions.queuedAt)))
    .orderBy(desc(chatSessions.acceptedAt))
    .limit(limit);
  return rows.map((r) => Number(r.wait)).filter((n) => Number.isFinite(n) && n >= 0);
}

/** Live sessions with no activity since `before`, across workspaces (the idle sweep). */
export async function findIdleSessions(db: DbOrTx, before: Date, limit = 200): Promise<SessionRow[]> {
  return db
    .select()
    .from(chatSessions)
    .where(and(inArray(chatSessions.state, ['bot', 'queued', 'offered', 'active']), lt(chatSessions.lastActivityAt, before)))
    .limit(limit);
}

/** Offers past their deadline (the safety net behind the per-offer timeout job). */
export async function findExpiredOffers(db: DbOrTx, now: Date, limit = 200): Promise<SessionRow[]> {
  return db
    .select()
    .from(chatSessions)
    .where(and(eq(chatSessions.state, 'offered'), lt(chatSessions.offerExpiresAt, now)))
    .limit(limit);
}

export async function findLiveSessionsOfAgent(db: DbOrTx, workspaceId: string, agentId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(chatSessions)
    .where(
      and(
        eq(chatSessions.workspaceId, workspaceId),
        inArray(chatSessions.state, ['offered', 'active']),
        or(eq(chatSessions.agentId, agentId), and(eq(chatSessions.state, 'offered'), eq(chatSessions.offeredAgentId, agentId))),
      ),
    );
}

/** Moves every chat of an anonymous visitor's customer record to the identified customer. */
export async function moveConversations(db: DbOrTx, workspaceId: string, fromUserId: string, toUserId: string): Promise<void> {
  await db
    .update(chatSessions)
    .set({ visitorUserId: toUserId })
    .where(and(eq(chatSessions.workspaceId, workspaceId), eq(chatSessions.visitorUserId, fromUserId)));
  await db
    .update(tickets)
    .set({ requesterId: toUserId, updatedAt: new Date(), version: sql`${tickets.version} + 1` })
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.requesterId, fromUserId), eq(tickets.channel, 'web_chat')));
}

/** Locks a chat's ticket row (system paths that do not go through a viewer). */
export async function lockTicketRow(db: DbOrTx, ticketId: string) {
  const [row] = await db.select(ticketColumns).from(tickets).where(eq(tickets.id, ticketId)).for('update');
  return row ?? null;
}

const LOCKED_TICKET = new RowShape<TicketRow>(ticketColumns, 't');
const LOCKED_SESSION = new RowShape<SessionRow>(getTableColumns(chatSessions), 's');

/** States in which a chat takes new messages. */
export const WRITABLE_STATES: ReadonlySet<string> = new Set(['bot', 'queued', 'offered', 'active', 'offline']);

/**
 * Locks ticket and session (with the author and a retry's earlier message), and when the chat
 * takes the message, moves the sender's cursors to the message it is about to get: the ticket's
 * next sequence number (the ticket is locked, and the message's write is the first to take one).
 */
const lockText = (visitor: boolean, side: 'visitor' | 'agent') => `with l as (
  select ${LOCKED_TICKET.list}, ${LOCKED_SESSION.list},
    (select json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role, 'organizationId', u.organization_id,
       'disabledAt', u.disabled_at, 'locale', u.locale) from "users" u where u.id = $3) as "author",
    (select json_build_object('id', m.id, 'seq', m.seq, 'createdAt', m.created_at) from "messages" m
       where m.workspace_id = $1 and m.external_id = $4 and m.ticket_id = t.id limit 1) as "existing"
  from "tickets" t join "chat_sessions" s on s.ticket_id = t.id
  where s.workspace_id = $1 and s.id = $2${visitor ? ' and s.visitor_user_id = $5 and s.channel_id = $6' : ''}
  for update of t, s),
u as (
  update "chat_sessions" set "${side}_delivered_seq" = l."t.lastSeq" + 1, "${side}_read_seq" = l."t.lastSeq" + 1,
    ${TOUCH_ACTIVITY}, "updated_at" = now()
  from l
  where "chat_sessions"."id" = l."s.id" and l."existing" is null and l."t.status" <> 'closed'
    and l."s.state" in (${[...WRITABLE_STATES].map((v) => `'${v}'`).join(', ')})
  returning ${LOCKED_SESSION.names})
select ${LOCKED_TICKET.from('l')}, l."author", l."existing", (u."id" is not null) as "sent",
  ${Object.entries(getTableColumns(chatSessions))
    // u changed only the cursors and stamps: its other columns equal l's (nulls included).
    .map(([k, c]) => `coalesce(u."${c.name}", l."s.${k}") as "s.${k}"`)
    .join(', ')}
from l left join u on true`;
const LOCK = {
  staff: { visitor: lockText(false, 'visitor'), agent: lockText(false, 'agent') },
  visitor: { visitor: lockText(true, 'visitor'), agent: lockText(true, 'agent') },
};

/**
 * Locks a chat's ticket and session for a new message, in one statement that also returns the
 * author and, when `externalId` was used before on the ticket, that message (a retry). When
 * there is none and the chat is writable, the sender's side (`side`) has delivered and read up
 * to `sentSeq`, the sequence number the message will get: `session` is the session after that.
 * Plain SQL text: every chat line runs it (see platform/db/raw.ts).
 */
export async function lockTicketAndSession(
  db: DbOrTx,
  workspaceId: string,
  sessionId: string,
  authorId: string | null,
  externalId: string,
  side: 'visitor' | 'agent',
  // A visitor only ever locks their own conversation.
  visitor?: { userId: string; channelId: string },
) {
  type Json<T> = T | null;
  const params = [workspaceId, sessionId, authorId, externalId, ...(visitor ? [visitor.userId, visitor.channelId] : [])];
  const [row] = await rawRows(db, (visitor ? LOCK.visitor : LOCK.staff)[side], params);
  if (!row) return null;
  const author = row.author as Json<Omit<UserSummary, 'disabledAt'> & { disabledAt: string | null }>;
  const ticket = LOCKED_TICKET.map(row);
  return {
    ticket,
    session: LOCKED_SESSION.map(row),
    sentSeq: row.sent === true ? ticket.lastSeq + 1 : null,
    author: author ? { ...author, disabledAt: author.disabledAt ? new Date(author.disabledAt) : null } : null,
    existing: row.existing as Json<{ id: string; seq: number; createdAt: string }>,
  };
}

export async function findTicketSummary(db: DbOrTx, ticketId: string) {
  const [row] = await db
    .select({ number: tickets.number, lastSeq: tickets.lastSeq, requesterId: tickets.requesterId, assigneeId: tickets.assigneeId })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  return row ?? null;
}

export async function findUserNames(db: DbOrTx, ids: string[]): Promise<Map<string, { name: string; email: string | null; role: string }>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The ticket's first message was the visitor's first chat line: give it the client id retries match on. */
export async function markFirstMessage(db: DbOrTx, ticketId: string, authorId: string, clientId: string): Promise<void> {
  await db
    .update(messages)
    .set({ externalId: chatExternalId(authorId, clientId), meta: { clientId } })
    .where(and(eq(messages.ticketId, ticketId), eq(messages.seq, 1)));
}

/** Idempotency key of a chat message: one per author and client id. */
export const chatExternalId = (authorId: string, clientId: string) => `chat:${authorId}:${clientId}`;

/** Gives an anonymous visitor's customer record the name they typed (never renames an identified one). */
export async function renameVisitor(db: DbOrTx, userId: string, name: string): Promise<void> {
  await db
    .update(users)
    .set({ name: name.slice(0, 120), updatedAt: new Date() })
    .where(and(eq(users.id, userId), isNull(users.email)));
}

/** The rating of a chat is the ticket's satisfaction score too (reports read it there). */
export async function storeRating(db: DbOrTx, s: SessionRow, rating: number, comment: string | null): Promise<SessionRow> {
  await db
    .update(tickets)
    .set({ satisfaction: rating, satisfactionComment: comment, updatedAt: new Date() })
    .where(eq(tickets.id, s.ticketId));
  return updateSession(db, s.id, { rating, ratingComment: comment });
}

export async function setRequester(db: DbOrTx, ticketId: string, requesterId: string): Promise<void> {
  await db
    .update(tickets)
    .set({ requesterId, updatedAt: new Date(), version: sql`${tickets.version} + 1` })
    .where(eq(tickets.id, ticketId));
}

/**
 * An attachment with what a visitor's access depends on: the kind of the message it belongs to
 * and the chat of that message's ticket (a merge moves messages, so the message's ticket wins).
 */
export async function findAttachmentWithChat(
  db: DbOrTx,
  workspaceId: string,
  id: string,
): Promise<{ attachment: AttachmentRow; messageKind: string | null; chat: Pick<SessionRow, 'visitorUserId' | 'channelId'> | null } | null> {
  const [row] = await db
    .select({
      attachment: attachments,
      messageKind: messages.kind,
      visitorUserId: chatSessions.visitorUserId,
      channelId: chatSessions.channelId,
    })
    .from(attachments)
    .leftJoin(messages, eq(messages.id, attachments.messageId))
    .leftJoin(chatSessions, eq(chatSessions.ticketId, sql`coalesce(${messages.ticketId}, ${attachments.ticketId})`))
    .where(and(eq(attachments.workspaceId, workspaceId), eq(attachments.id, id)))
    .limit(1);
  if (!row) return null;
  const chat = row.visitorUserId && row.channelId ? { visitorUserId: row.visitorUserId, channelId: row.channelId } : null;
  return { attachment: row.attachment, messageKind: row.messageKind, chat };
}

export async function findFileNames(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Array<{ filename: string }>> {
  if (!ids.length) return [];
  return db
    .select({ filename: attachments.filename })
    .from(attachments)
    .where(and(eq(attachments.workspaceId, workspaceId), inArray(attachments.id, ids)))
    .orderBy(asc(attachments.id));
}
