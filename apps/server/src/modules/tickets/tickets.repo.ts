import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { RowShape, rawRows } from '../../platform/db/raw.js';
import { invalid } from '../../platform/errors.js';
import { users } from '../identity/index.js';
import {
  attachments,
  customFields,
  messageColumns,
  messages,
  ticketColumns,
  ticketFollowers,
  ticketLinks,
  tickets,
  ticketTaxonomies,
} from './tickets.schema.js';

export type TicketRow = Omit<typeof tickets.$inferSelect, 'searchVector' | 'conversationVector'>;
export type MessageRow = Omit<typeof messages.$inferSelect, 'searchVector'>;
export type AttachmentRow = typeof attachments.$inferSelect;
export type FieldDefRow = typeof customFields.$inferSelect;

export async function findTicket(db: DbOrTx, workspaceId: string, id: string): Promise<TicketRow | null> {
  const [row] = await db
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)));
  return row ?? null;
}

export async function findTicketByNumber(db: DbOrTx, workspaceId: string, number: number): Promise<TicketRow | null> {
  const [row] = await db
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.number, number)));
  return row ?? null;
}

/** Locks the ticket row for the rest of the transaction (serializes writers of one ticket). */
export async function lockTicket(tx: DbOrTx, workspaceId: string, id: string): Promise<TicketRow | null> {
  const [row] = await tx
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, id)))
    .for('update');
  return row ?? null;
}

export async function listFieldDefs(db: DbOrTx, workspaceId: string): Promise<FieldDefRow[]> {
  return db
    .select()
    .from(customFields)
    .where(eq(customFields.workspaceId, workspaceId))
    .orderBy(asc(customFields.position), asc(customFields.key));
}

export async function findTaxonomy(db: DbOrTx, workspaceId: string, id: string, kind: 'category' | 'type') {
  const [row] = await db
    .select()
    .from(ticketTaxonomies)
    .where(and(eq(ticketTaxonomies.workspaceId, workspaceId), eq(ticketTaxonomies.id, id), eq(ticketTaxonomies.kind, kind)));
  return row ?? null;
}

const FOLLOWERS_OF = `select "ticket_id", "user_id" from "ticket_followers" where "ticket_id" = any($1::uuid[]) order by "created_at"`;

export async function findFollowerIds(db: DbOrTx, ticketIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!ticketIds.length) return out;
  for (const r of await rawRows(db, FOLLOWERS_OF, [ticketIds])) {
    const ticketId = r.ticket_id as string;
    out.set(ticketId, [...(out.get(ticketId) ?? []), r.user_id as string]);
  }
  return out;
}

export async function isFollower(db: DbOrTx, ticketId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: ticketFollowers.userId })
    .from(ticketFollowers)
    .where(and(eq(ticketFollowers.ticketId, ticketId), eq(ticketFollowers.userId, userId)));
  return !!row;
}

export interface UserSummary {
  id: string;
  name: string;
  email: string | null;
  role: string;
  organizationId: string | null;
  disabledAt: Date | null;
  locale: string;
}

const USER_SUMMARY = new RowShape<UserSummary>({
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  organizationId: users.organizationId,
  disabledAt: users.disabledAt,
  locale: users.locale,
});
// Plain SQL text: every ticket page, create and reply presents its people (see platform/db/raw.ts).
const USERS_BY_IDS = `select ${USER_SUMMARY.list} from "users" where "workspace_id" = $1 and "id" = any($2::uuid[])`;

export async function findUsersByIds(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Map<string, UserSummary>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const rows = await rawRows(db, USERS_BY_IDS, [workspaceId, unique]);
  return new Map(rows.map((r) => USER_SUMMARY.map(r)).map((u) => [u.id, u]));
}

export async function findMessages(
  db: DbOrTx,
  ticketId: string,
  afterSeq: number,
  limit: number,
  publicOnly: boolean,
): Promise<MessageRow[]> {
  return db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), gt(messages.seq, afterSeq), publicOnly ? eq(messages.kind, 'reply') : undefined))
    .orderBy(asc(messages.seq))
    .limit(limit);
}

export async function findAttachmentsOfMessages(db: DbOrTx, messageIds: string[]): Promise<Map<string, AttachmentRow[]>> {
  const out = new Map<string, AttachmentRow[]>();
  if (!messageIds.length) return out;
  const rows = await db.select().from(attachments).where(inArray(attachments.messageId, messageIds)).orderBy(asc(attachments.id));
  for (const r of rows) if (r.messageId) out.set(r.messageId, [...(out.get(r.messageId) ?? []), r]);
  return out;
}

/** Uploads by this user not yet attached to a message (or attached to nothing on this ticket). */
export async function findStagedAttachments(db: DbOrTx, workspaceId: string, uploaderId: string | null, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.workspaceId, workspaceId),
        inArray(attachments.id, ids),
        isNull(attachments.messageId),
        uploaderId ? eq(attachments.uploaderId, uploaderId) : undefined,
      ),
    );
}

export async function findLinkedTicketIds(db: DbOrTx, ticketId: string): Promise<string[]> {
  const rows = await db
    .select()
    .from(ticketLinks)
    .where(or(eq(ticketLinks.ticketA, ticketId), eq(ticketLinks.ticketB, ticketId)));
  return rows.map((r) => (r.ticketA === ticketId ? r.ticketB : r.ticketA));
}

/**
 * Attaches staged uploads to a message. The `message_id is null` guard makes a concurrent
 * second use of the same upload lose: it throws and its transaction rolls back.
 */
export async function claimStagedAttachments(tx: DbOrTx, ids: string[], target: { messageId: string; ticketId: string }) {
  if (!ids.length) return;
  const unique = [...new Set(ids)];
  const claimed = await tx
    .update(attachments)
    .set(target)
    .where(and(inArray(attachments.id, unique), isNull(attachments.messageId)))
    .returning({ id: attachments.id });
  if (claimed.length !== unique.length) {
    throw invalid('attachmentIds', 'Unknown attachment, or one already used', 'attachment_not_found');
  }
}

/** Takes the next ticket number. Runs on its own (outside the create transaction) so creates do not queue on the counter row. */
export async function nextTicketNumber(db: DbOrTx, workspaceId: string): Promise<number> {
  const result = await db.execute<{ last_number: number }>(
    sql`insert into ticket_counters (workspace_id, last_number) values (${workspaceId}, 1)
        on conflict (workspace_id) do update set last_number = ticket_counters.last_number + 1
        returning last_number`,
  );
  const rows = (result as unknown as { rows: Array<{ last_number: number }> }).rows;
  return Number(rows[0]?.last_number);
}
