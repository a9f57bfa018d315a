import type { KbImportResult } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import type { UserActor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { isUuid, uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { requireKb } from './kb.policy.js';
import {
  type ArticleRow,
  type CategoryRow,
  findArticle,
  findArticleByGroupLocale,
  findArticleBySlug,
  insertVersion,
  listCategories,
  updateArticle,
} from './kb.repo.js';
import { kbCategories } from './kb.schema.js';
import { categorySlug } from './kb-categories.service.js';
import { articleSlug, insertArticle, type KbCore, nextStatus } from './kb-core.js';
import { exportArchive } from './kb-export.js';
import { type ArchiveArticle, type ArchiveCategory, importInvalid, parseArchive } from './kb-import-export.format.js';
import { publishRow, takeDown } from './kb-publish.js';
import { slugify } from './kb-slug.js';

interface Run {
  tx: Tx;
  ctx: Ctx;
  actor: UserActor;
  result: KbImportResult;
  /** section slug → id */
  sections: Map<string, string>;
  /** archive group id → the group's source row here, once imported */
  sources: Map<string, ArticleRow>;
}

async function upsertCategory(
  run: Run,
  entry: Omit<ArchiveCategory, 'sections'>,
  parentId: string | null,
  position: number,
  existing: Map<string, CategoryRow>,
) {
  const ws = run.actor.workspaceId;
  const values = {
    parentId,
    names: entry.names as Record<string, string>,
    descriptions: entry.descriptions as Record<string, string>,
    position: entry.position ?? position,
    visibility: entry.visibility,
    updatedAt: new Date(),
  };
  const found = existing.get(entry.slug);
  if (found) {
    await run.tx.update(kbCategories).set(values).where(eq(kbCategories.id, found.id));
    run.result.categories.updated += 1;
    return found.id;
  }
  const id = uuidv7();
  const slug = await categorySlug(run.tx, ws, entry.slug, values.names);
  await run.tx.insert(kbCategories).values({ id, workspaceId: ws, slug, ...values, createdAt: values.updatedAt });
  run.result.categories.created += 1;
  return id;
}

/** Puts the row in the state the file names, through the same transitions the routes use. */
async function applyStatus(run: Run, row: ArticleRow, target: ArchiveArticle['status']): Promise<ArticleRow> {
  if (target === 'archived') return row.status === 'archived' ? row : takeDown(run.tx, run.ctx, row, 'archive');
  let current = row;
  if (current.status === 'archived')
    current = await updateArticle(run.tx, row.id, { status: nextStatus(row, 'reopen'), updatedAt: new Date() });
  if (target === 'published') {
    return current.publishedVersion === current.version && current.status === 'published'
      ? current
      : publishRow(run.tx, run.ctx, current, 'import');
  }
  return current.status === target ? current : updateArticle(run.tx, current.id, { status: target, updatedAt: new Date() });
}

function sourceVersionFor(run: Run, art: ArchiveArticle, groupKey: string, isSource: boolean): number | null {
  if (isSource) return null;
  const source = run.sources.get(groupKey);
  if (!source) return null;
  const basis = source.publishedVersion ?? source.version;
  return art.outdated ? Math.max(0, basis - 1) : basis;
}

async function importArticle(run: Run, art: ArchiveArticle, groupKey: string, isSource: boolean): Promise<void> {
  const ws = run.actor.workspaceId;
  const source = isSource ? undefined : run.sources.get(groupKey);
  const existing =
    (art.id && isUuid(art.id) ? await findArticle(run.tx, ws, art.id, true) : null) ??
    (source ? await findArticleByGroupLocale(run.tx, ws, source.groupId, art.locale) : null) ??
    (art.slug ? await findArticleBySlug(run.tx, ws, art.locale, art.slug) : null);
  const content = {
    sectionId: art.section ? (run.sections.get(art.section) ?? null) : null,
    title: art.title,
    bodyHtml: art.html,
    bodyText: art.text,
    description: art.description ?? null,
    tags: [...new Set(art.tags)].sort(),
    visibility: art.visibility,
    sourceVersion: sourceVersionFor(run, art, groupKey, isSource),
  };
  let row: ArticleRow;
  if (existing) {
    const slug =
      art.slug && art.slug !== existing.slug
        ? await articleSlug(run.tx, ws, art.locale, { explicit: art.slug, derived: '' }, existing.id)
        : existing.slug;
    const base = existing.status === 'archived' ? { ...existing, status: 'draft' as const } : existing;
    row = await updateArticle(run.tx, existing.id, {
      ...content,
      slug,
      status: nextStatus(base, 'edit'),
      version: existing.version + 1,
      updatedAt: new Date(),
    });
    await insertVersion(run.tx, row, run.actor.userId, 'imported');
    run.result.articles.updated += 1;
  } else {
    const slug = await articleSlug(run.tx, ws, art.locale, { explicit: art.slug, derived: slugify(art.title) });
    row = await insertArticle(
      run.tx,
      {
        ...content,
        workspaceId: ws,
        locale: art.locale,
        slug,
        status: 'draft',
        authorId: run.actor.userId,
        ...(source ? { groupId: source.groupId } : {}),
      },
      'imported',
    );
    run.result.articles.created += 1;
  }
  row = await applyStatus(run, row, art.status);
  if (isSource) run.sources.set(groupKey, row);
}

/** Sources before their translations, so a translation finds its group. */
function inImportOrder(articles: ArchiveArticle[]): { art: ArchiveArticle; groupKey: string; isSource: boolean }[] {
  const firstOfGroup = new Map<string, ArchiveArticle>();
  for (const a of articles) {
    const key = a.group ?? a.file;
    const current = firstOfGroup.get(key);
    if (!current || (a.id === key && current.id !== key)) firstOfGroup.set(key, a);
  }
  const items = articles.map((art) => {
    const groupKey = art.group ?? art.file;
    return { art, groupKey, isSource: firstOfGroup.get(groupKey) === art };
  });
  return [...items.filter((i) => i.isSource), ...items.filter((i) => !i.isSource)];
}

export function importExportService(core: KbCore) {
  const { p } = core;
  return {
    async export(ctx: Ctx, format: 'markdown' | 'html'): Promise<Uint8Array> {
      const actor = requireKb(ctx, 'kb.publish');
      return exportArchive(p.db, actor.workspaceId, format);
    },

    /** All or nothing: one transaction, and any bad file is a 400 naming it. */
    async import(ctx: Ctx, bytes: Uint8Array): Promise<KbImportResult> {
      const actor = requireKb(ctx, 'kb.publish');
      const archive = parseArchive(bytes);
      const existing = new Map((await listCategories(p.db, actor.workspaceId)).map((c) => [c.slug, c]));
      const known = new Set([
        ...[...existing.values()].filter((c) => c.parentId).map((c) => c.slug),
        ...archive.categories.flatMap((c) => c.sections.map((s) => s.slug)),
      ]);
      const unknown = archive.articles.filter((a) => a.section && !known.has(a.section));
      if (unknown.length)
        throw importInvalid(unknown.map((a) => ({ path: a.file, message: `Unknown section "${a.section}"`, code: 'section_unknown' })));
      const result: KbImportResult = { categories: { created: 0, updated: 0 }, articles: { created: 0, updated: 0 } };
      return p.transaction(async (tx) => {
        const run: Run = { tx, ctx, actor, result, sections: new Map(), sources: new Map() };
        for (const c of existing.values()) if (c.parentId) run.sections.set(c.slug, c.id);
        for (const [i, category] of archive.categories.entries()) {
          const id = await upsertCategory(run, category, null, i, existing);
          for (const [j, section] of category.sections.entries())
            run.sections.set(section.slug, await upsertCategory(run, section, id, j, existing));
        }
        for (const { art, groupKey, isSource } of inImportOrder(archive.articles)) {
          await importArticle(run, art, groupKey, isSource).catch((err) => {
            throw err instanceof AppError ? importInvalid([{ path: art.file, message: err.message, code: err.code }]) : err;
          });
        }
        await recordAudit(tx, ctx, { workspaceId: actor.workspaceId, action: 'kb.imported', data: { ...result } });
        return result;
      });
    },
  };
}

export type ImportExportService = ReturnType<typeof importExportService>;
