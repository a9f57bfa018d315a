import { LOCALES } from '@switchboard/contracts';
import type { DbOrTx } from '../../platform/db/client.js';
import { sitemapArticles, visibleCategories } from './hc.repo.js';
import { xmlEscape } from './hc-html.js';
import { articlePath, categoryPath, homePath, sectionPath } from './hc-urls.js';

interface Entry {
  /** every language version: [locale, path] */
  versions: [string, string][];
  /** the version for other languages */
  xDefault: string;
  lastmod: Date | null;
}

function urlElements(entry: Entry, base: (path: string) => string): string {
  const links = entry.versions
    .map(([l, path]) => `<xhtml:link rel="alternate" hreflang="${xmlEscape(l)}" href="${xmlEscape(base(path))}"/>`)
    .concat(
      entry.versions.length > 1 ? [`<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(base(entry.xDefault))}"/>`] : [],
    )
    .join('');
  const lastmod = entry.lastmod ? `<lastmod>${entry.lastmod.toISOString()}</lastmod>` : '';
  return entry.versions.map(([, path]) => `<url><loc>${xmlEscape(base(path))}</loc>${lastmod}${links}</url>`).join('\n');
}

/**
 * sitemap.xml of the help center: the home pages, public categories and sections in every UI
 * language, and every public published article with its translations as hreflang alternates.
 * Customers-only and agents-only content never appears.
 */
export async function buildSitemap(
  db: DbOrTx,
  workspace: { id: string; defaultLocale: string },
  base: (path: string) => string,
): Promise<string> {
  const entries: Entry[] = [];
  const everyLocale = (pathOf: (l: string) => string, lastmod: Date | null): Entry => ({
    versions: LOCALES.map((l) => [l, pathOf(l)]),
    xDefault: pathOf(workspace.defaultLocale),
    lastmod,
  });
  entries.push(everyLocale(homePath, null));
  for (const c of await visibleCategories(db, workspace.id, 'public')) {
    entries.push(everyLocale((l) => (c.parentId ? sectionPath(l, c.slug) : categoryPath(l, c.slug)), c.updatedAt));
  }
  const groups = new Map<string, Awaited<ReturnType<typeof sitemapArticles>>>();
  for (const a of await sitemapArticles(db, workspace.id)) {
    const group = groups.get(a.groupId) ?? [];
    group.push(a);
    groups.set(a.groupId, group);
  }
  for (const [groupId, articles] of groups) {
    const preferred = articles.find((a) => a.locale === workspace.defaultLocale) ?? articles.find((a) => a.id === groupId) ?? articles[0];
    if (!preferred) continue;
    const latest = articles.reduce<Date | null>((m, a) => (a.publishedAt && (!m || a.publishedAt > m) ? a.publishedAt : m), null);
    entries.push({
      versions: articles.map((a) => [a.locale, articlePath(a.locale, a.id, a.slug)]),
      xDefault: articlePath(preferred.locale, preferred.id, preferred.slug),
      lastmod: latest,
    });
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries.map((e) => urlElements(e, base)).join('\n')}
</urlset>
`;
}
