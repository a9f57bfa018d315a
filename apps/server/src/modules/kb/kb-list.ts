import type { KbArticleSummary, ListKbArticlesQuery } from '@switchboard/contracts';
import { and, desc, eq, ilike, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { invalid } from '../../platform/errors.js';
import { mostRestrictive, requireKb } from './kb.policy.js';
import { presentArticleSummary, translationsOf } from './kb.presenter.js';
import { ARTICLE_COLUMNS, type ArticleRow, findGroupRows, sectionVisibilities } from './kb.repo.js';
import { kbArticles } from './kb.schema.js';

/**
 * The authoring list: newest change first, keyset-paged on (updated_at, id). The cursor carries
 * updated_at as PostgreSQL prints it, so the comparison is exact to the microsecond.
 */

interface Cursor {
  u: string;
  i: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.u === 'string' && typeof c.i === 'string' && /^[0-9a-f-]{36}$/.test(c.i) && !Number.isNaN(Date.parse(c.u))) return c;
  } catch {
    // falls through to the error below
  }
  throw invalid('cursor', 'Unknown cursor; start from the first page', 'cursor_invalid');
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

// Lists leave out the bodies and the published copy: summaries do not show them.
const { bodyHtml: _h, bodyText: _t, publishedHtml: _ph, publishedText: _pt, ...SUMMARY_COLUMNS } = ARTICLE_COLUMNS;

export async function listArticles(
  db: DbOrTx,
  ctx: Ctx,
  q: ListKbArticlesQuery,
): Promise<{ items: KbArticleSummary[]; nextCursor: string | null }> {
  const actor = requireKb(ctx, 'kb.read_internal');
  const ws = actor.workspaceId;
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const conditions: (SQL | undefined)[] = [
    eq(kbArticles.workspaceId, ws),
    q.status ? eq(kbArticles.status, q.status) : undefined,
    q.locale ? eq(kbArticles.locale, q.locale) : undefined,
    q.sectionId ? eq(kbArticles.sectionId, q.sectionId) : undefined,
    q.tag ? sql`${q.tag} = any(${kbArticles.tags})` : undefined,
    q.authorId ? eq(kbArticles.authorId, q.authorId) : undefined,
    q.q ? ilike(kbArticles.title, `%${escapeLike(q.q)}%`) : undefined,
    cursor ? sql`(${kbArticles.updatedAt}, ${kbArticles.id}) < (${cursor.u}::timestamptz, ${cursor.i}::uuid)` : undefined,
  ];
  const rows = await db
    .select({ ...SUMMARY_COLUMNS, cursorAt: sql<string>`${kbArticles.updatedAt}::text` })
    .from(kbArticles)
    .where(and(...conditions))
    .orderBy(desc(kbArticles.updatedAt), desc(kbArticles.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const groups = await findGroupRows(
    db,
    ws,
    page.map((r) => r.groupId),
  );
  const chains = await sectionVisibilities(
    db,
    ws,
    page.map((r) => r.sectionId).filter((id): id is string => id !== null),
  );
  const items = page.map((r) =>
    presentArticleSummary(r as unknown as ArticleRow, {
      translations: translationsOf(r.groupId, groups),
      effectiveVisibility: mostRestrictive(r.visibility, ...(r.sectionId ? (chains.get(r.sectionId) ?? []) : [])),
    }),
  );
  const last = page.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ u: last.cursorAt, i: last.id }) : null };
}
