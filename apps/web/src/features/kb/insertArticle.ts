import type { KbSearchHit } from '../../api/kb.api';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The article's help-center address as the customer will open it. */
export function articleUrl(hit: Pick<KbSearchHit, 'url'>, origin: string): string {
  return new URL(hit.url, origin).href;
}

/** A link to the article, titled with the article's title. */
export function articleLinkHtml(hit: Pick<KbSearchHit, 'url' | 'title'>, origin: string): string {
  return `<a href="${escapeHtml(articleUrl(hit, origin))}">${escapeHtml(hit.title)}</a>`;
}

/**
 * A short excerpt and the link: the article's description when it has one, else the search
 * snippet. The snippet arrives HTML-escaped with <mark> around matches; the marks are dropped.
 */
export function articleSnippetHtml(hit: Pick<KbSearchHit, 'url' | 'title' | 'description' | 'snippetHtml'>, origin: string): string {
  const excerpt = hit.description?.trim() ? escapeHtml(hit.description.trim()) : hit.snippetHtml.replace(/<[^>]*>/g, '').trim();
  const link = `<p>${articleLinkHtml(hit, origin)}</p>`;
  return excerpt ? `<blockquote><p>${excerpt}</p></blockquote>${link}` : link;
}
