import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { recordAudit } from '../audit/index.js';
import { type ArticleRow, recordSearchWords, updateArticle } from './kb.repo.js';
import { nextStatus } from './kb-core.js';
import { articleSearchVector } from './kb-search-document.js';

/**
 * Making the working version live, and taking it down. Shared by the workflow routes, approve +
 * publish, the scheduled-publish job and import, so each path writes the same snapshot, event
 * and audit entry.
 */

/** Copies the working version into the published snapshot and indexes it for search. */
export async function publishRow(
  tx: Tx,
  ctx: Ctx,
  row: ArticleRow,
  via: 'manual' | 'scheduled' | 'import' = 'manual',
): Promise<ArticleRow> {
  const status = nextStatus(row, 'publish');
  if (!row.bodyText.trim() && !/<img\b/i.test(row.bodyHtml)) {
    throw new AppError('kb_article.invalid_transition', 409, 'Write the article before publishing it');
  }
  const now = new Date();
  const after = await updateArticle(tx, row.id, {
    status,
    publishedVersion: row.version,
    publishedTitle: row.title,
    publishedHtml: row.bodyHtml,
    publishedText: row.bodyText,
    publishedAt: now,
    publishAt: null,
    searchVector: articleSearchVector({ title: row.title, text: row.bodyText, tags: row.tags }),
    updatedAt: now,
  });
  await recordSearchWords(tx, { articleIds: [row.id] });
  await recordEvent(tx, ctx.actor, {
    workspaceId: row.workspaceId,
    type: 'article.published',
    subject: { type: 'kb_article', id: row.id },
    payload: { articleId: row.id, groupId: row.groupId, locale: row.locale, version: row.version, via },
  });
  await recordAudit(tx, ctx, {
    workspaceId: row.workspaceId,
    action: 'kb_article.published',
    subject: { type: 'kb_article', id: row.id },
    data: { version: row.version, locale: row.locale, title: row.title, via },
  });
  return after;
}

/** Unpublish (back to a draft) or archive: either way readers stop seeing the article. */
export async function takeDown(tx: Tx, ctx: Ctx, row: ArticleRow, action: 'unpublish' | 'archive'): Promise<ArticleRow> {
  const status = nextStatus(row, action);
  const after = await updateArticle(tx, row.id, {
    status,
    publishedVersion: null,
    publishedTitle: null,
    publishedHtml: null,
    publishedText: null,
    searchVector: null,
    publishAt: null,
    updatedAt: new Date(),
  });
  await recordEvent(tx, ctx.actor, {
    workspaceId: row.workspaceId,
    type: 'article.archived',
    subject: { type: 'kb_article', id: row.id },
    payload: { articleId: row.id, groupId: row.groupId, locale: row.locale, reason: action === 'archive' ? 'archived' : 'unpublished' },
  });
  await recordAudit(tx, ctx, {
    workspaceId: row.workspaceId,
    action: action === 'archive' ? 'kb_article.archived' : 'kb_article.unpublished',
    subject: { type: 'kb_article', id: row.id },
    data: { version: row.version, locale: row.locale, title: row.title },
  });
  return after;
}
