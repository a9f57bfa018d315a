import type { KbSearchHit, Locale } from '@switchboard/contracts';
import { and, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { isUuid } from '../../platform/ids.js';
import { highlight, type SearchQuery, searchQuery } from '../../platform/search/text-search.js';
import { kbArticles, kbCategories } from '../kb/kb.schema.js';
import { type Audience, kbCategory, kbSection, readableCondition } from './audience.js';
import { articlePath } from './hc-urls.js';

/**
 * Search over published articles: full text (ts_rank_cd over search_vector, built by the same
 * analyzer as tickets: English stems, jieba words + bigrams), title trigram similarity or a
 * transposed word in the title when full text finds almost nothing (typos), and a fallback to
 * other languages when the reader's language has no hit at all; all in one statement.
 */

/**
 * Matches ranked per query: ranking every hit of a very common word costs too much (the same
 * bound as ticket search). A word in more articles than this ranks an arbitrary subset of them.
 */
export const RANK_CANDIDATES = 1_000;
/** Fewer full-text hits than this and title similarity (typo tolerance) joins in. */
const TYPO_BELOW = 3;
const MIN_TRIGRAM_QUERY = 3;
/** Titles scored for typos per query: a typo of a common word matches many. */
const TYPO_CANDIDATES = 200;
const MAX_TRANSPOSITIONS = 24;
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

/** A query's words as typed with two neighbouring letters swapped ("refnud" → "refund"): trigrams miss those. */
export function transpositions(q: string): string[] {
  const out = new Set<string>();
  for (const word of q.toLowerCase().match(/\p{Script=Latin}{4,20}/gu) ?? []) {
    for (let i = 0; i + 1 < word.length && out.size < MAX_TRANSPOSITIONS; i++) {
      if (word[i] !== word[i + 1]) out.add(`${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`);
    }
  }
  return [...out];
}

const ARTICLE_JOINS = sql`${kbArticles}
  left join ${kbCategories} as ${sql.identifier('kb_section')} on ${kbSection.id} = ${kbArticles.sectionId}
  left join ${kbCategories} as ${sql.identifier('kb_category')} on ${kbCategory.id} = ${kbSection.parentId}`;
const NO_ROWS = sql`select null::uuid as id, 0::float4 as score where false`;

/**
 * Full-text hits in `where`, at most RANK_CANDIDATES of them ranked. `gate` is a condition
 * without columns: PostgreSQL checks it once and skips the scan when it is false.
 */
function textHits(where: SQL, gate: SQL, sq: SearchQuery | null): SQL {
  if (!sq) return NO_ROWS;
  const q = sql`to_tsquery('simple', ${sq.tsquery})`;
  return sql`select c.id, ts_rank_cd(${RANK_WEIGHTS}::float4[], c.sv, ${q}, 1) as score from (
    select ${kbArticles.id} as id, ${kbArticles.searchVector} as sv from ${ARTICLE_JOINS}
    where ${where} and ${gate} and ${kbArticles.searchVector} @@ ${q} limit ${RANK_CANDIDATES}) c`;
}

/** Titles close to the query (pg_trgm through the title trigram index, or a transposition inside them), for typos. */
function typoHits(where: SQL, gate: SQL, q: string, exclude: string): SQL {
  const text = q.trim().toLowerCase().slice(0, 200);
  if ([...text.replace(/\s+/g, '')].length < MIN_TRIGRAM_QUERY) return NO_ROWS;
  const title = kbArticles.publishedTitle;
  const swapped = transpositions(text).map((w) => sql` or ${title} ilike ${`%${w}%`}`);
  return sql`select c.id, greatest(similarity(c.title, ${text}), word_similarity(${text}, c.title)) as score from (
    select ${kbArticles.id} as id, ${title} as title from ${ARTICLE_JOINS}
    where ${where} and ${gate} and (${title} % ${text} or ${text} <% ${title}${sql.join(swapped)})
    limit ${TYPO_CANDIDATES}) c
    where c.id not in (select id from ${sql.identifier(exclude)})`;
}

interface HitRow {
  id: string;
  group_id: string;
  locale: string;
  title: string | null;
  text: string | null;
  description: string | null;
  slug: string;
  section_id: string | null;
  tags: string[] | null;
  published_at: string | null;
  fallback: boolean;
  typo: boolean;
  total: number | string;
}

/**
 * One statement: full-text hits in the reader's language; when there are none, full-text hits in
 * the other languages (`fallbackWhere`); title typos when the language shown has fewer than
 * TYPO_BELOW full-text hits.
 * The later parts are gated, so PostgreSQL does not even scan for them when they are not needed.
 * The page is joined back to its articles for titles and snippet text.
 */
function pageQuery(
  input: KbSearchInput,
  sq: SearchQuery | null,
  own: { where: SQL; fallback: boolean },
  fallbackWhere: SQL | null,
  offset: number,
): SQL {
  const always = sql`true`;
  const fewOwn = sql`(select count(*) from own_text) < ${TYPO_BELOW}`;
  const ctes = [sql`own_text as materialized (${textHits(own.where, always, sq)})`];
  const parts = [
    sql`select id, ${own.fallback}::boolean as fallback, false as typo, score from own_text`,
    sql`select id, ${own.fallback}::boolean, true, score from own_typo`,
  ];
  if (!fallbackWhere) ctes.push(sql`own_typo as materialized (${typoHits(own.where, fewOwn, input.q, 'own_text')})`);
  else {
    // Exact words in another language beat typos in the reader's: a typo scan only runs when neither found anything.
    const otherEmpty = sql`not exists (select 1 from other_text)`;
    const ownEmpty = sql`not exists (select 1 from own_text) and not exists (select 1 from own_typo)`;
    ctes.push(
      sql`other_text as materialized (${textHits(fallbackWhere, sql`not exists (select 1 from own_text)`, sq)})`,
      sql`own_typo as materialized (${typoHits(own.where, sql`${fewOwn} and ${otherEmpty}`, input.q, 'own_text')})`,
      sql`other_typo as materialized (${typoHits(fallbackWhere, sql`${ownEmpty} and (select count(*) from other_text) < ${TYPO_BELOW}`, input.q, 'other_text')})`,
    );
    parts.push(sql`select id, true, false, score from other_text`, sql`select id, true, true, score from other_typo`);
  }
  return sql`with ${sql.join(ctes, sql`, `)},
    hits as (${sql.join(parts, sql` union all `)}),
    page as (select id, fallback, typo, score, count(*) over () as total from hits order by typo, score desc, id limit ${input.limit + 1} offset ${offset})
    select a.id, a.group_id, a.locale, a.published_title as title, left(a.published_text, ${SNIPPET_SOURCE_CHARS}) as text,
      a.description, a.slug, a.section_id, a.tags,
      to_char(a.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as published_at, p.fallback, p.typo, p.total
    from page p join ${kbArticles} a on a.id = p.id
    order by p.typo, p.score desc, p.id`;
}

function presentHit(r: HitRow, terms: string[]): KbSearchHit {
  const title = r.title ?? '';
  return {
    id: r.id,
    groupId: r.group_id,
    locale: r.locale,
    title,
    titleHtml: highlight(title, terms, { maxLength: 300 }),
    snippetHtml: highlight(r.text ?? '', terms, { maxLength: 200 }),
    description: r.description,
    slug: r.slug,
    sectionId: r.section_id,
    tags: r.tags ?? [],
    url: articlePath(r.locale, r.id, r.slug),
    fallback: r.fallback,
    match: r.typo ? 'typo' : 'text',
    publishedAt: r.published_at,
  };
}

/** One page of published articles matching `input.q` that the scope's audience may read. */
export async function searchPublished(db: DbOrTx, scope: KbSearchScope, input: KbSearchInput): Promise<KbSearchResult> {
  const cursor = decodeCursor(input.cursor);
  const sq = searchQuery(input.q);
  const fallback = cursor.fallback && input.locale !== undefined;
  const own = { where: scopeConditions(scope, input, fallback), fallback };
  // Nothing at all in the reader's language (first page only): other languages, marked as such.
  const other = !fallback && input.locale && cursor.offset === 0 ? scopeConditions(scope, input, true) : null;
  const result = await db.execute(pageQuery(input, sq, own, other, cursor.offset));
  const rows = (result as unknown as { rows: HitRow[] }).rows;
  const more = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  const usedFallback = page[0]?.fallback ?? fallback;
  return {
    items: page.map((r) => presentHit(r, sq?.terms ?? [])),
    nextCursor: more ? encodeCursor({ fallback: usedFallback, offset: cursor.offset + input.limit }) : null,
    fallback: usedFallback,
    total: Number(rows[0]?.total ?? 0),
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
