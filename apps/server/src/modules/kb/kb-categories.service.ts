import type { CreateKbCategoryBody, KbCategory, UpdateKbCategoryBody } from '@switchboard/contracts';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, invalid } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { requireKb } from './kb.policy.js';
import { presentCategory } from './kb.presenter.js';
import { type CategoryRow, categorySlugsTaken, countArticlesBySection, findCategory, listCategories } from './kb.repo.js';
import { kbArticles, kbCategories } from './kb.schema.js';
import { categoryNotFound, type KbCore } from './kb-core.js';
import { slugify, uniqueSlug } from './kb-slug.js';

/** The English name, else the first one given: what a derived slug is made from. */
export function slugSource(names: Record<string, string | undefined>): string {
  return names.en?.trim() || Object.values(names).find((n) => n?.trim()) || '';
}

const clean = (m: Record<string, string | undefined> | undefined) =>
  Object.fromEntries(Object.entries(m ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));

export async function categorySlug(
  db: DbOrTx,
  workspaceId: string,
  explicit: string | undefined,
  names: Record<string, string>,
  exceptId?: string,
) {
  if (explicit) {
    if ((await categorySlugsTaken(db, workspaceId, [explicit], exceptId)).size) {
      throw new AppError('kb_category.slug_taken', 409, `Another category or section already uses the slug "${explicit}"`);
    }
    return explicit;
  }
  return uniqueSlug(slugify(slugSource(names), 'category'), (c) => categorySlugsTaken(db, workspaceId, c, exceptId));
}

/**
 * Categories and their sections (one level deep). Structure is what the help center shows at
 * its top, so changing it takes kb.publish; every staff member with kb.read_internal reads it.
 */
export function categoriesService(core: KbCore) {
  const { p } = core;

  async function load(db: DbOrTx, workspaceId: string, id: string): Promise<CategoryRow> {
    const row = await findCategory(db, workspaceId, id);
    if (!row) throw categoryNotFound();
    return row;
  }

  async function list(ctx: Ctx): Promise<KbCategory[]> {
    const actor = requireKb(ctx, 'kb.read_internal');
    const rows = await listCategories(p.db, actor.workspaceId);
    const counts = await countArticlesBySection(p.db, actor.workspaceId);
    return rows.map((r) => presentCategory(r, counts.get(r.id) ?? 0));
  }

  return {
    list,

    async create(ctx: Ctx, input: CreateKbCategoryBody): Promise<KbCategory> {
      const actor = requireKb(ctx, 'kb.publish');
      const ws = actor.workspaceId;
      return p.transaction(async (tx) => {
        if (input.parentId) {
          const parent = await findCategory(tx, ws, input.parentId);
          // One level of sections: a section cannot hold sections.
          if (!parent || parent.parentId !== null)
            throw invalid('parentId', 'Sections belong to a top-level category', 'kb_category_parent_invalid');
        }
        const names = clean(input.names);
        const now = new Date();
        const [row] = await tx
          .insert(kbCategories)
          .values({
            id: uuidv7(),
            workspaceId: ws,
            parentId: input.parentId ?? null,
            slug: await categorySlug(tx, ws, input.slug, names),
            names,
            descriptions: clean(input.descriptions),
            position: input.position ?? (await nextPosition(tx, ws, input.parentId ?? null)),
            visibility: input.visibility ?? 'public',
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        return presentCategory(row as CategoryRow, 0);
      });
    },

    async update(ctx: Ctx, id: string, input: UpdateKbCategoryBody): Promise<KbCategory> {
      const actor = requireKb(ctx, 'kb.publish');
      const ws = actor.workspaceId;
      return p.transaction(async (tx) => {
        const row = await load(tx, ws, id);
        const names = input.names ? clean({ ...row.names, ...input.names }) : row.names;
        if (!Object.keys(names).length) throw invalid('names', 'Give at least one name', 'kb_category_name_required');
        const [after] = await tx
          .update(kbCategories)
          .set({
            names,
            ...(input.descriptions ? { descriptions: clean({ ...row.descriptions, ...input.descriptions }) } : {}),
            ...(input.slug && input.slug !== row.slug ? { slug: await categorySlug(tx, ws, input.slug, names, row.id) } : {}),
            ...(input.position !== undefined ? { position: input.position } : {}),
            ...(input.visibility ? { visibility: input.visibility } : {}),
            updatedAt: new Date(),
          })
          .where(eq(kbCategories.id, row.id))
          .returning();
        return presentCategory(after as CategoryRow, (await countArticlesBySection(tx, ws)).get(row.id) ?? 0);
      });
    },

    /** Sets the order of a category's sections (or of the top-level categories) to `ids`. */
    async reorder(ctx: Ctx, parentId: string | null, ids: string[]): Promise<KbCategory[]> {
      const actor = requireKb(ctx, 'kb.publish');
      const ws = actor.workspaceId;
      await p.transaction(async (tx) => {
        const siblings = await tx
          .select({ id: kbCategories.id })
          .from(kbCategories)
          .where(and(eq(kbCategories.workspaceId, ws), parentId ? eq(kbCategories.parentId, parentId) : isNull(kbCategories.parentId)));
        const known = new Set(siblings.map((s) => s.id));
        if (parentId && !(await findCategory(tx, ws, parentId))) throw categoryNotFound();
        if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
          throw invalid('ids', 'List every category of this level exactly once', 'kb_category_order_invalid');
        }
        for (const [position, id] of ids.entries()) {
          await tx.update(kbCategories).set({ position, updatedAt: new Date() }).where(eq(kbCategories.id, id));
        }
      });
      return list(ctx);
    },

    /** Only an empty category goes: no sections under it, no articles in it. */
    async remove(ctx: Ctx, id: string): Promise<void> {
      const actor = requireKb(ctx, 'kb.publish');
      const ws = actor.workspaceId;
      await p.transaction(async (tx) => {
        const row = await load(tx, ws, id);
        const [children] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(kbCategories)
          .where(and(eq(kbCategories.workspaceId, ws), eq(kbCategories.parentId, row.id)));
        const [articles] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(kbArticles)
          .where(and(eq(kbArticles.workspaceId, ws), inArray(kbArticles.sectionId, [row.id])));
        if ((children?.n ?? 0) > 0 || (articles?.n ?? 0) > 0) {
          throw new AppError(
            'kb_category.not_empty',
            409,
            `Move or delete what is in it first (${children?.n ?? 0} sections, ${articles?.n ?? 0} articles)`,
          );
        }
        await tx.delete(kbCategories).where(eq(kbCategories.id, row.id));
      });
    },
  };
}

async function nextPosition(db: DbOrTx, workspaceId: string, parentId: string | null): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${kbCategories.position})` })
    .from(kbCategories)
    .where(and(eq(kbCategories.workspaceId, workspaceId), parentId ? eq(kbCategories.parentId, parentId) : isNull(kbCategories.parentId)));
  return row?.max === null || row?.max === undefined ? 0 : row.max + 1;
}

export type CategoriesService = ReturnType<typeof categoriesService>;
