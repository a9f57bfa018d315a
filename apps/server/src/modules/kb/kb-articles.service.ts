import type { CreateKbArticleBody, CreateKbTranslationBody, KbArticle, UpdateKbArticleBody } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireKb, requireKbPermission } from './kb.policy.js';
import { translationsOf } from './kb.presenter.js';
import { findArticle, findGroupRows, insertVersion, updateArticle } from './kb.repo.js';
import { kbArticles } from './kb.schema.js';
import {
  articleBody,
  articleSlug,
  assertVersion,
  checkSection,
  everPublished,
  insertArticle,
  type KbCore,
  loadArticle,
  nextStatus,
  viewArticle,
} from './kb-core.js';
import { takeDown } from './kb-publish.js';
import { slugify } from './kb-slug.js';

const tagSet = (tags: readonly string[] | undefined) => [...new Set(tags ?? [])].sort();

/** Articles: create, read, edit (every save a version), delete drafts, translations. */
export function articlesService(core: KbCore) {
  const { p } = core;

  return {
    async create(ctx: Ctx, input: CreateKbArticleBody): Promise<KbArticle> {
      const actor = requireKb(ctx, 'kb.write');
      const ws = actor.workspaceId;
      await checkSection(p.db, ws, input.sectionId);
      const body = articleBody(input);
      return p.transaction(async (tx) => {
        const slug = await articleSlug(tx, ws, input.locale, { explicit: input.slug, derived: slugify(input.title) });
        const row = await insertArticle(tx, {
          workspaceId: ws,
          locale: input.locale,
          sectionId: input.sectionId ?? null,
          slug,
          title: input.title,
          bodyHtml: body.html,
          bodyText: body.text,
          description: input.description ?? null,
          tags: tagSet(input.tags),
          visibility: input.visibility ?? 'public',
          status: 'draft',
          authorId: actor.userId,
        });
        return viewArticle(tx, actor, row);
      });
    },

    async get(ctx: Ctx, id: string): Promise<KbArticle> {
      const actor = requireKb(ctx, 'kb.read_internal');
      return viewArticle(p.db, actor, await loadArticle(p.db, actor, id));
    },

    /** Saves a new version of the working copy; the published snapshot is untouched until publish. */
    async update(ctx: Ctx, id: string, input: UpdateKbArticleBody, expectedVersion?: number): Promise<KbArticle> {
      const actor = requireKb(ctx, 'kb.write');
      const ws = actor.workspaceId;
      await checkSection(p.db, ws, input.sectionId);
      const body = input.bodyHtml !== undefined || input.bodyText !== undefined ? articleBody(input) : null;
      return p.transaction(async (tx) => {
        const row = await loadArticle(tx, actor, id, true);
        assertVersion(row, expectedVersion);
        const status = nextStatus(row, 'edit');
        const slug =
          input.slug && input.slug !== row.slug
            ? await articleSlug(tx, ws, row.locale, { explicit: input.slug, derived: '' }, row.id)
            : row.slug;
        let sourceVersion = row.sourceVersion;
        if (input.syncSource && row.id !== row.groupId) sourceVersion = (await findArticle(tx, ws, row.groupId))?.version ?? sourceVersion;
        const after = await updateArticle(tx, row.id, {
          status,
          slug,
          version: row.version + 1,
          sourceVersion,
          ...(input.sectionId !== undefined ? { sectionId: input.sectionId } : {}),
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(body ? { bodyHtml: body.html, bodyText: body.text } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.tags !== undefined ? { tags: tagSet(input.tags) } : {}),
          ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
          updatedAt: new Date(),
        });
        await insertVersion(tx, after, actor.userId, input.note ?? null);
        return viewArticle(tx, actor, after);
      });
    },

    /**
     * A draft that was never live is deleted (null). Anything that has been published is archived
     * instead, so links and history survive; that takes kb.publish.
     */
    async remove(ctx: Ctx, id: string): Promise<KbArticle | null> {
      const actor = requireKb(ctx, 'kb.write');
      return p.transaction(async (tx) => {
        const row = await loadArticle(tx, actor, id, true);
        if (everPublished(row)) {
          requireKbPermission(actor, 'kb.publish', 'This article has been published; archiving it needs the kb.publish permission');
          return viewArticle(tx, actor, await takeDown(tx, ctx, row, 'archive'));
        }
        if (row.id === row.groupId && (await findGroupRows(tx, row.workspaceId, [row.groupId])).length > 1) {
          throw new AppError('kb_article.has_translations', 409, 'Delete the translations of this article first');
        }
        await tx.delete(kbArticles).where(eq(kbArticles.id, row.id));
        return null;
      });
    },

    /** A new locale of the group, made from the source's current version. */
    async createTranslation(ctx: Ctx, id: string, input: CreateKbTranslationBody): Promise<KbArticle> {
      const actor = requireKb(ctx, 'kb.write');
      const ws = actor.workspaceId;
      const body = articleBody(input);
      return p.transaction(async (tx) => {
        const picked = await loadArticle(tx, actor, id);
        const source = picked.id === picked.groupId ? picked : ((await findArticle(tx, ws, picked.groupId)) ?? picked);
        const group = await findGroupRows(tx, ws, [source.groupId]);
        if (group.some((r) => r.locale === input.locale)) {
          throw new AppError('kb_article.translation_exists', 409, `This article already has a ${input.locale} version`);
        }
        const slug = await articleSlug(tx, ws, input.locale, { explicit: input.slug, derived: slugify(input.title) });
        const row = await insertArticle(tx, {
          workspaceId: ws,
          groupId: source.groupId,
          locale: input.locale,
          sectionId: source.sectionId,
          slug,
          title: input.title,
          bodyHtml: body.html,
          bodyText: body.text,
          description: input.description ?? null,
          tags: source.tags,
          visibility: source.visibility,
          status: 'draft',
          authorId: actor.userId,
          sourceVersion: source.version,
        });
        return viewArticle(tx, actor, row);
      });
    },

    async translations(ctx: Ctx, id: string) {
      const actor = requireKb(ctx, 'kb.read_internal');
      const row = await loadArticle(p.db, actor, id);
      const group = await findGroupRows(p.db, actor.workspaceId, [row.groupId]);
      return { groupId: row.groupId, items: translationsOf(row.groupId, group) };
    },
  };
}

export type ArticlesService = ReturnType<typeof articlesService>;
