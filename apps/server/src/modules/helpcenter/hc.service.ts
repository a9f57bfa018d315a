import { LOCALES, type Locale } from '@switchboard/contracts';
import type { Ctx } from '../../platform/context.js';
import type { Platform } from '../../platform/platform.js';
import type { Audience } from './audience.js';
import {
  articleDetail,
  articleGate,
  articlesInSection,
  gateAllows,
  readableTranslations,
  relatedArticles,
  topArticlesBySection,
  visibleCategories,
} from './hc.repo.js';
import { type CachedPage, cacheKey, PageCache } from './hc-cache.js';
import type { PageContext } from './hc-layout.js';
import { articlePage, categoryPage, homePage, notFoundPage, searchPage, sectionPage } from './hc-pages.js';
import { articlePath, searchPath } from './hc-urls.js';
import type { KbSearchScope } from './kb-search.js';
import type { KbSearchService, RecordedBy } from './kb-search.service.js';
import { buildSitemap } from './sitemap.js';

const TOP_PER_SECTION = 5;

export interface PageRequest {
  page: PageContext;
  audience: Audience;
}

export type ArticleOutcome =
  | { kind: 'page'; page: CachedPage; workspaceId: string }
  | { kind: 'redirect'; path: string }
  | { kind: 'not_found' };

/**
 * Builds help-center pages from published content. Rendered pages are cached per workspace,
 * audience and language (article pages also per published version); an article page is only
 * served from the cache after a primary-key check that it is still published and visible.
 */
export function helpCenterPages(p: Platform, search: KbSearchService, cache = new PageCache()) {
  const db = p.db;
  const scopeOf = (r: PageRequest) => ({ workspaceId: r.page.workspace.id, audience: r.audience, locale: r.page.locale });
  const key = (r: PageRequest, ...parts: (string | number | null)[]) =>
    cacheKey(r.page.workspace.id, r.audience, r.page.locale, r.page.linkSlug ?? '', ...parts);

  async function cached(k: string, render: () => Promise<string | null>): Promise<CachedPage | null> {
    const hit = cache.get(k);
    if (hit) return hit;
    const html = await render();
    return html === null ? null : cache.set(k, html);
  }

  return {
    cache,

    home(r: PageRequest) {
      return cached(key(r, 'home'), async () => {
        const categories = await visibleCategories(db, r.page.workspace.id, r.audience);
        const top = await topArticlesBySection(db, scopeOf(r), TOP_PER_SECTION);
        return homePage(r.page, categories, top);
      });
    },

    category(r: PageRequest, slug: string) {
      return cached(key(r, 'category', slug), async () => {
        const categories = await visibleCategories(db, r.page.workspace.id, r.audience);
        const category = categories.find((c) => c.parentId === null && c.slug === slug);
        if (!category) return null;
        const top = await topArticlesBySection(db, scopeOf(r), TOP_PER_SECTION, category.id);
        return categoryPage(
          r.page,
          category,
          categories.filter((c) => c.parentId === category.id),
          top,
        );
      });
    },

    section(r: PageRequest, slug: string) {
      return cached(key(r, 'section', slug), async () => {
        const categories = await visibleCategories(db, r.page.workspace.id, r.audience);
        const section = categories.find((c) => c.parentId !== null && c.slug === slug);
        const category = section && categories.find((c) => c.id === section.parentId);
        if (!section || !category) return null;
        return sectionPage(r.page, category, section, await articlesInSection(db, scopeOf(r), section.id));
      });
    },

    async article(r: PageRequest, id: string, slug: string | null, feedback: 'thanks' | 'limited' | null): Promise<ArticleOutcome> {
      const gate = await articleGate(db, id);
      if (!gate || gate.workspaceId !== r.page.workspace.id || !gateAllows(gate, r.audience)) return { kind: 'not_found' };
      if (gate.locale !== r.page.locale || gate.slug !== slug) {
        return { kind: 'redirect', path: articlePath(gate.locale, gate.id, gate.slug) };
      }
      const page = await cached(key(r, 'article', id, gate.publishedVersion, feedback), async () => {
        const article = await articleDetail(db, id);
        if (!article) return null;
        const translations = await readableTranslations(db, gate.workspaceId, r.audience, article.groupId);
        const related = await relatedArticles(db, r.audience, { ...article, workspaceId: gate.workspaceId });
        return articlePage(r.page, { article, translations, related: related.map((x) => ({ ...x, sectionTotal: 0 })), feedback });
      });
      return page ? { kind: 'page', page, workspaceId: gate.workspaceId } : { kind: 'not_found' };
    },

    /** Search is never cached: each one is recorded for analytics. */
    async search(ctx: Ctx, r: PageRequest, q: string, cursor: string | undefined, by: RecordedBy): Promise<string> {
      if (!q) return searchPage(r.page, '', null, null);
      const scope: KbSearchScope = { workspaceId: r.page.workspace.id, audience: r.audience };
      const result = await search.searchIn(ctx, scope, { q, locale: r.page.locale, limit: 10, cursor }, by);
      const next = result.nextCursor ? `${searchPath(r.page.locale)}?q=${encodeURIComponent(q)}&cursor=${result.nextCursor}` : null;
      return searchPage(r.page, q, result, next);
    },

    notFound(page: PageContext): string {
      return notFoundPage(page);
    },

    sitemap(workspace: { id: string; defaultLocale: string }, base: (path: string) => string) {
      return cached(cacheKey(workspace.id, 'sitemap', base('')), async () => buildSitemap(db, workspace, base));
    },
  };
}

export type HelpCenterPages = ReturnType<typeof helpCenterPages>;

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
