import type { KbVisibility } from '@switchboard/contracts';
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { mostRestrictive } from './kb.policy.js';
import { sectionVisibilities } from './kb.repo.js';
import { kbArticles } from './kb.schema.js';

export interface PublishedArticle {
  id: string;
  groupId: string;
  locale: string;
  sectionId: string | null;
  slug: string;
  title: string;
  html: string;
  text: string;
  description: string | null;
  tags: string[];
  version: number;
  publishedAt: Date | null;
  /** Callers decide who may see it: public, customers (signed in) or agents. */
  visibility: KbVisibility;
}

/**
 * The live snapshot of one article, as readers (help center, portal, assistant) may serve it,
 * or null when it is not published (never, unpublished or archived). Never the working copy.
 */
export async function getPublishedArticle(db: DbOrTx, workspaceId: string, id: string): Promise<PublishedArticle | null> {
  const [row] = await db
    .select({
      id: kbArticles.id,
      groupId: kbArticles.groupId,
      locale: kbArticles.locale,
      sectionId: kbArticles.sectionId,
      slug: kbArticles.slug,
      title: kbArticles.publishedTitle,
      html: kbArticles.publishedHtml,
      text: kbArticles.publishedText,
      description: kbArticles.description,
      tags: kbArticles.tags,
      version: kbArticles.publishedVersion,
      publishedAt: kbArticles.publishedAt,
      visibility: kbArticles.visibility,
    })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.workspaceId, workspaceId),
        eq(kbArticles.id, id),
        isNotNull(kbArticles.publishedVersion),
        ne(kbArticles.status, 'archived'),
      ),
    );
  if (!row) return null;
  const chain = row.sectionId ? ((await sectionVisibilities(db, workspaceId, [row.sectionId])).get(row.sectionId) ?? []) : [];
  return {
    ...row,
    title: row.title ?? '',
    html: row.html ?? '',
    text: row.text ?? '',
    version: row.version ?? 0,
    visibility: mostRestrictive(row.visibility, ...chain),
  };
}
