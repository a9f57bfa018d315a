import type { KbArticle, KbDiff, KbVersion } from '@switchboard/contracts';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { requireKb } from './kb.policy.js';
import { presentVersion } from './kb.presenter.js';
import { type ArticleRow, findVersion, findVersions, insertVersion, updateArticle, type VersionRow } from './kb.repo.js';
import { assertVersion, type KbCore, loadArticle, nextStatus, viewArticle } from './kb-core.js';
import { diffVersions } from './kb-diff.js';

const versionNotFound = () => notFound('kb_article.version_not_found', 'Version');

async function versionOf(db: DbOrTx, article: ArticleRow, version: number): Promise<VersionRow> {
  const row = await findVersion(db, article.id, version);
  if (!row) throw versionNotFound();
  return row;
}

/** Version history: list, read one, diff two, restore an old one as a new version. */
export function versionsService(core: KbCore) {
  const { p } = core;
  return {
    async list(ctx: Ctx, id: string): Promise<Omit<KbVersion, 'bodyHtml' | 'bodyText' | 'description'>[]> {
      const actor = requireKb(ctx, 'kb.read_internal');
      const article = await loadArticle(p.db, actor, id);
      return (await findVersions(p.db, article.id)).map((v) => {
        const { bodyHtml: _h, bodyText: _t, description: _d, ...summary } = presentVersion(v, article.publishedVersion);
        return summary;
      });
    },

    async get(ctx: Ctx, id: string, version: number): Promise<KbVersion> {
      const actor = requireKb(ctx, 'kb.read_internal');
      const article = await loadArticle(p.db, actor, id);
      return presentVersion(await versionOf(p.db, article, version), article.publishedVersion);
    },

    /** `to` defaults to the current version and `from` to the one before it: "what changed last". */
    async diff(ctx: Ctx, id: string, from?: number, to?: number): Promise<KbDiff> {
      const actor = requireKb(ctx, 'kb.read_internal');
      const article = await loadArticle(p.db, actor, id);
      const newer = to ?? article.version;
      const older = from ?? Math.max(1, newer - 1);
      return diffVersions(await versionOf(p.db, article, older), await versionOf(p.db, article, newer));
    },

    /** Copies an old version's content into a new version; history is never rewritten. */
    async restore(ctx: Ctx, id: string, version: number, expectedVersion?: number): Promise<KbArticle> {
      const actor = requireKb(ctx, 'kb.write');
      return p.transaction(async (tx) => {
        const article = await loadArticle(tx, actor, id, true);
        assertVersion(article, expectedVersion);
        const old = await versionOf(tx, article, version);
        const status = nextStatus(article, 'edit');
        const after = await updateArticle(tx, article.id, {
          status,
          version: article.version + 1,
          title: old.title,
          bodyHtml: old.bodyHtml,
          bodyText: old.bodyText,
          description: old.description,
          updatedAt: new Date(),
        });
        await insertVersion(tx, after, actor.userId, `restored from version ${version}`);
        await recordAudit(tx, ctx, {
          workspaceId: article.workspaceId,
          action: 'kb_article.restored',
          subject: { type: 'kb_article', id: article.id },
          data: { restoredVersion: version, newVersion: after.version },
        });
        return viewArticle(tx, actor, after);
      });
    },
  };
}

export type VersionsService = ReturnType<typeof versionsService>;
