import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { users } from '../identity/index.js';
import { teamMembers } from '../routing/index.js';
import { messages, tickets } from '../tickets/index.js';
import { notificationPreferences, notificationReceipts, notifications } from './notifications.schema.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationWithActor = NotificationRow & { actorName: string | null };

const withActor = {
  id: notifications.id,
  workspaceId: notifications.workspaceId,
  userId: notifications.userId,
  kind: notifications.kind,
  ticketId: notifications.ticketId,
  actorId: notifications.actorId,
  data: notifications.data,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
  actorName: users.name,
};

/** A user's notifications, newest first, after the keyset position `before` ({createdAt, id}). */
export async function listForUser(
  db: DbOrTx,
  userId: string,
  opts: { unreadOnly: boolean; limit: number; before: { createdAt: Date; id: string } | null },
): Promise<NotificationWithActor[]> {
  const conditions = [eq(notifications.userId, userId)];
  if (opts.unreadOnly) conditions.push(isNull(notifications.readAt));
  if (opts.before) {
    const { createdAt, id } = opts.before;
    conditions.push(
      or(lt(notifications.createdAt, createdAt), and(eq(notifications.createdAt, createdAt), lt(notifications.id, id))) as ReturnType<
        typeof eq
      >,
    );
  }
  return db
    .select(withActor)
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
}

export async function findForUser(db: DbOrTx, userId: string, id: string): Promise<NotificationWithActor | null> {
  const [row] = await db
    .select(withActor)
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
  return row ?? null;
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks read if unread; an already read notification keeps its first read time. */
export async function markRead(db: DbOrTx, userId: string, id: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id), isNull(notifications.readAt)));
}

export async function markAllRead(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function insertNotification(db: DbOrTx, values: typeof notifications.$inferInsert): Promise<void> {
  await db.insert(notifications).values(values);
}

/** Claims (event, user) once; false when it was handled before (a redelivered event). */
export async function claimReceipt(db: DbOrTx, eventId: string, userId: string): Promise<boolean> {
  const rows = await db
    .insert(notificationReceipts)
    .values({ eventId, userId })
    .onConflictDoNothing()
    .returning({ userId: notificationReceipts.userId });
  return rows.length > 0;
}

export async function findPreferenceRows(db: DbOrTx, userIds: string[]) {
  if (!userIds.length) return [];
  return db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
}

export async function upsertPreferences(
  db: DbOrTx,
  workspaceId: string,
  userId: string,
  kinds: Record<string, { inApp: boolean; email: boolean }>,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, workspaceId, kinds })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { kinds, updatedAt: sql`now()` } });
}

/** Active staff among `ids` (recipients must still be able to act on what they are told). */
export async function findActiveStaff(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, timezone: users.timezone })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, ids), isNull(users.disabledAt), sql`${users.role} <> 'customer'`));
}

export async function findUserName(db: DbOrTx, workspaceId: string, id: string): Promise<string | null> {
  const [row] = await db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
  return row?.name ?? null;
}

export async function findTeamMemberIds(db: DbOrTx, workspaceId: string, teamId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), eq(teamMembers.teamId, teamId)));
  return rows.map((r) => r.userId);
}

export async function findTicketSummary(db: DbOrTx, workspaceId: string, id: string) {
  const [row] = await db
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, assigneeId: tickets.assigneeId, teamId: tickets.teamId })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)));
  return row ?? null;
}

/** A message with whether an earlier conversational message exists (false: it opened the ticket). */
export async function findMessageWithHistory(db: DbOrTx, ticketId: string, messageId: string) {
  const [row] = await db
    .select({ id: messages.id, kind: messages.kind, authorKind: messages.authorKind, authorId: messages.authorId, seq: messages.seq })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), eq(messages.id, messageId)));
  if (!row) return null;
  const [earlier] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), lt(messages.seq, row.seq), sql`${messages.kind} <> 'event'`))
    .limit(1);
  return { ...row, isFirst: !earlier };
}
