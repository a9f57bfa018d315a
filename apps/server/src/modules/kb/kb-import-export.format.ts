import { KB_STATUSES, KbLocaleSchema, KbLocalizedTextSchema, KbSlugSchema, KbVisibilitySchema, TagSchema } from '@switchboard/contracts';
import { strFromU8, unzipSync } from 'fflate';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { htmlToText, sanitizeMessageHtml } from '../../platform/html.js';
import { FrontMatterError, markdownToHtml, parseYaml, readFrontMatter } from './kb-markdown.js';

/**
 * The KB archive: `categories.yaml` (categories with their sections) and one file per article
 * and locale under `articles/<group>/<locale>.md|.html`, each with YAML front matter. Parsing
 * checks everything before anything is written, and names the file at fault.
 */

export const CATEGORIES_FILE = 'categories.yaml';
const MAX_FILES = 20_000;
const MAX_UNCOMPRESSED = 200 * 1024 * 1024;

const CategoryEntry = z.object({
  slug: KbSlugSchema,
  names: KbLocalizedTextSchema,
  descriptions: KbLocalizedTextSchema.optional().default({}),
  position: z.number().int().min(0).optional(),
  visibility: KbVisibilitySchema.optional().default('public'),
});
const CategoriesFile = z.object({
  categories: z.array(CategoryEntry.extend({ sections: z.array(CategoryEntry).optional().default([]) })).default([]),
});
export type ArchiveCategory = z.infer<typeof CategoriesFile>['categories'][number];

const ArticleMeta = z.object({
  id: z.string().max(100).optional(),
  group: z.string().max(100).optional(),
  locale: KbLocaleSchema,
  title: z.string().trim().min(1).max(300),
  slug: KbSlugSchema.optional(),
  category: z.string().max(120).nullable().optional(),
  section: z.string().max(120).nullable().optional(),
  tags: z.array(TagSchema).max(30).optional().default([]),
  visibility: KbVisibilitySchema.optional().default('public'),
  status: z.enum(KB_STATUSES).optional().default('draft'),
  description: z.string().trim().max(500).nullable().optional(),
  /** A translation made from an older version of its source than the published one. */
  outdated: z.boolean().optional(),
});

export interface ArchiveArticle extends z.infer<typeof ArticleMeta> {
  file: string;
  html: string;
  text: string;
}

export interface Archive {
  categories: ArchiveCategory[];
  articles: ArchiveArticle[];
}

export const importInvalid = (errors: { path: string; message: string; code?: string }[]) =>
  new AppError(
    'kb_import.invalid',
    400,
    errors.length === 1 ? `${errors[0]?.path}: ${errors[0]?.message}` : 'Some files of the archive are invalid',
    {
      errors: errors.map((e) => ({ path: e.path, message: e.message, code: e.code ?? 'invalid' })),
    },
  );

const issues = (file: string, err: z.ZodError) =>
  err.issues.map((i) => ({ path: file, message: `${i.path.join('.') || 'file'}: ${i.message}` }));

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  let files = 0;
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter(f) {
        files += 1;
        total += f.originalSize;
        if (files > MAX_FILES || total > MAX_UNCOMPRESSED) throw new Error('The archive is too large');
        return !f.name.endsWith('/');
      },
    });
  } catch (err) {
    throw importInvalid([{ path: '', message: `Not a readable zip archive (${(err as Error).message})`, code: 'zip_invalid' }]);
  }
}

function parseArticle(file: string, content: string): ArchiveArticle | { errors: { path: string; message: string }[] } {
  let parsed: ReturnType<typeof readFrontMatter>;
  try {
    parsed = readFrontMatter(content);
  } catch (err) {
    if (err instanceof FrontMatterError) return { errors: [{ path: file, message: err.message }] };
    throw err;
  }
  const meta = ArticleMeta.safeParse(parsed.meta);
  if (!meta.success) return { errors: issues(file, meta.error) };
  const html = sanitizeMessageHtml(file.endsWith('.md') ? markdownToHtml(parsed.body) : parsed.body);
  return { ...meta.data, file, html, text: htmlToText(html).trim() };
}

/** Reads and checks the whole archive; throws 400 kb_import.invalid naming every bad file. */
export function parseArchive(bytes: Uint8Array): Archive {
  const entries = unzip(bytes);
  const errors: { path: string; message: string }[] = [];
  let categories: ArchiveCategory[] = [];
  const raw = entries[CATEGORIES_FILE];
  if (raw) {
    try {
      const result = CategoriesFile.safeParse(parseYaml(strFromU8(raw)) ?? {});
      if (result.success) categories = result.data.categories;
      else errors.push(...issues(CATEGORIES_FILE, result.error));
    } catch (err) {
      errors.push({ path: CATEGORIES_FILE, message: `Not valid YAML: ${(err as Error).message.split('\n')[0]}` });
    }
  }
  const articles: ArchiveArticle[] = [];
  for (const name of Object.keys(entries).sort()) {
    if (!name.startsWith('articles/')) continue;
    if (!/\.(md|html)$/.test(name)) {
      errors.push({ path: name, message: 'Article files end in .md or .html' });
      continue;
    }
    const result = parseArticle(name, strFromU8(entries[name] as Uint8Array));
    if ('errors' in result) errors.push(...result.errors);
    else articles.push(result);
  }
  if (!raw && !articles.length && !errors.length)
    errors.push({ path: '', message: `The archive holds neither ${CATEGORIES_FILE} nor articles/ files` });
  if (errors.length) throw importInvalid(errors);
  return { categories, articles };
}
