import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { messages } from '../../tickets/index.js';

/** A reply or note of the ticket (events have no text to translate), or 404. */
export async function findTicketMessage(db: DbOrTx, workspaceId: string, ticketId: string, messageId: string) {
  const [row] = await db
    .select({ id: messages.id, bodyText: messages.bodyText })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.ticketId, ticketId),
        eq(messages.id, messageId),
        inArray(messages.kind, ['reply', 'note']),
      ),
    );
  if (!row) throw notFound('message.not_found', 'Message');
  return row;
}

/** The last `limit` public replies of a ticket, oldest first. */
export async function recentReplies(db: DbOrTx, workspaceId: string, ticketId: string, limit = 12) {
  const rows = await db
    .select({ authorKind: messages.authorKind, bodyText: messages.bodyText })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.ticketId, ticketId), eq(messages.kind, 'reply')))
    .orderBy(desc(messages.seq))
    .limit(limit);
  return rows.reverse();
}
