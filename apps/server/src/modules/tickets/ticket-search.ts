import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { highlight, type SearchQuery, searchDocument } from '../../platform/search/text-search.js';
import { messages, tickets } from './tickets.schema.js';

/**
 * Full-text search over tickets (subject, requester name and email) and their messages, through
 * the GIN indexes on both `search_vector` columns. Customers match public replies only; staff
 * match notes too.
 */

/**
 * Hits per source (tickets, messages) that relevance ranking considers: ranking every hit of a very
 * common word costs too much. Counted per message, so one ticket with very many matching messages
 * can crowd others out of the candidates; 250 did in search.int.test.ts, 1,000 costs 60–150 ms p95
 * at 1M messages (BENCHMARKS.md). A per-ticket conversation vector is the real fix.
 */
export const RANK_CANDIDATES = 1_000;
/** Subject and requester hits rank above equally good message hits. */
const TICKET_HIT_WEIGHT = 2;
/** Shorter searches have too few trigrams to tell a typo from noise. */
const MIN_TRIGRAM_QUERY = 3;
const MAX_TRIGRAM_QUERY = 200;

export interface SearchScope {
  workspaceId: string;
  /** customers: replies only */
  publicOnly: boolean;
}

/** A ticket's own search vector: its number (so "42" or "#42" finds ticket 42), subject and requester. */
export function ticketSearchVector(t: { number: number; subject: string; requester?: { name: string; email: string | null } | null }): SQL {
  return sql`to_tsvector('simple', ${searchDocument(`${t.number} ${t.subject} ${t.requester?.name ?? ''} ${t.requester?.email ?? ''}`)})`;
}

export const tsQuery = (sq: SearchQuery): SQL => sql`to_tsquery('simple', ${sq.tsquery})`;

function messageKinds(scope: SearchScope): SQL {
  return scope.publicOnly ? sql` and ${messages.kind} = 'reply'` : sql``;
}

/** Rows of the scope walked in sort order, probing each ticket's messages, before switching to the index (see ticket-list). */
export const WALK_BUDGET = 500;

function messagesMatch(search: SearchScope, q: SQL): SQL {
  return sql`${messages.workspaceId} = ${search.workspaceId} and ${messages.searchVector} @@ ${q}${messageKinds(search)}`;
}

/**
 * Matches in its own vector or in one of its messages, probing the ticket's messages through
 * the ticket index. Cheap per ticket, so right for walking tickets in sort order when matches
 * are common (the page fills after a few tickets). `offset 0` keeps PostgreSQL from turning it
 * into one scan of every matching message, which is what costs for a common word.
 */
export function probeMatch(search: SearchScope, sq: SearchQuery): SQL {
  const q = tsQuery(sq);
  return sql`(${tickets.searchVector} @@ ${q} or exists (select 1 from ${messages} where ${messages.ticketId} = ${tickets.id} and ${messagesMatch(search, q)} offset 0))`;
}

/**
 * The same match through the GIN indexes: the tickets of all matching messages, collected once
 * and looked up by id. Right when matches are rare, which is when walking tickets would read
 * most of them.
 */
export function indexedMatch(search: SearchScope, sq: SearchQuery): SQL {
  const q = tsQuery(sq);
  return sql`(${tickets.searchVector} @@ ${q} or ${tickets.id} = any(array(select ${messages.ticketId} from ${messages} where ${messagesMatch(search, q)})))`;
}

/**
 * The tickets of all matching messages collected once into a hash, the scope walked in sort
 * order against it. Right in between: too many matches to look each up by id, too few for
 * probing every ticket's messages.
 */
export function hashedMatch(search: SearchScope, sq: SearchQuery): SQL {
  const q = tsQuery(sq);
  return sql`(${tickets.searchVector} @@ ${q} or ${tickets.id} in (select ${messages.ticketId} from ${messages} where ${messagesMatch(search, q)}))`;
}

/**
 * For relevance order: up to RANK_CANDIDATES ticket hits and message hits, each found through
 * its GIN index among the tickets of `scope` (access rule and filters, so a customer's or a
 * view's hits are never crowded out by others'), ranked with ts_rank and reduced to the best
 * rank per ticket. Join it as `ranked` (ticket_id, rank).
 */
export function rankedHits(scope: SQL, search: SearchScope, sq: SearchQuery): SQL {
  const q = tsQuery(sq);
  return sql`(select h.ticket_id, max(h.rank) as rank from (
    (select ${tickets.id} as ticket_id, ts_rank(${tickets.searchVector}, ${q}) * ${TICKET_HIT_WEIGHT}::real as rank
       from ${tickets} where ${scope} and ${tickets.searchVector} @@ ${q} limit ${RANK_CANDIDATES})
    union all
    (select ${messages.ticketId} as ticket_id, ts_rank(${messages.searchVector}, ${q}) as rank
       from ${messages} join ${tickets} on ${tickets.id} = ${messages.ticketId}
       where ${scope} and ${messages.workspaceId} = ${search.workspaceId} and ${messages.searchVector} @@ ${q}${messageKinds(search)}
       limit ${RANK_CANDIDATES})
  ) h group by h.ticket_id) ranked`;
}

export const RANK = sql`ranked.rank`;

/** The text the trigram fallback compares with subjects, or null when it is too short to mean anything. */
export function trigramText(q: string): string | null {
  const text = q.trim().toLowerCase().slice(0, MAX_TRIGRAM_QUERY);
  return [...text.replace(/\s+/g, '')].length >= MIN_TRIGRAM_QUERY ? text : null;
}

/** Subject contains a word close to the query (pg_trgm word similarity; uses the subject trigram index). */
export const trigramCondition = (text: string): SQL => sql`${text} <% ${tickets.subject}`;
export const trigramScore = (text: string): SQL => sql`word_similarity(${text}, ${tickets.subject})`;

/** Characters of a message read for its snippet: the match is near the start far more often than not. */
const SNIPPET_SOURCE_CHARS = 20_000;

/**
 * A highlighted snippet per ticket: from its best matching message when one matches, else from
 * the subject. One query for the whole page (the page's tickets' messages via the ticket index).
 */
export async function snippetsFor(
  db: DbOrTx,
  scope: SearchScope,
  sq: SearchQuery | null,
  terms: string[],
  page: Array<{ id: string; subject: string }>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!page.length) return out;
  const bodies = new Map<string, string>();
  if (sq) {
    const q = tsQuery(sq);
    const rows = await db
      .selectDistinctOn([messages.ticketId], {
        ticketId: messages.ticketId,
        text: sql<string>`left(${messages.bodyText}, ${SNIPPET_SOURCE_CHARS})`,
      })
      .from(messages)
      .where(
        and(
          eq(messages.workspaceId, scope.workspaceId),
          inArray(
            messages.ticketId,
            page.map((t) => t.id),
          ),
          // `is true`: a filter on the page's few messages, not a second scan of the GIN index
          sql`(${messages.searchVector} @@ ${q}) is true`,
          scope.publicOnly ? eq(messages.kind, 'reply') : undefined,
        ),
      )
      .orderBy(messages.ticketId, sql`ts_rank(${messages.searchVector}, ${q}) desc`, messages.seq);
    for (const r of rows) bodies.set(r.ticketId, r.text);
  }
  for (const t of page) out.set(t.id, highlight(bodies.get(t.id) ?? t.subject, terms));
  return out;
}
