import type { CreateKbArticleBody, KbArticle, UpdateKbArticleBody } from '../../api/kb.api';
import type { ArticleValues } from './ArticleForm';

export function emptyValues(locale: string): ArticleValues {
  return {
    locale,
    title: '',
    bodyHtml: '',
    bodyText: '',
    description: '',
    slug: '',
    sectionId: '',
    tags: [],
    visibility: 'public',
    note: '',
    syncSource: false,
  };
}

export function valuesFrom(article: KbArticle): ArticleValues {
  return {
    locale: article.locale,
    title: article.title,
    bodyHtml: article.bodyHtml,
    bodyText: article.bodyText,
    description: article.description ?? '',
    slug: article.slug,
    sectionId: article.sectionId ?? '',
    tags: article.tags,
    visibility: article.visibility,
    note: '',
    syncSource: false,
  };
}

export function createBody(v: ArticleValues): CreateKbArticleBody {
  return {
    locale: v.locale as CreateKbArticleBody['locale'],
    title: v.title.trim(),
    bodyHtml: v.bodyHtml,
    bodyText: v.bodyText,
    description: v.description.trim() || null,
    sectionId: v.sectionId || null,
    tags: v.tags,
    visibility: v.visibility,
    ...(v.slug.trim() ? { slug: v.slug.trim() } : {}),
  };
}

/** Only what changed, so a save never rewrites fields the author did not touch. */
export function updateBody(v: ArticleValues, base: KbArticle): UpdateKbArticleBody {
  const body: UpdateKbArticleBody = {};
  if (v.title.trim() !== base.title) body.title = v.title.trim();
  if (v.bodyHtml !== base.bodyHtml) {
    body.bodyHtml = v.bodyHtml;
    body.bodyText = v.bodyText;
  }
  if ((v.description.trim() || null) !== base.description) body.description = v.description.trim() || null;
  if (v.slug.trim() && v.slug.trim() !== base.slug) body.slug = v.slug.trim();
  if ((v.sectionId || null) !== base.sectionId) body.sectionId = v.sectionId || null;
  if (v.tags.join('\n') !== base.tags.join('\n')) body.tags = v.tags;
  if (v.visibility !== base.visibility) body.visibility = v.visibility;
  if (v.note.trim()) body.note = v.note.trim();
  if (v.syncSource) body.syncSource = true;
  return body;
}
