import { LOCALES } from '@switchboard/contracts';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { type KbArticle, type KbArticleFilters, type KbCategory, kbApi } from '../../api/kb.api';
import { languages } from '../../i18n/languages';

/** Query keys of the knowledge base; invalidating `all` refreshes every screen of it. */
export const kbKeys = {
  all: ['kb'] as const,
  categories: ['kb', 'categories'] as const,
  lists: () => ['kb', 'articles', 'list'] as const,
  list: (filters: KbArticleFilters) => ['kb', 'articles', 'list', filters] as const,
  article: (id: string) => ['kb', 'articles', id] as const,
  versions: (id: string) => ['kb', 'articles', id, 'versions'] as const,
  version: (id: string, version: number) => ['kb', 'articles', id, 'versions', version] as const,
  diff: (id: string, from: number | undefined, to: number | undefined) => ['kb', 'articles', id, 'diff', from, to] as const,
  reviews: (id: string) => ['kb', 'articles', id, 'reviews'] as const,
  feedback: (moderation: string) => ['kb', 'feedback', moderation] as const,
  analytics: (days: number) => ['kb', 'analytics', days] as const,
  search: (q: string, source: string, locale: string | undefined) => ['kb', 'search', source, locale, q] as const,
  ticketViews: (ticketId: string) => ['kb', 'ticket-views', ticketId] as const,
};

export const categoriesQuery = queryOptions({
  queryKey: kbKeys.categories,
  queryFn: ({ signal }) => kbApi.categories(signal).then((r) => r.items),
  staleTime: 60_000,
});

export const articleQuery = (id: string) => queryOptions({ queryKey: kbKeys.article(id), queryFn: ({ signal }) => kbApi.get(id, signal) });

/** The article locales the workspace supports, with their own names ("English", "简体中文"). */
export const KB_LOCALES = LOCALES;
export function localeName(code: string): string {
  return languages.find((l) => l.code === code)?.nativeName ?? code;
}

/** A ticket language ("zh", "en-GB") as a help-center locale; none when the help center has no such language. */
export function searchLocale(language: string | undefined): string | undefined {
  const lower = language?.toLowerCase() ?? '';
  return KB_LOCALES.find((l) => lower === l.toLowerCase() || lower.split('-')[0] === l.toLowerCase().split('-')[0]);
}

/** A category's or section's name in the UI language, else English, else any. */
export function categoryName(category: Pick<KbCategory, 'names' | 'slug'>, language: string): string {
  const names = category.names as Record<string, string | undefined>;
  return names[language] || names.en || Object.values(names).find(Boolean) || category.slug;
}

/** Sections grouped under their categories, both in display order. */
export function categoryTree(items: readonly KbCategory[]): { category: KbCategory; sections: KbCategory[] }[] {
  const byPosition = (a: KbCategory, b: KbCategory) => a.position - b.position;
  return items
    .filter((c) => c.parentId === null)
    .sort(byPosition)
    .map((category) => ({ category, sections: items.filter((s) => s.parentId === category.id).sort(byPosition) }));
}

/** Select options "Category › Section" for the section pickers. */
export function sectionOptions(items: readonly KbCategory[], language: string): { value: string; label: string }[] {
  return categoryTree(items).flatMap(({ category, sections }) =>
    sections.map((s) => ({ value: s.id, label: `${categoryName(category, language)} › ${categoryName(s, language)}` })),
  );
}

/** Puts a fresh article into the cache so every screen showing it agrees at once. */
export function articleSaved(queryClient: QueryClient, saved: KbArticle): void {
  queryClient.setQueryData(kbKeys.article(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: kbKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: kbKeys.versions(saved.id) });
  void queryClient.invalidateQueries({ queryKey: kbKeys.reviews(saved.id) });
}
