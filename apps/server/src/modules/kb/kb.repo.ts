import type { KbVisibility } from '@switchboard/contracts';
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/ids.js';
import { kbArticles, kbArticleVersions, kbCategories, kbReviews, kbSearchWords } from './kb.schema.js';

/** Drizzle queries of the authoring side, named after what they fetch. */

const { searchVector: _searchVector, rankVector: _rankVector, ...ARTICLE_COLUMNS } = getTableColumns(kbArticles);
export type ArticleRow = Omit<typeof kbArticles.$inferSelect, 'searchVector' | 'rankVector'>;
export type CategoryRow = typeof kbCategories.$inferSelect;
export type VersionRow = typeof kbArticleVersions.$inferSelect;
export type ReviewRow = typeof kbReviews.$inferSelect;
export { ARTICLE_COLUMNS };

export async function findArticle(db: DbOrTx, workspaceId: string, id: string, lock = false): Promise<ArticleRow | null> {
  const q = db
    .select(ARTICLE_COLUMNS)
    .from(kbArticles)
    .where(and(eq(kbArticles.workspaceId, workspaceId), eq(kbArticles.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The rows of these translation groups: enough to tell which translations exist and their state. */
export async function findGroupRows(db: DbOrTx, workspaceId: string, groupIds: string[]) {
  if (!groupIds.length) return [];
  return db
    .select({
      id: kbArticles.id,
      groupId: kbArticles.groupId,
      locale: kbArticles.locale,
      title: kbArticles.title,
      status: kbArticles.status,
      version: kbArticles.version,
      sourceVersion: kbArticles.sourceVersion,
      publishedVersion: kbArticles.publishedVersion,
    })
    .from(kbArticles)
    .where(and(eq(kbArticles.workspaceId, workspaceId), inArray(kbArticles.groupId, [...new Set(groupIds)])))
    .orderBy(asc(kbArticles.locale));
}
export type GroupRow = Awaited<ReturnType<typeof findGroupRows>>[number];

export async function articleSlugsTaken(db: DbOrTx, workspaceId: string, locale: string, candidates: string[], exceptId?: string) {
  const rows = await db
    .select({ slug: kbArticles.slug })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.workspaceId, workspaceId),
        eq(kbArticles.locale, locale),
        inArray(kbArticles.slug, candidates),
        exceptId ? ne(kbArticles.id, exceptId) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.slug));
}

export async function categorySlugsTaken(db: DbOrTx, workspaceId: string, candidates: string[], exceptId?: string) {
  const rows = await db
    .select({ slug: kbCategories.slug })
    .from(kbCategories)
    .where(
      and(
        eq(kbCategories.workspaceId, workspaceId),
        inArray(kbCategories.slug, candidates),
        exceptId ? ne(kbCategories.id, exceptId) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.slug));
}

export async function insertVersion(db: DbOrTx, row: ArticleRow, authorId: string | null, note: string | null, at = new Date()) {
  await db.insert(kbArticleVersions).values({
    id: uuidv7(),
    workspaceId: row.workspaceId,
    articleId: row.id,
    version: row.version,
    title: row.title,
    bodyHtml: row.bodyHtml,
    bodyText: row.bodyText,
    description: row.description,
    authorId,
    note,
    createdAt: at,
  });
}

export async function findCategory(db: DbOrTx, workspaceId: string, id: string): Promise<CategoryRow | null> {
  const [row] = await db
    .select()
    .from(kbCategories)
    .where(and(eq(kbCategories.workspaceId, workspaceId), eq(kbCategories.id, id)));
  return row ?? null;
}

export async function listCategories(db: DbOrTx, workspaceId: string): Promise<CategoryRow[]> {
  return db
    .select()
    .from(kbCategories)
    .where(eq(kbCategories.workspaceId, workspaceId))
    .orderBy(asc(kbCategories.position), asc(kbCategories.createdAt), asc(kbCategories.id));
}

/** Articles per section, for the category tree. */
export async function countArticlesBySection(db: DbOrTx, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ sectionId: kbArticles.sectionId, n: sql<number>`count(*)::int` })
    .from(kbArticles)
    .where(and(eq(kbArticles.workspaceId, workspaceId), isNotNull(kbArticles.sectionId)))
    .groupBy(kbArticles.sectionId);
  return new Map(rows.map((r) => [r.sectionId as string, r.n]));
}

/** The visibilities along a section's chain (section, its category), for effective visibility. */
export async function sectionVisibilities(db: DbOrTx, workspaceId: string, sectionIds: string[]): Promise<Map<string, KbVisibility[]>> {
  const ids = [...new Set(sectionIds)];
  if (!ids.length) return new Map();
  const sections = await db
    .select({ id: kbCategories.id, parentId: kbCategories.parentId, visibility: kbCategories.visibility })
    .from(kbCategories)
    .where(and(eq(kbCategories.workspaceId, workspaceId), inArray(kbCategories.id, ids)));
  const parentIds = sections.map((s) => s.parentId).filter((id): id is string => id !== null);
  const parents = parentIds.length
    ? await db
        .select({ id: kbCategories.id, visibility: kbCategories.visibility })
        .from(kbCategories)
        .where(and(eq(kbCategories.workspaceId, workspaceId), inArray(kbCategories.id, parentIds)))
    : [];
  const parentOf = new Map(parents.map((p) => [p.id, p.visibility]));
  return new Map(
    sections.map((s) => [
      s.id,
      [s.visibility, ...(s.parentId && parentOf.has(s.parentId) ? [parentOf.get(s.parentId) as KbVisibility] : [])],
    ]),
  );
}

export async function findVersions(db: DbOrTx, articleId: string): Promise<VersionRow[]> {
  return db.select().from(kbArticleVersions).where(eq(kbArticleVersions.articleId, articleId)).orderBy(desc(kbArticleVersions.version));
}

export async function findVersion(db: DbOrTx, articleId: string, version: number): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(kbArticleVersions)
    .where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.version, version)));
  return row ?? null;
}

export async function insertReview(
  db: DbOrTx,
  article: ArticleRow,
  reviewerId: string | null,
  decision: ReviewRow['decision'],
  comment: string | null,
): Promise<ReviewRow> {
  const [row] = await db
    .insert(kbReviews)
    .values({
      id: uuidv7(),
      workspaceId: article.workspaceId,
      articleId: article.id,
      version: article.version,
      reviewerId,
      decision,
      comment,
    })
    .returning();
  return row as ReviewRow;
}

export async function findReviews(db: DbOrTx, articleId: string): Promise<ReviewRow[]> {
  return db.select().from(kbReviews).where(eq(kbReviews.articleId, articleId)).orderBy(asc(kbReviews.createdAt), asc(kbReviews.id));
}

export async function updateArticle(db: DbOrTx, id: string, values: Partial<typeof kbArticles.$inferInsert>): Promise<ArticleRow> {
  const [row] = await db.update(kbArticles).set(values).where(eq(kbArticles.id, id)).returning(ARTICLE_COLUMNS);
  return row as ArticleRow;
}

export async function findArticleByGroupLocale(
  db: DbOrTx,
  workspaceId: string,
  groupId: string,
  locale: string,
): Promise<ArticleRow | null> {
  const [row] = await db
    .select(ARTICLE_COLUMNS)
    .from(kbArticles)
    .where(and(eq(kbArticles.workspaceId, workspaceId), eq(kbArticles.groupId, groupId), eq(kbArticles.locale, locale)))
    .for('update');
  return row ?? null;
}

export async function findArticleBySlug(db: DbOrTx, workspaceId: string, locale: string, slug: string): Promise<ArticleRow | null> {
  const [row] = await db
    .select(ARTICLE_COLUMNS)
    .from(kbArticles)
    .where(and(eq(kbArticles.workspaceId, workspaceId), eq(kbArticles.locale, locale), eq(kbArticles.slug, slug)))
    .for('update');
  return row ?? null;
}

/** Every article of the workspace, translation groups together (export). */
export async function findAllArticles(db: DbOrTx, workspaceId: string): Promise<ArticleRow[]> {
  return db
    .select(ARTICLE_COLUMNS)
    .from(kbArticles)
    .where(eq(kbArticles.workspaceId, workspaceId))
    .orderBy(asc(kbArticles.groupId), asc(kbArticles.locale));
}

/** Longest word kept for typo correction; the text read per article is bounded too. */
const MAX_WORD = 30;
const WORD_SOURCE_CHARS = 20_000;

/**
 * Adds the Latin words (3–30 letters, lowercased) of published articles to kb_search_words:
 * the given articles (on publish), or every article of a workspace (seeds, rebuilds).
 */
export async function recordSearchWords(db: DbOrTx, which: { articleIds: string[] } | { workspaceId: string }): Promise<void> {
  if ('articleIds' in which && which.articleIds.length === 0) return;
  const scope = 'articleIds' in which ? inArray(kbArticles.id, which.articleIds) : eq(kbArticles.workspaceId, which.workspaceId);
  const words = sql`regexp_split_to_table(lower(${kbArticles.publishedTitle} || ' ' || left(${kbArticles.publishedText}, ${WORD_SOURCE_CHARS})), '[^a-z]+')`;
  await db.execute(sql`insert into ${kbSearchWords} (workspace_id, locale, word)
    select distinct ${kbArticles.workspaceId}, ${kbArticles.locale}, w.word from ${kbArticles}, ${words} as w(word)
    where ${scope} and ${kbArticles.publishedVersion} is not null and length(w.word) between 3 and ${MAX_WORD}
    on conflict do nothing`);
}
