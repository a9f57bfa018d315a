import type { KbCategory } from '../../api/kb.api';

/** The server's limit on one description (per language). */
export const KB_DESCRIPTION_MAX = 500;

export interface CategoryDescriptions {
  en: string;
  'zh-CN': string;
}

export function descriptionsFrom(descriptions: KbCategory['descriptions'] | undefined): CategoryDescriptions {
  return { en: descriptions?.en ?? '', 'zh-CN': descriptions?.['zh-CN'] ?? '' };
}

/** A category's or section's description in the UI language, else English, else none. */
export function categoryDescription(category: Pick<KbCategory, 'descriptions'>, language: string): string {
  const texts = category.descriptions as Record<string, string | undefined>;
  return (texts[language] || texts.en || '').trim();
}
