import type { KbAction, KbArticle, KbStatus } from '@switchboard/contracts';
import type { UserActor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { htmlToText, sanitizeMessageHtml, textToHtml } from '../../platform/html.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import type { TicketsModule } from '../tickets/index.js';
import { mostRestrictive } from './kb.policy.js';
import { presentArticle, translationsOf } from './kb.presenter.js';
import {
  type ArticleRow,
  articleSlugsTaken,
  findArticle,
  findCategory,
  findGroupRows,
  insertVersion,
  sectionVisibilities,
} from './kb.repo.js';
import { kbArticles } from './kb.schema.js';
import { uniqueSlug } from './kb-slug.js';
import { availableActions, transition } from './kb-workflow.js';

/** What the knowledge-base services share. */
export interface KbCore {
  p: Platform;
  tickets: TicketsModule;
}

export const articleNotFound = () => notFound('kb_article.not_found', 'Article');
export const categoryNotFound = () => notFound('kb_category.not_found', 'Category');

/** An article of the actor's workspace, or 404 (another workspace's id leaks nothing). */
export async function loadArticle(db: DbOrTx, actor: UserActor, id: string, lock = false): Promise<ArticleRow> {
  const row = await findArticle(db, actor.workspaceId, id, lock);
  if (!row) throw articleNotFound();
  return row;
}

/** The full article as staff see it: translations of its group, effective visibility, actions. */
export async function viewArticle(db: DbOrTx, actor: UserActor, row: ArticleRow): Promise<KbArticle> {
  const group = await findGroupRows(db, row.workspaceId, [row.groupId]);
  const chain = row.sectionId ? ((await sectionVisibilities(db, row.workspaceId, [row.sectionId])).get(row.sectionId) ?? []) : [];
  return presentArticle(row, {
    translations: translationsOf(row.groupId, group),
    effectiveVisibility: mostRestrictive(row.visibility, ...chain),
    actions: availableActions(row, actor.permissions),
  });
}

/** The state `action` leads to, or 409 kb_article.invalid_transition. */
export function nextStatus(row: ArticleRow, action: KbAction): KbStatus {
  const t = transition(row, action);
  if (!t.ok) throw new AppError('kb_article.invalid_transition', 409, `${t.reason.charAt(0).toUpperCase()}${t.reason.slice(1)}`);
  return t.to;
}

export function assertVersion(row: ArticleRow, expected: number | undefined): void {
  if (expected !== undefined && expected !== row.version) {
    throw new AppError(
      'kb_article.version_mismatch',
      409,
      `The article changed since you loaded it (version ${expected}, now ${row.version})`,
    );
  }
}

/** Sanitized HTML plus its plain text, from whichever the client sent; an empty body is allowed in a draft. */
export function articleBody(input: { bodyHtml?: string | undefined; bodyText?: string | undefined }): { html: string; text: string } {
  if (input.bodyHtml?.trim()) {
    const html = sanitizeMessageHtml(input.bodyHtml);
    return { html, text: htmlToText(html).trim() };
  }
  const text = (input.bodyText ?? '').replace(/\r\n?/g, '\n').trim();
  return { html: textToHtml(text), text };
}

/** A section (a category with a parent) of this workspace, or 400. */
export async function checkSection(db: DbOrTx, workspaceId: string, sectionId: string | null | undefined): Promise<void> {
  if (!sectionId) return;
  const section = await findCategory(db, workspaceId, sectionId);
  if (!section || section.parentId === null) throw invalid('sectionId', 'Choose a section of a category', 'kb_section_not_found');
}

/** An explicit slug must be free; a derived one gets a numeric suffix when taken. */
export async function articleSlug(
  db: DbOrTx,
  workspaceId: string,
  locale: string,
  wanted: { explicit?: string | undefined; derived: string },
  exceptId?: string,
): Promise<string> {
  if (wanted.explicit) {
    const taken = await articleSlugsTaken(db, workspaceId, locale, [wanted.explicit], exceptId);
    if (taken.size)
      throw new AppError('kb_article.slug_taken', 409, `Another ${locale} article already uses the slug "${wanted.explicit}"`);
    return wanted.explicit;
  }
  return uniqueSlug(wanted.derived, (c) => articleSlugsTaken(db, workspaceId, locale, c, exceptId));
}

export type NewArticle = Omit<typeof kbArticles.$inferInsert, 'id' | 'groupId' | 'version' | 'searchVector' | 'rankVector'> & {
  id?: string;
  groupId?: string;
};

/** Inserts an article and its version 1 (every save is a version, the first one included). */
export async function insertArticle(db: DbOrTx, values: NewArticle, note: string | null = null): Promise<ArticleRow> {
  const id = values.id ?? uuidv7();
  const now = new Date();
  const [row] = await db
    .insert(kbArticles)
    .values({ createdAt: now, updatedAt: now, ...values, id, groupId: values.groupId ?? id, version: 1 })
    .returning();
  const { searchVector: _sv, rankVector: _rv, ...article } = row as typeof kbArticles.$inferSelect;
  await insertVersion(db, article, values.authorId ?? null, note, now);
  return article;
}

/** True once the article has ever been live (archived and unpublished ones included). */
export function everPublished(row: ArticleRow): boolean {
  return row.publishedAt !== null || row.publishedVersion !== null;
}
