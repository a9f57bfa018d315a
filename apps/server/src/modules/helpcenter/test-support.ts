import { eq, sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import { SYSTEM } from '../../platform/auth/actor.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { textToHtml } from '../../platform/html.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordSearchWords } from '../kb/kb.repo.js';
import { kbArticles, kbCategories } from '../kb/kb.schema.js';
import { articleSearchVector } from '../kb/kb-search-document.js';

/**
 * Test-only factories for the reading side: categories, sections and published articles
 * written the way the authoring module publishes them (published snapshot, search vector,
 * article.published in the outbox). Tests of the help center need published content and
 * nothing of the authoring workflow.
 */

type Visibility = 'public' | 'customers' | 'agents';
let seq = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function createCategory(
  app: App,
  workspaceId: string,
  opts: { names?: Record<string, string>; parentId?: string | null; visibility?: Visibility; slug?: string } = {},
): Promise<{ id: string; slug: string }> {
  const id = uuidv7();
  const slug = opts.slug ?? unique(opts.parentId ? 'section' : 'category');
  await app.platform.db.insert(kbCategories).values({
    id,
    workspaceId,
    parentId: opts.parentId ?? null,
    slug,
    names: opts.names ?? { en: `Name of ${slug}`, 'zh-CN': `名称 ${slug}` },
    visibility: opts.visibility ?? 'public',
  });
  return { id, slug };
}

/** A category with one section in it. */
export async function createSection(
  app: App,
  workspaceId: string,
  opts: { visibility?: Visibility; categoryVisibility?: Visibility } = {},
) {
  const category = await createCategory(app, workspaceId, { visibility: opts.categoryVisibility ?? 'public' });
  const section = await createCategory(app, workspaceId, { parentId: category.id, visibility: opts.visibility ?? 'public' });
  return { category, section };
}

export interface ArticleInput {
  title: string;
  text: string;
  locale?: string;
  sectionId?: string | null;
  visibility?: Visibility;
  tags?: string[];
  description?: string | null;
  /** Translation of this article (its group id). */
  groupId?: string;
  slug?: string;
}

/** A published article (version 1), as the authoring side leaves it after publishing. */
export async function createArticle(
  app: App,
  workspaceId: string,
  input: ArticleInput,
): Promise<{ id: string; slug: string; groupId: string }> {
  const id = uuidv7();
  const slug = input.slug ?? unique('article');
  const html = textToHtml(input.text);
  const groupId = input.groupId ?? id;
  await app.platform.transaction(async (tx) => {
    await tx.insert(kbArticles).values({
      id,
      workspaceId,
      groupId,
      locale: input.locale ?? 'en',
      sectionId: input.sectionId ?? null,
      slug,
      title: input.title,
      bodyHtml: html,
      bodyText: input.text,
      description: input.description ?? null,
      tags: input.tags ?? [],
      visibility: input.visibility ?? 'public',
      status: 'published',
      version: 1,
      sourceVersion: groupId === id ? null : 1,
      publishedVersion: 1,
      publishedTitle: input.title,
      publishedHtml: html,
      publishedText: input.text,
      publishedAt: new Date(),
      searchVector: articleSearchVector({ title: input.title, text: input.text, tags: input.tags ?? [] }),
    });
    await recordSearchWords(tx, { articleIds: [id] });
    await recordEvent(tx, SYSTEM, { workspaceId, type: 'article.published', subject: { type: 'article', id }, payload: { version: 1 } });
  });
  return { id, slug, groupId };
}

/** Publishes a new version with a new title/text, like the authoring side's publish. */
export async function republish(app: App, workspaceId: string, id: string, input: { title: string; text: string }): Promise<void> {
  const html = textToHtml(input.text);
  await app.platform.transaction(async (tx) => {
    const [row] = await tx
      .update(kbArticles)
      .set({
        title: input.title,
        bodyHtml: html,
        bodyText: input.text,
        version: sql`${kbArticles.version} + 1`,
        publishedVersion: sql`${kbArticles.version} + 1`,
        publishedTitle: input.title,
        publishedHtml: html,
        publishedText: input.text,
        publishedAt: new Date(),
        searchVector: articleSearchVector({ title: input.title, text: input.text }),
      })
      .where(eq(kbArticles.id, id))
      .returning({ version: kbArticles.version });
    await recordSearchWords(tx, { articleIds: [id] });
    await recordEvent(tx, SYSTEM, {
      workspaceId,
      type: 'article.published',
      subject: { type: 'article', id },
      payload: { version: row?.version },
    });
  });
}

export async function archive(app: App, workspaceId: string, id: string): Promise<void> {
  await app.platform.transaction(async (tx) => {
    await tx.update(kbArticles).set({ status: 'archived' }).where(eq(kbArticles.id, id));
    await recordEvent(tx, SYSTEM, { workspaceId, type: 'article.archived', subject: { type: 'article', id } });
  });
}
