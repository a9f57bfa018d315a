import { analyzeForSearch, buildIndex, type SearchIndex } from '@switchboard/assistant-engine';
import type { BotCandidate } from '@switchboard/contracts';
import { and, count, eq, isNotNull, max, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { kbArticles, kbCategories } from '../kb/index.js';
import { splitPassages } from './passages.js';

interface IndexedPassage {
  articleId: string;
  title: string;
  slug: string;
  locale: string;
  heading: string | null;
  text: string;
  /** Search terms of the article title, the passage's heading and the passage. */
  terms: ReadonlySet<string>;
}

interface LocaleIndex {
  index: SearchIndex;
  passages: IndexedPassage[];
}

export interface Candidate extends BotCandidate {
  slug: string;
}

interface WorkspaceIndex {
  signature: string;
  locales: Map<string, LocaleIndex>;
}

/** Share of the query's search terms found in the passage (0..1): the assistant's confidence. */
export function coverage(queryTerms: readonly string[], terms: ReadonlySet<string>): number {
  const unique = [...new Set(queryTerms)];
  if (unique.length === 0) return 0;
  return unique.filter((t) => terms.has(t)).length / unique.length;
}

/** Published articles anyone may read: the article and every category above it public. */
async function loadPublicArticles(db: DbOrTx, workspaceId: string) {
  const rows = await db
    .select({
      id: kbArticles.id,
      locale: kbArticles.locale,
      slug: kbArticles.slug,
      sectionId: kbArticles.sectionId,
      title: kbArticles.publishedTitle,
      text: kbArticles.publishedText,
    })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.workspaceId, workspaceId),
        isNotNull(kbArticles.publishedVersion),
        ne(kbArticles.status, 'archived'),
        eq(kbArticles.visibility, 'public'),
      ),
    );
  const categories = await db
    .select({ id: kbCategories.id, parentId: kbCategories.parentId, visibility: kbCategories.visibility })
    .from(kbCategories)
    .where(eq(kbCategories.workspaceId, workspaceId));
  const byId = new Map(categories.map((c) => [c.id, c]));
  const isPublic = (id: string | null): boolean => {
    if (!id) return true;
    const c = byId.get(id);
    return !!c && c.visibility === 'public' && (c.parentId === null || isPublic(c.parentId));
  };
  return rows.filter((r) => isPublic(r.sectionId));
}

/**
 * Per-workspace passage indexes (one per locale), built with the engine's SearchIndex and kept
 * in memory. `article.published` / `article.archived` drop a workspace at once on the node that
 * handles the event; every lookup also compares a cheap signature (count + latest publish) so
 * other nodes notice changes too.
 */
export class KbPassageIndex {
  private readonly cache = new Map<string, WorkspaceIndex>();

  invalidate(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }

  async hasPublished(db: DbOrTx, workspaceId: string): Promise<boolean> {
    return (await this.signature(db, workspaceId)).startsWith('0|') === false;
  }

  private async signature(db: DbOrTx, workspaceId: string): Promise<string> {
    const [row] = await db
      .select({ n: count(), latest: max(kbArticles.publishedAt) })
      .from(kbArticles)
      .where(and(eq(kbArticles.workspaceId, workspaceId), isNotNull(kbArticles.publishedVersion), ne(kbArticles.status, 'archived')));
    return `${row?.n ?? 0}|${row?.latest ? new Date(row.latest).toISOString() : ''}`;
  }

  private async load(db: DbOrTx, workspaceId: string): Promise<WorkspaceIndex> {
    const signature = await this.signature(db, workspaceId);
    const cached = this.cache.get(workspaceId);
    if (cached && cached.signature === signature) return cached;
    const grouped = new Map<string, IndexedPassage[]>();
    for (const a of await loadPublicArticles(db, workspaceId)) {
      const title = a.title ?? '';
      const list = grouped.get(a.locale) ?? [];
      for (const p of splitPassages(a.text ?? '')) {
        const terms = new Set(analyzeForSearch(`${title}\n${p.heading ?? ''}\n${p.text}`));
        list.push({ articleId: a.id, title, slug: a.slug, locale: a.locale, heading: p.heading, text: p.text, terms });
      }
      grouped.set(a.locale, list);
    }
    const locales = new Map<string, LocaleIndex>();
    for (const [locale, passages] of grouped) {
      if (passages.length === 0) continue;
      const docs = passages.map((p, i) => ({
        id: String(i),
        title: p.title,
        question: p.heading ?? undefined,
        body: p.text,
        lang: locale,
      }));
      locales.set(locale, { index: buildIndex(docs), passages });
    }
    const built = { signature, locales };
    this.cache.set(workspaceId, built);
    return built;
  }

  /**
   * Best passage per article for `query`, most confident first (ranker score breaks ties).
   * Searches `locale` first and the other locales when it finds nothing at `minConfidence`.
   */
  async search(db: DbOrTx, workspaceId: string, query: string, locale: string, minConfidence: number): Promise<Candidate[]> {
    const ws = await this.load(db, workspaceId);
    const own = searchLocale(ws.locales.get(locale), query);
    if ((own[0]?.confidence ?? 0) >= minConfidence) return own;
    const others = [...ws.locales.entries()].filter(([l]) => l !== locale).flatMap(([, li]) => searchLocale(li, query));
    return [...own, ...others].sort(byConfidence).slice(0, 5);
  }
}

const byConfidence = (a: Candidate, b: Candidate) => b.confidence - a.confidence || b.score - a.score;

function searchLocale(li: LocaleIndex | undefined, query: string): Candidate[] {
  if (!li) return [];
  const queryTerms = analyzeForSearch(query);
  const best = new Map<string, Candidate>();
  for (const hit of li.index.search(query, { k: 30, passages: 0, diversity: 0 })) {
    const p = li.passages[Number(hit.id)];
    if (!p) continue;
    const c: Candidate = {
      articleId: p.articleId,
      title: p.title,
      slug: p.slug,
      locale: p.locale,
      passage: p.text,
      score: Math.round(hit.score * 1000) / 1000,
      confidence: Math.round(coverage(queryTerms, p.terms) * 1000) / 1000,
    };
    const prev = best.get(p.articleId);
    if (!prev || byConfidence(c, prev) < 0) best.set(p.articleId, c);
  }
  return [...best.values()].sort(byConfidence).slice(0, 5);
}
