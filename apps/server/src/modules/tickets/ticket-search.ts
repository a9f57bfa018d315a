import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { highlight, type SearchQuery, searchDocument } from '../../platform/search/text-search.js';
import { messages, tickets } from './tickets.schema.js';

/**
 * Full-text search over tickets. Staff search one vector per ticket, `conversation_vector`: the
 * ticket's own words (number, subject, requester; weight A) and every message's document (weight
 * D, notes included), so a search is one GIN scan of tickets combined with the view's filters and
 * ranked by one ts_rank per ticket. Customers search their own few tickets the long way: the
 * ticket's `search_vector` or one of its public replies.
 */

/**
 * Relevance order ranks the RANK_CANDIDATES most recently updated matches of the scope: ranking
 * reads each candidate's whole conversation vector, which costs too much for every match of a
 * word in a quarter of all tickets (BENCHMARKS.md). An explicit sort is exact. 300, not 1,000:
 * for a common word the planner walks `tickets_ws_updated` checking each row's vector (and the
 * access rule after it), so the walk, not the ranking, is the cost, and it grows with this number
 * (a restricted agent's "delivery" walked 20,000 rows for 1,000 candidates: 85 ms; 6,000 for 300).
 */
export const RANK_CANDIDATES = 300;
/** Subject and requester hits rank above equally good message hits (customers' search). */
const TICKET_HIT_WEIGHT = 2;
/** Shorter searches have too few trigrams to tell a typo from noise. */
const MIN_TRIGRAM_QUERY = 3;
const MAX_TRIGRAM_QUERY = 200;

export interface SearchScope {
  workspaceId: string;
  /** customers: replies only */
  publicOnly: boolean;
}

type TicketWords = { number: number; subject: string; requester?: { name: string; email: string | null } | null };

/** The document of a ticket's own words: its number (so "42" or "#42" finds ticket 42), subject and requester. */
export function ticketSearchDocument(t: TicketWords): string {
  return searchDocument(`${t.number} ${t.subject} ${t.requester?.name ?? ''} ${t.requester?.email ?? ''}`);
}

/** A ticket's own search vector. */
export function ticketSearchVector(t: TicketWords): SQL {
  return sql`to_tsvector('simple', ${ticketSearchDocument(t)})`;
}

/**
 * The conversation vector of a new ticket: its own words (A), then its first message's vector (D).
 * `conversation_append` (migration 0006) concatenates without passing tsvector's 1 MB limit:
 * past it, positions are dropped (words still match, phrases no longer), then additions.
 */
export function newConversationVector(ticket: TicketWords, firstMessage: SQL): SQL {
  return sql`conversation_append(setweight(${ticketSearchVector(ticket)}, 'A'), setweight(${firstMessage}, 'D'))`;
}

/**
 * The conversation vector after the ticket's own words changed (a new subject): the new words
 * (A) in place of the old ones, the messages' words (D) kept.
 */
export function conversationWithTicketWords(ticket: TicketWords): SQL {
  return sql`conversation_append(setweight(${ticketSearchVector(ticket)}, 'A'), ts_filter(coalesce(${tickets.conversationVector}, ''::tsvector), '{d}'))`;
}

/**
 * `conversation_vector` with `messageVector` appended as conversation words (weight D), for a
 * merge. A new message appends its own in writeMessage's statement (messages.service.ts), the
 * same expression as SQL text.
 */
export function conversationWith(messageVector: SQL): SQL {
  return sql`conversation_append(${tickets.conversationVector}, setweight(coalesce(${messageVector}, ''::tsvector), 'D'))`;
}

export const tsQuery = (sq: SearchQuery): SQL => sql`to_tsquery('simple', ${sq.tsquery})`;

/** Staff: one GIN lookup (or check) of the ticket's conversation vector. */
const conversationMatch = (q: SQL): SQL => sql`${tickets.conversationVector} @@ ${q}`;

function messageKinds(scope: SearchScope): SQL {
  return scope.publicOnly ? sql` and ${messages.kind} = 'reply'` : sql``;
}

/** Rows of the scope walked in sort order, probing each ticket's messages, before switching to the index (see ticket-list). */
export const WALK_BUDGET = 500;

function messagesMatch(search: SearchScope, q: SQL): SQL {
  return sql`${messages.workspaceId} = ${search.workspaceId} and ${messages.searchVector} @@ ${q}${messageKinds(search)}`;
}

/**
 * Staff: the conversation vector matches (checked per row on a walk, or through its GIN index).
 * Customers: matches in its own vector or in one of its messages, probing the ticket's messages through
 * the ticket index. Cheap per ticket, so right for walking tickets in sort order when matches
 * are common (the page fills after a few tickets). `offset 0` keeps PostgreSQL from turning it
 * into one scan of every matching message, which is what costs for a common word.
 */
export function probeMatch(search: SearchScope, sq: SearchQuery): SQL {
  const q = tsQuery(sq);
  if (!search.publicOnly) return conversationMatch(q);
  return sql`(${tickets.searchVector} @@ ${q} or exists (select 1 from ${messages} where ${messages.ticketId} = ${tickets.id} and ${messagesMatch(search, q)} offset 0))`;
}

/**
 * The same match through the GIN indexes (customers: the tickets of all matching messages, collected once
 * and looked up by id). Right when matches are rare, which is when walking tickets would read
 * most of them.
 */
export function indexedMatch(search: SearchScope, sq: SearchQuery): SQL {
  const q = tsQuery(sq);
  if (!search.publicOnly) return conversationMatch(q);
  return sql`(${tickets.searchVector} @@ ${q} or ${tickets.id} = any(array(select ${messages.ticketId} from ${messages} where ${messagesMatch(search, q)})))`;
}

/**
 * Customers: the tickets of all matching messages collected once into a hash, the scope walked in sort
 * order against it. Right in between: too many matches to look each up by id, too few for
 * probing every ticket's messages.
 */
export function hashedMatch(search: SearchScope, sq: SearchQuery): SQL {
  const q = tsQuery(sq);
  if (!search.publicOnly) return conversationMatch(q);
  return sql`(${tickets.searchVector} @@ ${q} or ${tickets.id} in (select ${messages.ticketId} from ${messages} where ${messagesMatch(search, q)}))`;
}

/**
 * For relevance order, joined as `ranked` (ticket_id, rank). Staff: the RANK_CANDIDATES most
 * recently updated tickets of `scope` (access rule and filters) whose conversation matches, each
 * ranked once with ts_rank on its conversation vector. Customers: up to RANK_CANDIDATES ticket
 * hits and reply hits, reduced to the best rank per ticket.
 */
export function rankedHits(scope: SQL, search: SearchScope, sq: SearchQuery): SQL {
  const q = tsQuery(sq);
  if (!search.publicOnly) {
    // Candidates are chosen by id and time only (no vectors through the sort), then ranked.
    return sql`(select c.id as ticket_id, ts_rank(r.conversation_vector, ${q}) as rank from (
      select ${tickets.id} as id from ${tickets}
       where ${scope} and ${conversationMatch(q)} order by ${tickets.updatedAt} desc limit ${RANK_CANDIDATES}) c
      join tickets r on r.id = c.id) ranked`;
  }
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
