import { and, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { searchTerms } from '../../../platform/search/text-search.js';
import { messages, tickets } from '../../tickets/index.js';

/** Most distinct search terms of the ticket that go into the similarity query (subject first). */
const MAX_TERMS = 32;
/** Matches ranked per request: the most recently updated ones, like the ticket search's relevance order. */
const RANK_CANDIDATES = 1_000;
/** Characters of the agent reply read per similar ticket (the suggested reply can be the whole of it). */
const REPLY_CHARS = 4_000;
/** Only plain letter/digit lexemes go into to_tsquery unquoted-safe; ids split into such pieces anyway. */
const PLAIN = /^[\p{L}\p{N}]+$/u;

/**
 * An OR query of the ticket's distinct search terms (same analyzer as the index: English stems,
 * jieba words and Han bigrams), or null when the text has none. Similar tickets share many of
 * them; ts_rank orders by how many and how often.
 */
export function similarityQuery(text: string): string | null {
  const terms = [...new Set(searchTerms(text))].filter((t) => PLAIN.test(t)).slice(0, MAX_TERMS);
  return terms.length ? terms.map((t) => `'${t}'`).join(' | ') : null;
}

export interface SimilarTicketRow {
  id: string;
  number: number;
  subject: string;
  status: string;
  solvedAt: Date | null;
  reply: string | null;
  rank: number;
}

/**
 * Solved and closed tickets of the workspace whose conversation shares the most words with
 * `query`, best first, each with its last public agent reply. One statement: a GIN scan of
 * `conversation_vector`, the newest RANK_CANDIDATES matches ranked, the replies of the few
 * winners looked up through the ticket's message index.
 */
export async function findSimilarSolved(
  db: DbOrTx,
  workspaceId: string,
  excludeId: string,
  query: string,
  access: SQL | undefined,
  limit: number,
): Promise<SimilarTicketRow[]> {
  const q = sql`to_tsquery('simple', ${query})`;
  const candidates = db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, workspaceId),
        inArray(tickets.status, ['solved', 'closed']),
        ne(tickets.id, excludeId),
        isNull(tickets.mergedIntoId),
        sql`${tickets.conversationVector} @@ ${q}`,
        access,
      ),
    )
    .orderBy(desc(tickets.updatedAt))
    .limit(RANK_CANDIDATES)
    .as('c');
  const rank = sql<number>`ts_rank(${tickets.conversationVector}, ${q}, 1)`;
  const reply = sql<string | null>`(select left(${messages.bodyText}, ${REPLY_CHARS}) from ${messages}
    where ${messages.workspaceId} = ${workspaceId} and ${messages.ticketId} = ${tickets.id}
      and ${messages.kind} = 'reply' and ${messages.authorKind} = 'agent'
    order by ${messages.seq} desc limit 1)`;
  const rows = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      solvedAt: sql<Date | string | null>`coalesce(${tickets.solvedAt}, ${tickets.closedAt})`,
      reply,
      rank,
    })
    .from(candidates)
    .innerJoin(tickets, eq(tickets.id, candidates.id))
    .orderBy(desc(rank), desc(tickets.updatedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, solvedAt: r.solvedAt ? new Date(r.solvedAt) : null, rank: Number(r.rank) }));
}
