import { and, asc, desc, eq, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { kbArticles, kbCategories } from '../kb/kb.schema.js';
import { type Audience, canSeeVisibility, kbCategory, kbSection, readableCondition } from './audience.js';

/** Read queries of the help center: published snapshots only, always scoped by workspace and audience. */

export type CategoryRow = Pick<
  typeof kbCategories.$inferSelect,
  'id' | 'parentId' | 'slug' | 'names' | 'descriptions' | 'position' | 'visibility' | 'updatedAt'
>;

/** Categories and sections the audience may see (a section of a hidden category is hidden too), in order. */
export async function visibleCategories(db: DbOrTx, workspaceId: string, audience: Audience): Promise<CategoryRow[]> {
  const rows = await db
    .select({
      id: kbCategories.id,
      parentId: kbCategories.parentId,
      slug: kbCategories.slug,
      names: kbCategories.names,
      descriptions: kbCategories.descriptions,
      position: kbCategories.position,
      visibility: kbCategories.visibility,
      updatedAt: kbCategories.updatedAt,
    })
    .from(kbCategories)
    .where(eq(kbCategories.workspaceId, workspaceId))
    .orderBy(asc(kbCategories.position), asc(kbCategories.slug));
  const visible = new Set(rows.filter((r) => r.parentId === null && canSeeVisibility(audience, r.visibility)).map((r) => r.id));
  return rows.filter((r) =>
    r.parentId === null ? visible.has(r.id) : visible.has(r.parentId) && canSeeVisibility(audience, r.visibility),
  );
}

export interface ArticleListItem {
  id: string;
  locale: string;
  slug: string;
  title: string;
  description: string | null;
  sectionId: string | null;
  /** Published articles of its section in this language (for "see all"). */
  sectionTotal: number;
}

const listFields = {
  id: kbArticles.id,
  locale: kbArticles.locale,
  slug: kbArticles.slug,
  title: sql<string>`coalesce(${kbArticles.publishedTitle}, '')`.as('title'),
  description: kbArticles.description,
  sectionId: kbArticles.sectionId,
};

function readable(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      ...listFields,
      sectionTotal: sql<number>`count(*) over (partition by ${kbArticles.sectionId})`.mapWith(Number).as('section_total'),
      rn: sql<number>`row_number() over (partition by ${kbArticles.sectionId} order by ${kbArticles.viewCount} desc, ${kbArticles.publishedAt} desc, ${kbArticles.id})`
        .mapWith(Number)
        .as('rn'),
    })
    .from(kbArticles)
    .leftJoin(kbSection, eq(kbSection.id, kbArticles.sectionId))
    .leftJoin(kbCategory, eq(kbCategory.id, kbSection.parentId))
    .where(where);
}

/** The most viewed `perSection` articles of each section (optionally only the sections of one category). */
export async function topArticlesBySection(
  db: DbOrTx,
  scope: { workspaceId: string; audience: Audience; locale: string },
  perSection: number,
  categoryId?: string,
): Promise<ArticleListItem[]> {
  const ranked = readable(
    db,
    and(
      readableCondition(scope.workspaceId, scope.audience),
      eq(kbArticles.locale, scope.locale),
      sql`${kbArticles.sectionId} is not null`,
      categoryId ? eq(kbSection.parentId, categoryId) : undefined,
    ),
  ).as('ranked');
  const rows = await db.select().from(ranked).where(lte(ranked.rn, perSection)).orderBy(ranked.sectionId, ranked.rn);
  return rows.map(({ rn: _rn, ...r }) => r);
}

export async function articlesInSection(
  db: DbOrTx,
  scope: { workspaceId: string; audience: Audience; locale: string },
  sectionId: string,
): Promise<ArticleListItem[]> {
  const rows = await readable(
    db,
    and(readableCondition(scope.workspaceId, scope.audience), eq(kbArticles.locale, scope.locale), eq(kbArticles.sectionId, sectionId)),
  )
    .orderBy(desc(kbArticles.viewCount), desc(kbArticles.publishedAt), kbArticles.id)
    .limit(500);
  return rows.map(({ rn: _rn, ...r }) => r);
}

/** What decides whether a cached article page may be served: a primary-key lookup. */
export async function articleGate(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: kbArticles.id,
      workspaceId: kbArticles.workspaceId,
      locale: kbArticles.locale,
      slug: kbArticles.slug,
      publishedVersion: kbArticles.publishedVersion,
      status: kbArticles.status,
      visibility: kbArticles.visibility,
      sectionVisibility: kbSection.visibility,
      categoryVisibility: kbCategory.visibility,
    })
    .from(kbArticles)
    .leftJoin(kbSection, eq(kbSection.id, kbArticles.sectionId))
    .leftJoin(kbCategory, eq(kbCategory.id, kbSection.parentId))
    .where(eq(kbArticles.id, id));
  return row ?? null;
}
export type ArticleGate = NonNullable<Awaited<ReturnType<typeof articleGate>>>;

export function gateAllows(gate: ArticleGate, audience: Audience): boolean {
  return (
    gate.publishedVersion !== null &&
    gate.status !== 'archived' &&
    canSeeVisibility(audience, gate.visibility) &&
    canSeeVisibility(audience, gate.sectionVisibility) &&
    canSeeVisibility(audience, gate.categoryVisibility)
  );
}

export async function articleDetail(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: kbArticles.id,
      groupId: kbArticles.groupId,
      locale: kbArticles.locale,
      slug: kbArticles.slug,
      title: sql<string>`coalesce(${kbArticles.publishedTitle}, '')`,
      html: sql<string>`coalesce(${kbArticles.publishedHtml}, '')`,
      text: sql<string>`left(coalesce(${kbArticles.publishedText}, ''), 400)`,
      description: kbArticles.description,
      tags: kbArticles.tags,
      publishedAt: kbArticles.publishedAt,
      sectionId: kbArticles.sectionId,
      section: { id: kbSection.id, slug: kbSection.slug, names: kbSection.names },
      category: { id: kbCategory.id, slug: kbCategory.slug, names: kbCategory.names },
    })
    .from(kbArticles)
    .leftJoin(kbSection, eq(kbSection.id, kbArticles.sectionId))
    .leftJoin(kbCategory, eq(kbCategory.id, kbSection.parentId))
    .where(eq(kbArticles.id, id));
  return row ?? null;
}
export type ArticleDetail = NonNullable<Awaited<ReturnType<typeof articleDetail>>>;

/** The published translations of a group the audience may read (the article itself included). */
export async function readableTranslations(db: DbOrTx, workspaceId: string, audience: Audience, groupId: string) {
  return db
    .select({
      id: kbArticles.id,
      locale: kbArticles.locale,
      slug: kbArticles.slug,
      isSource: sql<boolean>`${kbArticles.id} = ${kbArticles.groupId}`,
    })
    .from(kbArticles)
    .leftJoin(kbSection, eq(kbSection.id, kbArticles.sectionId))
    .leftJoin(kbCategory, eq(kbCategory.id, kbSection.parentId))
    .where(and(readableCondition(workspaceId, audience), eq(kbArticles.groupId, groupId)))
    .orderBy(kbArticles.locale);
}

/** Same language, same section or a shared tag; same-section ones first, then the most viewed. */
export async function relatedArticles(db: DbOrTx, audience: Audience, a: ArticleDetail & { workspaceId: string }, limit = 5) {
  const tags = a.tags.length
    ? sql`${kbArticles.tags} && array[${sql.join(
        a.tags.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`
    : undefined;
  const sameSection = a.sectionId ? eq(kbArticles.sectionId, a.sectionId) : undefined;
  if (!tags && !sameSection) return [];
  return db
    .select(listFields)
    .from(kbArticles)
    .leftJoin(kbSection, eq(kbSection.id, kbArticles.sectionId))
    .leftJoin(kbCategory, eq(kbCategory.id, kbSection.parentId))
    .where(and(readableCondition(a.workspaceId, audience), eq(kbArticles.locale, a.locale), ne(kbArticles.id, a.id), or(sameSection, tags)))
    .orderBy(desc(sameSection ?? sql`false`), desc(kbArticles.viewCount), kbArticles.id)
    .limit(limit);
}

/** Every public published article, for the sitemap (effective visibility public). */
export async function sitemapArticles(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      id: kbArticles.id,
      groupId: kbArticles.groupId,
      locale: kbArticles.locale,
      slug: kbArticles.slug,
      publishedAt: kbArticles.publishedAt,
    })
    .from(kbArticles)
    .leftJoin(kbSection, eq(kbSection.id, kbArticles.sectionId))
    .leftJoin(kbCategory, eq(kbCategory.id, kbSection.parentId))
    .where(readableCondition(workspaceId, 'public'))
    .orderBy(kbArticles.groupId, kbArticles.locale)
    .limit(50_000);
}
