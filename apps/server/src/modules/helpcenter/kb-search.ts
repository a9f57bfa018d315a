import type { KbSearchHit, Locale } from '@switchboard/contracts';
import { and, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.js';
import { isUuid } from '../../platform/ids.js';
import { highlight, type SearchQuery, searchQuery } from '../../platform/search/text-search.js';
import { kbArticles, kbCategories, kbSearchWords } from '../kb/kb.schema.js';
import { type Audience, kbCategory, kbSection, readableCondition } from './audience.js';
import { articlePath } from './hc-urls.js';

/**
 * Search over published articles: full text (ts_rank_cd over each candidate's small title + tags
 * vector, matched against search_vector, built by the same analyzer as tickets: English stems,
 * jieba words + bigrams), a fallback to other languages when the reader's language has no hit at
 * all, and typo tolerance when full text finds almost nothing: unknown query words are replaced
 * by the closest words of the published articles (kb_search_words) and the search runs again.
 */

/**
 * Matches ranked per query: ranking every hit of a very common word costs too much. A word in
 * more articles than this ranks the first ones the index returns (an arbitrary subset).
 */
export const RANK_CANDIDATES = 300;
/** Fewer full-text hits than this and typo correction joins in. */
const TYPO_BELOW = 3;
/** Trigram similarity a known word needs to replace a query word. */
const MIN_WORD_SIMILARITY = 0.4;
/** Known words considered per query word. */
const WORD_CANDIDATES = 3;
/** Query words corrected at most (a long query of typos is not a typo). */
const MAX_TYPO_WORDS = 6;
const MAX_TRANSPOSITIONS = 24;
/** Characters of an article read for its snippet: matches are near the start far more often than not. */
const SNIPPET_SOURCE_CHARS = 5_000;
/** Title weighs A, tags B (the rank vector holds nothing else): a tag counts 0.4 of a title word. */
const RANK_WEIGHTS = '{0.02, 0.1, 0.4, 1.0}';
/** Autocomplete candidates per kind (starts with, contains, title words) before the popularity order. */
const SUGGEST_CANDIDATES = 50;

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
  /** Hits found (capped at RANK_CANDIDATES per language group), for analytics. */
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
    localeCondition(kbArticles.locale, input.locale, fallback),
    input.category ? refCondition(kbCategory, input.category) : undefined,
    input.section ? refCondition(kbSection, input.section) : undefined,
    input.tag ? sql`${input.tag} = any(${kbArticles.tags})` : undefined,
  ) as SQL;
}

function localeCondition(column: AnyPgColumn, locale: Locale | undefined, fallback: boolean): SQL | undefined {
  if (!locale) return undefined;
  return fallback ? ne(column, locale) : eq(column, locale);
}

/** The words typo correction looks at: Latin letters only, as kb_search_words holds them. */
const LATIN_WORD = /(?<![\p{L}\p{N}])[a-z]{3,30}(?![\p{L}\p{N}])/giu;

function latinWords(q: string): string[] {
  return [...new Set((q.match(LATIN_WORD) ?? []).map((w) => w.toLowerCase()))].slice(0, MAX_TYPO_WORDS);
}

/**
 * A word as typed with two neighbouring letters swapped back ("refnud" → "refund"), at most `max`
 * spellings: trigrams barely connect those, so they are looked up as exact words.
 */
export function transpositions(word: string, max = MAX_TRANSPOSITIONS): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length && out.length < max; i++) {
    if (word[i] !== word[i + 1]) out.push(`${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`);
  }
  return out;
}

const ARTICLE_JOINS = sql`${kbArticles}
  left join ${kbCategories} as ${sql.identifier('kb_section')} on ${kbSection.id} = ${kbArticles.sectionId}
  left join ${kbCategories} as ${sql.identifier('kb_category')} on ${kbCategory.id} = ${kbSection.parentId}`;

const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
const tsQuery = (sq: SearchQuery) => sql`to_tsquery('simple', ${sq.tsquery})`;

/**
 * Full-text hits in `where`, at most RANK_CANDIDATES of them, ranked on the small rank vector
 * (title and tags: inline in the row, so no whole-vector decompression per candidate). `gate`
 * is a condition without columns: PostgreSQL checks it once and skips the scan when it is false.
 *
 * The match is written twice on purpose. For a common word the planner would otherwise pick a
 * sequential scan that stops after RANK_CANDIDATES matches, which looks cheap but decompresses
 * the (toasted) search vector of every row it passes: 5–10× the work of the GIN bitmap scan,
 * which needs no vector at all. The repeated condition lowers the row estimate so the planner
 * takes the index; both copies are index conditions, checked once by the GIN scan.
 */
function textHits(where: SQL, gate: SQL, sq: SearchQuery): SQL {
  const q = tsQuery(sq);
  const match = sql`${kbArticles.searchVector} @@ ${q}`;
  return sql`select c.id, ts_rank_cd(${RANK_WEIGHTS}::float4[], c.rv, ${q}, 1) as score, c.views from (
    select ${kbArticles.id} as id, ${kbArticles.rankVector} as rv, ${kbArticles.viewCount} as views from ${ARTICLE_JOINS}
    where ${where} and ${gate} and ${match} and (${match}) limit ${RANK_CANDIDATES}) c`;
}

interface TextScope {
  where: SQL;
  fallback: boolean;
}

interface HitRow {
  id: string | null;
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
  total: number | string;
  used_fallback: boolean;
}

interface HitPage {
  rows: HitRow[];
  total: number;
  usedFallback: boolean;
}

/**
 * One statement: full-text hits in `own`; when there are none, in `other` (the other languages;
 * gated, so PostgreSQL does not even scan for them when not needed). The page is joined back to
 * its articles for titles and snippet text; there is always one row, carrying the total.
 */
async function textPage(
  db: DbOrTx,
  sq: SearchQuery,
  own: TextScope,
  other: TextScope | null,
  limit: number,
  offset: number,
): Promise<HitPage> {
  const ctes = [sql`own_text as materialized (${textHits(own.where, sql`true`, sq)})`];
  const parts = [sql`select id, ${own.fallback}::boolean as fallback, score, views from own_text`];
  if (other) {
    ctes.push(sql`other_text as materialized (${textHits(other.where, sql`not exists (select 1 from own_text)`, sq)})`);
    parts.push(sql`select id, true, score, views from other_text`);
  }
  const result = await db.execute(sql`with ${sql.join(ctes, sql`, `)},
    hits as (${sql.join(parts, sql` union all `)}),
    page as (select id, fallback, score, views from hits order by score desc, views desc, id limit ${limit} offset ${offset})
    select a.id, a.group_id, a.locale, a.published_title as title, left(a.published_text, ${SNIPPET_SOURCE_CHARS}) as text,
      a.description, a.slug, a.section_id, a.tags,
      to_char(a.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as published_at, p.fallback,
      t.total, t.used_fallback
    from (select count(*) as total, coalesce(bool_or(fallback), false) as used_fallback from hits) t
      left join (page p join ${kbArticles} a on a.id = p.id) on true
    order by p.score desc, p.views desc, p.id`);
  const rows = (result as unknown as { rows: HitRow[] }).rows;
  const first = rows[0];
  return { rows: rows.filter((r) => r.id !== null), total: Number(first?.total ?? 0), usedFallback: first?.used_fallback === true };
}

/**
 * The query with each word full text does not know replaced by the closest known word of the
 * published articles in `locale` (trigram similarity, else a swapped-letter spelling); null when
 * nothing could be corrected.
 */
async function correctedQuery(db: DbOrTx, workspaceId: string, q: string, locale: SQL | undefined): Promise<string | null> {
  const words = latinWords(q);
  if (words.length === 0) return null;
  const swapFrom: string[] = [];
  const swapTo: string[] = [];
  for (const word of words.filter((w) => w.length >= 4)) {
    for (const swapped of transpositions(word, MAX_TRANSPOSITIONS - swapTo.length)) {
      swapFrom.push(word);
      swapTo.push(swapped);
    }
  }
  const known = sql`${kbSearchWords.workspaceId} = ${workspaceId}${locale ? sql` and ${locale}` : sql``}`;
  const result = await db.execute(sql`
    select q.w as typed, d.word as known, d.score, false as swapped from unnest(${textArray(words)}) as q(w)
      cross join lateral (select ${kbSearchWords.word} as word, similarity(${kbSearchWords.word}, q.w) as score from ${kbSearchWords}
        where ${known} and ${kbSearchWords.word} % q.w and similarity(${kbSearchWords.word}, q.w) >= ${MIN_WORD_SIMILARITY}
        order by 2 desc, 1 limit ${WORD_CANDIDATES}) d
    union all
    select distinct s.w, s.t, 0, true from unnest(${textArray(swapFrom)}, ${textArray(swapTo)}) as s(w, t)
      join ${kbSearchWords} on ${known} and ${kbSearchWords.word} = s.t`);
  const rows = (result as unknown as { rows: { typed: string; known: string; score: number; swapped: boolean }[] }).rows;
  const best = new Map<string, string>();
  // Trigram matches first (best score first), then swapped spellings for words trigrams did not place.
  for (const r of [...rows].sort((a, b) => Number(a.swapped) - Number(b.swapped) || b.score - a.score)) {
    if (!best.has(r.typed)) best.set(r.typed, r.known);
  }
  let changed = false;
  const corrected = q.replace(LATIN_WORD, (w) => {
    const known = best.get(w.toLowerCase());
    if (known === undefined || known === w.toLowerCase()) return w;
    changed = true;
    return known;
  });
  return changed ? corrected : null;
}

function presentHit(r: HitRow, terms: string[], typo: boolean): KbSearchHit {
  const title = r.title ?? '';
  return {
    id: r.id as string,
    groupId: r.group_id,
    locale: r.locale,
    title,
    titleHtml: highlight(title, terms, { maxLength: 300 }),
    snippetHtml: highlight(r.text ?? '', terms, { maxLength: 200 }),
    description: r.description,
    slug: r.slug,
    sectionId: r.section_id,
    tags: r.tags ?? [],
    url: articlePath(r.locale, r.id as string, r.slug),
    fallback: r.fallback,
    match: typo ? 'typo' : 'text',
    publishedAt: r.published_at,
  };
}

/**
 * Typo hits after the `found` exact hits of `scope`: the corrected query's hits that the typed one
 * does not match, paged as if they followed the exact ones.
 */
async function typoPage(
  db: DbOrTx,
  workspaceId: string,
  input: KbSearchInput,
  sq: SearchQuery,
  scope: TextScope,
  found: { total: number; onPage: number },
  offset: number,
): Promise<{ page: HitPage; sq: SearchQuery } | null> {
  const corrected = await correctedQuery(db, workspaceId, input.q, localeCondition(kbSearchWords.locale, input.locale, scope.fallback));
  const fixed = corrected === null ? null : searchQuery(corrected);
  if (!fixed) return null;
  // Leave out what the typed query found (a heap check of each candidate's vector: only when there is something to leave out).
  const where = found.total > 0 ? sql`${scope.where} and not (${kbArticles.searchVector} @@ ${tsQuery(sq)})` : scope.where;
  const limit = input.limit + 1 - found.onPage;
  const page = await textPage(db, fixed, { where, fallback: scope.fallback }, null, limit, Math.max(0, offset - found.total));
  return page.total > 0 ? { page, sq: fixed } : null;
}

/** One page of published articles matching `input.q` that the scope's audience may read. */
export async function searchPublished(db: DbOrTx, scope: KbSearchScope, input: KbSearchInput): Promise<KbSearchResult> {
  const cursor = decodeCursor(input.cursor);
  const sq = searchQuery(input.q);
  if (!sq) return { items: [], nextCursor: null, fallback: false, total: 0 };
  const fallback = cursor.fallback && input.locale !== undefined;
  const own = { where: scopeConditions(scope, input, fallback), fallback };
  // Nothing at all in the reader's language (first page only): other languages, marked as such.
  const other = !fallback && input.locale && cursor.offset === 0 ? { where: scopeConditions(scope, input, true), fallback: true } : null;
  const text = await textPage(db, sq, own, other, input.limit + 1, cursor.offset);
  let usedFallback = text.usedFallback || fallback;
  let items = text.rows.map((r) => presentHit(r, sq.terms, false));
  let total = text.total;
  if (text.total < TYPO_BELOW) {
    // Typos in the language shown; with nothing at all in the reader's language, typos in the others.
    const shown = text.usedFallback && other ? other : own;
    const found = { total: text.total, onPage: text.rows.length };
    let typo = await typoPage(db, scope.workspaceId, input, sq, shown, found, cursor.offset);
    if (!typo && text.total === 0 && other) typo = await typoPage(db, scope.workspaceId, input, sq, other, found, cursor.offset);
    if (typo) {
      items = [...items, ...typo.page.rows.map((r) => presentHit(r, typo.sq.terms, true))];
      total += typo.page.total;
      usedFallback = usedFallback || typo.page.usedFallback;
    }
  }
  const more = items.length > input.limit;
  return {
    items: items.slice(0, input.limit),
    nextCursor: more ? encodeCursor({ fallback: usedFallback, offset: cursor.offset + input.limit }) : null,
    fallback: usedFallback,
    total,
  };
}

/**
 * Autocomplete: titles starting with the query first, then titles containing it, then title
 * and tag words (full text), each kind the most viewed of its first SUGGEST_CANDIDATES matches.
 */
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
  const title = kbArticles.publishedTitle;
  const kind = (rank: number, match: SQL) =>
    sql`(select ${kbArticles.id} as id, ${rank} as kind from ${ARTICLE_JOINS} where ${where} and ${match} limit ${SUGGEST_CANDIDATES})`;
  const kinds = [kind(2, sql`${title} ilike ${`${like}%`}`), kind(1, sql`${title} ilike ${`%${like}%`}`)];
  if (sq) kinds.push(kind(0, sql`${kbArticles.rankVector} @@ ${tsQuery(sq)}`));
  const result = await db.execute(sql`
    select a.id, a.published_title as title, a.locale, a.slug
    from (select id, max(kind) as kind from (${sql.join(kinds, sql` union all `)}) k group by id) c join ${kbArticles} a on a.id = c.id
    order by c.kind desc, a.view_count desc, a.id limit ${limit}`);
  const rows = (result as unknown as { rows: { id: string; title: string | null; locale: string; slug: string }[] }).rows;
  return rows.map((r) => ({ id: r.id, title: r.title ?? '', locale: r.locale, url: articlePath(r.locale, r.id, r.slug) }));
}
