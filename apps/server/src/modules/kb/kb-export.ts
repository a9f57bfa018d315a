import { strToU8, zipSync } from 'fflate';
import type { DbOrTx } from '../../platform/db/client.js';
import { type ArticleRow, type CategoryRow, findAllArticles, listCategories } from './kb.repo.js';
import { CATEGORIES_FILE } from './kb-import-export.format.js';
import { htmlToMarkdown, stringifyYaml, writeFrontMatter } from './kb-markdown.js';

/** The archive `parseArchive` reads: categories.yaml plus one front-matter file per article and locale. */

function categoryEntry(c: CategoryRow) {
  return { slug: c.slug, names: c.names, descriptions: c.descriptions, position: c.position, visibility: c.visibility };
}

function categoriesYaml(rows: CategoryRow[]): string {
  const top = rows.filter((c) => c.parentId === null);
  return stringifyYaml(
    { categories: top.map((c) => ({ ...categoryEntry(c), sections: rows.filter((s) => s.parentId === c.id).map(categoryEntry) })) },
    { lineWidth: 0 },
  );
}

function articleMeta(a: ArticleRow, byId: Map<string, CategoryRow>, sources: Map<string, ArticleRow>) {
  const section = a.sectionId ? byId.get(a.sectionId) : undefined;
  const category = section?.parentId ? byId.get(section.parentId) : undefined;
  const source = sources.get(a.groupId);
  const isTranslation = a.id !== a.groupId;
  return {
    id: a.id,
    group: a.groupId,
    locale: a.locale,
    title: a.title,
    slug: a.slug,
    category: category?.slug ?? null,
    section: section?.slug ?? null,
    tags: a.tags,
    visibility: a.visibility,
    status: a.status,
    description: a.description,
    ...(isTranslation ? { outdated: source?.publishedVersion != null && (a.sourceVersion ?? 0) < source.publishedVersion } : {}),
  };
}

export async function exportArchive(db: DbOrTx, workspaceId: string, format: 'markdown' | 'html'): Promise<Uint8Array> {
  const categories = await listCategories(db, workspaceId);
  const articles = await findAllArticles(db, workspaceId);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const sources = new Map(articles.filter((a) => a.id === a.groupId).map((a) => [a.id, a]));
  const files: Record<string, Uint8Array> = { [CATEGORIES_FILE]: strToU8(categoriesYaml(categories)) };
  for (const a of articles) {
    const body = format === 'markdown' ? htmlToMarkdown(a.bodyHtml) : a.bodyHtml;
    const path = `articles/${a.groupId}/${a.locale}.${format === 'markdown' ? 'md' : 'html'}`;
    files[path] = strToU8(writeFrontMatter(articleMeta(a, byId, sources), body));
  }
  return zipSync(files, { level: 6 });
}
