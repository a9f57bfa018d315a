/**
 * URL slugs from titles and names. Letters of any script survive (a Chinese title gives a
 * Chinese slug, which browsers show readably and percent-encode on the wire); everything else
 * becomes single dashes.
 */
const MAX_SLUG = 80;

export function slugify(text: string, fallback = 'article'): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...slug].slice(0, MAX_SLUG).join('').replace(/-+$/, '');
  return cut || fallback;
}

/** `base`, then `base-2`, `base-3`, ... : the first one `taken` does not report. */
export async function uniqueSlug(base: string, taken: (candidates: string[]) => Promise<Set<string>>): Promise<string> {
  const candidates = [base, ...Array.from({ length: 48 }, (_, i) => `${base}-${i + 2}`)];
  const used = await taken(candidates);
  const free = candidates.find((c) => !used.has(c));
  return free ?? `${base}-${Date.now().toString(36)}`;
}
