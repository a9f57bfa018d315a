import type { KbSearchHit, Locale } from '@switchboard/contracts';
import { and, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { isUuid } from '../../platform/ids.js';
import { highlight, type SearchQuery, searchQuery } from '../../platform/search/text-search.js';
import { kbArticles } from '../kb/kb.schema.js';
import { type Audience, kbCategory, kbSection, readableCondition } from './audience.js';
import { articlePath } from './hc-urls.js';

/**
 * Search over published articles: full text (ts_rank_cd over search_vector, built by the same
 * analyzer as tickets: English stems, jieba words + bigrams), title trigram similarity when full
 * text finds almost nothing (typos), and a fallback to other languages when the reader's
 * language has no hit at all.
 */

/**
 * Matches ranked per query: ranking every hit of a very common word costs too much (the same
 * bound as ticket search). A word in more articles than this ranks an arbitrary subset of them.
 */
export const RANK_CANDIDATES = 1_000;
/** Fewer full-text hits than this on the first page and title similarity (typo tolerance) joins in. */
const TYPO_BELOW = 3;
const MIN_TRIGRAM_QUERY = 3;
/** Characters of an article read for its snippet: matches are near the start far more often than not. */
const SNIPPET_SOURCE_CHARS = 5_000;
/** Title weighs A, tags B, body C: a body mention counts a tenth of a title one. */
const RANK_WEIGHTS = '{0.02, 0.1, 0.4, 1.0}';

export interface KbSearchScope {
  workspaceId: string;
  audience: Audience;
}

export interface KbSearchInput {
  q: string;
  locale?: Locale | undefined;
  category?: string | undefined;
  section?: string | undefined;
  tag?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface KbSearchResult {
  items: KbSearchHit[];
  nextCursor: string | null;
  fallback: boolean;
  /** Hits found (capped at RANK_CANDIDATES), for analytics. */
  total: number;
}

interface Cursor {
  fallback: boolean;
  offset: number;
}

const encodeCursor = (c: Cursor) => Buffer.from(`${c.fallback ? 'f' : 'l'}:${c.offset}`).toString('base64url');

function decodeCursor(raw: string | undefined): Cursor {
  if (!raw) return { fallback: false, offset: 0 };
  const m = /^([fl]):(\d{1,5})$/.exec(Buffer.from(raw, 'base64url').toString());
  return m ? { fallback: m[1] === 'f', offset: Number(m[2]) } : { fallback: false, offset: 0 };
}

function refCondition(table: typeof kbSection | typeof kbCategory, ref: string): SQL {
  return isUuid(ref) ? eq(table.id, ref) : eq(table.slug, ref);
}

/** Everything but the text match: workspace, audience, language and the filters. */
function scopeConditions(scope: KbSearchScope, input: KbSearchInput, fallback: boolean): SQL {
  return and(
    readableCondition(scope.workspaceId, scope.audience),
    input.locale ? (fallback ? ne(kbArticles.locale, input.locale) : eq(kbArticles.locale, input.locale)) : undefined,
    input.category ? refCondition(kbCategory, input.category) : undefined,
    input.section ? refCondition(kbSection, input.section) : undefined,
    input.tag ? sql`${input.tag} = any(${kbArticles.tags})` : undefined,
  ) as SQL;
}

interface Ranked {
  id: string;
  match: 'text' | 'typo';
}

async function rankText(db: DbOrTx, where: SQL, sq: SearchQuery, limit: number, offset: number): Promise<{ ids: Ranked[]; total: number }> {
  const q = sql`to_tsquery('simple', ${sq.tsquery})`;
  const rank = sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], ${kbArticles.searchVector}, ${q}, 1)`;
  const hits = db
    .select({ id: kbArticles.id, rank: rank.as('rank') })
    .from(kbArticles)
    .leftJoin(kbSection, eq(kbSection.id, kbArticles.sectionId))
    .leftJoin(kbCategory, eq(kbCategory.id, kbSection.parentId))
    .where(and(where, sql`${kbArticles.searchVector} @@ ${q}`))
    .limit(RANK_CANDIDATES)
    .as('hits');
  const rows = await db
    .select({ id: hits.id, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(hits)
    .orderBy(desc(hits.rank), hits.id)
    .limit(limit)
    .offset(offset);
  return { ids: rows.map((r) => ({ id: r.id, match: 'text' as const })), total: rows[0]?.total ?? 0 };
}

/** Titles close to the query (pg_trgm, through the title trigram index), for typos. */
async function rankTypos(db: DbOrTx, where: SQL, q: string, limit: number): Promise<Ranked[]> {
  const text = q.trim().toLowerCase().slice(0, 200);
  if ([...text.replace(/\s+/g, '')].length < MIN_TRIGRAM_QUERY) return [];
  const score = sql`greatest(similarity(${kbArticles.publishedTitle}, ${text}), word_similarity(${text}, ${kbArticles.publishedTitle}))`;
  const rows = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .leftJoin(kbSection, eq(kbSection.id, kbArticles.sectionId))
    .leftJoin(kbCategory, eq(kbCategory.id, kbSection.parentId))
    .where(and(where, sql`(${kbArticles.publishedTitle} % ${text} or ${text} <% ${kbArticles.publishedTitle})`))
    .orderBy(desc(score), kbArticles.id)
    .limit(limit);
  return rows.map((r) => ({ id: r.id, match: 'typo' as const }));
}

async function rankPage(db: DbOrTx, where: SQL, input: KbSearchInput, offset: number): Promise<{ ids: Ranked[]; total: number }> {
  const sq = searchQuery(input.q);
  const text = sq ? await rankText(db, where, sq, input.limit + 1, offset) : { ids: [], total: 0 };
  if (offset > 0 || text.total >= TYPO_BELOW) return text;
  const seen = new Set(text.ids.map((r) => r.id));
  const typos = (await rankTypos(db, where, input.q, input.limit)).filter((r) => !seen.has(r.id));
  const ids = [...text.ids, ...typos].slice(0, input.limit + 1);
  return { ids, total: ids.length };
}

async function loadHits(db: DbOrTx, ranked: Ranked[], terms: string[], fallback: boolean): Promise<KbSearchHit[]> {
  if (!ranked.length) return [];
  const rows = await db
    .select({
      id: kbArticles.id,
      groupId: kbArticles.groupId,
      locale: kbArticles.locale,
      title: kbArticles.publishedTitle,
      text: sql<string>`left(${kbArticles.publishedText}, ${SNIPPET_SOURCE_CHARS})`,
      description: kbArticles.description,
      slug: kbArticles.slug,
      sectionId: kbArticles.sectionId,
      tags: kbArticles.tags,
      publishedAt: kbArticles.publishedAt,
    })
    .from(kbArticles)
    .where(
      inArray(
        kbArticles.id,
        ranked.map((r) => r.id),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ranked.flatMap(({ id, match }) => {
    const r = byId.get(id);
    if (!r) return [];
    const title = r.title ?? '';
    return [
      {
        id: r.id,
        groupId: r.groupId,
        locale: r.locale,
        title,
        titleHtml: highlight(title, terms, { maxLength: 300 }),
        snippetHtml: highlight(r.text ?? '', terms, { maxLength: 200 }),
        description: r.description,
        slug: r.slug,
        sectionId: r.sectionId,
        tags: r.tags,
        url: articlePath(r.locale, r.id, r.slug),
        fallback,
        match,
        publishedAt: r.publishedAt?.toISOString() ?? null,
      },
    ];
  });
}

/** One page of published articles matching `input.q` that the scope's audience may read. */
export async function searchPublished(db: DbOrTx, scope: KbSearchScope, input: KbSearchInput): Promise<KbSearchResult> {
  const cursor = decodeCursor(input.cursor);
  const terms = searchQuery(input.q)?.terms ?? [];
  let fallback = cursor.fallback && input.locale !== undefined;
  let page = await rankPage(db, scopeConditions(scope, input, fallback), input, cursor.offset);
  // Nothing at all in the reader's language: show what other languages have, marked as such.
  if (!fallback && input.locale && cursor.offset === 0 && page.ids.length === 0) {
    fallback = true;
    page = await rankPage(db, scopeConditions(scope, input, true), input, 0);
  }
  const more = page.ids.length > input.limit;
  const ids = page.ids.slice(0, input.limit);
  return {
    items: await loadHits(db, ids, terms, fallback),
    nextCursor: more ? encodeCursor({ fallback, offset: cursor.offset + input.limit }) : null,
    fallback,
    total: page.total,
  };
}

/** Autocomplete: titles starting with the query first, then titles containing it, then full-text title hits. */
export async function suggestTitles(
  db: DbOrTx,
  scope: KbSearchScope,
  input: { q: string; locale?: Locale | undefined },
  limit = 8,
): Promise<{ id: string; title: string; locale: string; url: string }[]> {
  const q = input.q.trim().slice(0, 100);
  const sq = searchQuery(q);
  const like = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = scopeConditions(scope, { q, locale: input.locale, limit }, false);
  const prefix = sql`${kbArticles.publishedTitle} ilike ${`${like}%`}`;
  const contains = sql`${kbArticles.publishedTitle} ilike ${`%${like}%`}`;
  const match = sq ? sql`(${contains} or ${kbArticles.searchVector} @@ to_tsquery('simple', ${sq.tsquery}))` : contains;
  const rows = await db
    .select({ id: kbArticles.id, title: kbArticles.publishedTitle, locale: kbArticles.locale, slug: kbArticles.slug })
    .from(kbArticles)
    .leftJoin(kbSection, eq(kbSection.id, kbArticles.sectionId))
    .leftJoin(kbCategory, eq(kbCategory.id, kbSection.parentId))
    .where(and(where, match))
    .orderBy(desc(prefix), desc(contains), desc(kbArticles.viewCount), kbArticles.id)
    .limit(limit);
  return rows.map((r) => ({ id: r.id, title: r.title ?? '', locale: r.locale, url: articlePath(r.locale, r.id, r.slug) }));
}
