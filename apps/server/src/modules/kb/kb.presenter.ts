import {
  type KbAction,
  type KbArticle,
  type KbArticleSummary,
  type KbCategory,
  type KbReview,
  type KbTranslation,
  type KbVersion,
  type KbVisibility,
  LOCALES,
} from '@switchboard/contracts';
import type { ArticleRow, CategoryRow, GroupRow, ReviewRow, VersionRow } from './kb.repo.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * One slot per workspace locale (plus any other locale the group has): the source, an up-to-date
 * or outdated translation, or a missing one. A translation is outdated when it was made from a
 * source version older than the source's published version.
 */
export function translationsOf(groupId: string, rows: GroupRow[]): KbTranslation[] {
  const own = rows.filter((r) => r.groupId === groupId);
  const source = own.find((r) => r.id === groupId);
  const locales = [...new Set([...LOCALES, ...own.map((r) => r.locale)])];
  return locales.map((locale) => {
    const row = own.find((r) => r.locale === locale);
    if (!row) return { locale, articleId: null, state: 'missing', status: null, title: null, version: null, sourceVersion: null };
    const outdated = row.id !== groupId && source?.publishedVersion != null && (row.sourceVersion ?? 0) < source.publishedVersion;
    return {
      locale,
      articleId: row.id,
      state: row.id === groupId ? 'source' : outdated ? 'outdated' : 'up_to_date',
      status: row.status,
      title: row.title,
      version: row.version,
      sourceVersion: row.sourceVersion,
    };
  });
}

export interface ArticleExtras {
  translations: KbTranslation[];
  effectiveVisibility: KbVisibility;
}

export function presentArticleSummary(row: ArticleRow, extras: ArticleExtras): KbArticleSummary {
  return {
    id: row.id,
    groupId: row.groupId,
    locale: row.locale,
    sectionId: row.sectionId,
    slug: row.slug,
    title: row.title,
    description: row.description,
    tags: row.tags,
    visibility: row.visibility,
    effectiveVisibility: extras.effectiveVisibility,
    status: row.status,
    authorId: row.authorId,
    version: row.version,
    sourceVersion: row.sourceVersion,
    publishedVersion: row.publishedVersion,
    publishedAt: iso(row.publishedAt),
    publishAt: iso(row.publishAt),
    reviewedAt: iso(row.reviewedAt),
    hasUnpublishedChanges: row.publishedVersion !== null && row.version > row.publishedVersion,
    translations: extras.translations,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentArticle(row: ArticleRow, extras: ArticleExtras & { actions: KbAction[] }): KbArticle {
  return { ...presentArticleSummary(row, extras), bodyHtml: row.bodyHtml, bodyText: row.bodyText, actions: extras.actions };
}

export function presentCategory(row: CategoryRow, articleCount: number): KbCategory {
  return {
    id: row.id,
    parentId: row.parentId,
    slug: row.slug,
    names: row.names,
    descriptions: row.descriptions,
    position: row.position,
    visibility: row.visibility,
    articleCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentVersion(row: VersionRow, publishedVersion: number | null): KbVersion {
  return {
    version: row.version,
    title: row.title,
    authorId: row.authorId,
    note: row.note,
    published: publishedVersion === row.version,
    createdAt: row.createdAt.toISOString(),
    bodyHtml: row.bodyHtml,
    bodyText: row.bodyText,
    description: row.description,
  };
}

export function presentReview(row: ReviewRow): KbReview {
  return {
    id: row.id,
    version: row.version,
    reviewerId: row.reviewerId,
    decision: row.decision,
    comment: row.comment,
    createdAt: row.createdAt.toISOString(),
  };
}
