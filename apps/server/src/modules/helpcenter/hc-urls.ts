/**
 * Help-center URLs. Articles live at /hc/<locale>/articles/<id>-<slug>: the id finds the row
 * (slugs may change), the slug makes the URL readable; a wrong or missing slug redirects to the
 * canonical one. A non-primary workspace is addressed with ?workspace=<slug> (see hc-workspace.ts).
 */

export const HC_ROOT = '/hc';

export function articlePath(locale: string, id: string, slug: string): string {
  return `${HC_ROOT}/${locale}/articles/${id}-${encodeURIComponent(slug)}`;
}

export const homePath = (locale: string) => `${HC_ROOT}/${locale}`;
export const categoryPath = (locale: string, slug: string) => `${HC_ROOT}/${locale}/categories/${encodeURIComponent(slug)}`;
export const sectionPath = (locale: string, slug: string) => `${HC_ROOT}/${locale}/sections/${encodeURIComponent(slug)}`;
export const searchPath = (locale: string) => `${HC_ROOT}/${locale}/search`;

const UUID_PREFIX = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-(.*))?$/i;

/** Splits the `<id>-<slug>` path segment; null when it does not start with a uuid. */
export function parseArticleRef(ref: string): { id: string; slug: string | null } | null {
  const m = UUID_PREFIX.exec(ref);
  if (!m?.[1]) return null;
  return { id: m[1].toLowerCase(), slug: m[2] ?? null };
}

/** Adds ?workspace=<slug> when the page belongs to a workspace other than the host's default. */
export function withWorkspace(path: string, workspaceSlug: string | null): string {
  if (!workspaceSlug) return path;
  return `${path}${path.includes('?') ? '&' : '?'}workspace=${encodeURIComponent(workspaceSlug)}`;
}
