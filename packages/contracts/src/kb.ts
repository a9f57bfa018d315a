import { z } from 'zod';
import { LOCALES } from './locales.js';
import { TagSchema } from './tickets.js';

/** Knowledge-base authoring: categories, sections, articles, translations, versions, workflow. */

export const KB_VISIBILITIES = ['public', 'customers', 'agents'] as const;
export type KbVisibility = (typeof KB_VISIBILITIES)[number];
export const KbVisibilitySchema = z.enum(KB_VISIBILITIES);

export const KB_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type KbStatus = (typeof KB_STATUSES)[number];
export const KbStatusSchema = z.enum(KB_STATUSES);

/** Workflow actions; the transition table (server kb-workflow.ts) says who may do which when. */
export const KB_ACTIONS = [
  'edit',
  'submit',
  'approve',
  'request_changes',
  'publish',
  'schedule',
  'unschedule',
  'unpublish',
  'archive',
  'reopen',
  'mark_reviewed',
  'comment',
] as const;
export type KbAction = (typeof KB_ACTIONS)[number];

export const KbLocaleSchema = z.enum(LOCALES);
/** Text per locale: { "en": "Billing", "zh-CN": "账单" }. */
export const KbLocalizedTextSchema = z.partialRecord(KbLocaleSchema, z.string().trim().max(500));

const Iso = z.string();
const Slug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u, { message: 'Use letters, digits and single dashes' });
export const KbSlugSchema = Slug;

export const KbCategorySchema = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    slug: z.string(),
    names: KbLocalizedTextSchema,
    descriptions: KbLocalizedTextSchema,
    position: z.number().int(),
    visibility: KbVisibilitySchema,
    /** Articles directly in this section (0 for a category). */
    articleCount: z.number().int(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'KbCategory' });
export type KbCategory = z.infer<typeof KbCategorySchema>;

export const CreateKbCategoryBodySchema = z.object({
  /** A section names its category here; a category has none. */
  parentId: z.uuid().nullable().optional(),
  names: KbLocalizedTextSchema.refine((n) => Object.values(n).some((v) => v?.trim()), { message: 'Give at least one name' }),
  descriptions: KbLocalizedTextSchema.optional(),
  slug: Slug.optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  visibility: KbVisibilitySchema.optional(),
});
export type CreateKbCategoryBody = z.infer<typeof CreateKbCategoryBodySchema>;

export const UpdateKbCategoryBodySchema = z.object({
  names: KbLocalizedTextSchema.optional(),
  descriptions: KbLocalizedTextSchema.optional(),
  slug: Slug.optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  visibility: KbVisibilitySchema.optional(),
});
export type UpdateKbCategoryBody = z.infer<typeof UpdateKbCategoryBodySchema>;

export const ReorderKbCategoriesBodySchema = z.object({
  /** null: reorder the top-level categories; a category id: reorder its sections. */
  parentId: z.uuid().nullable(),
  ids: z.array(z.uuid()).min(1).max(500),
});

/** A translation slot of an article group, one per workspace locale. */
export const KbTranslationStateSchema = z.enum(['source', 'up_to_date', 'outdated', 'missing']);
export const KbTranslationSchema = z
  .object({
    locale: z.string(),
    articleId: z.uuid().nullable(),
    state: KbTranslationStateSchema,
    status: KbStatusSchema.nullable(),
    title: z.string().nullable(),
    version: z.number().int().nullable(),
    /** The source version this translation was made from. */
    sourceVersion: z.number().int().nullable(),
  })
  .meta({ id: 'KbTranslation' });
export type KbTranslation = z.infer<typeof KbTranslationSchema>;

const articleFields = {
  id: z.uuid(),
  groupId: z.uuid(),
  locale: z.string(),
  sectionId: z.uuid().nullable(),
  slug: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  visibility: KbVisibilitySchema,
  /** The most restrictive of the article's, its section's and its category's visibility. */
  effectiveVisibility: KbVisibilitySchema,
  status: KbStatusSchema,
  authorId: z.uuid().nullable(),
  version: z.number().int(),
  sourceVersion: z.number().int().nullable(),
  publishedVersion: z.number().int().nullable(),
  publishedAt: Iso.nullable(),
  publishAt: Iso.nullable(),
  /** Last reviewed date. */
  reviewedAt: Iso.nullable(),
  /** The working copy is ahead of what readers see. */
  hasUnpublishedChanges: z.boolean(),
  translations: z.array(KbTranslationSchema),
  createdAt: Iso,
  updatedAt: Iso,
};

export const KbArticleSummarySchema = z.object(articleFields).meta({ id: 'KbArticleSummary' });
export type KbArticleSummary = z.infer<typeof KbArticleSummarySchema>;

export const KbArticleSchema = z
  .object({
    ...articleFields,
    bodyHtml: z.string(),
    bodyText: z.string(),
    /** What the caller may do now, from the transition table and their permissions. */
    actions: z.array(z.enum(KB_ACTIONS)),
  })
  .meta({ id: 'KbArticle' });
export type KbArticle = z.infer<typeof KbArticleSchema>;

const Body = {
  bodyHtml: z.string().max(500_000).optional(),
  bodyText: z.string().max(200_000).optional(),
};

export const CreateKbArticleBodySchema = z.object({
  locale: KbLocaleSchema,
  sectionId: z.uuid().nullable().optional(),
  title: z.string().trim().min(1).max(300),
  ...Body,
  slug: Slug.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  tags: z.array(TagSchema).max(30).optional(),
  visibility: KbVisibilitySchema.optional(),
});
export type CreateKbArticleBody = z.infer<typeof CreateKbArticleBodySchema>;

export const UpdateKbArticleBodySchema = z.object({
  sectionId: z.uuid().nullable().optional(),
  title: z.string().trim().min(1).max(300).optional(),
  ...Body,
  slug: Slug.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  tags: z.array(TagSchema).max(30).optional(),
  visibility: KbVisibilitySchema.optional(),
  /** A translation: mark it as brought up to date with the source's current version. */
  syncSource: z.boolean().optional(),
  /** Why this save (shown in the version history). */
  note: z.string().trim().max(300).optional(),
  /** The version you edited; the If-Match header wins when both are sent. */
  version: z.number().int().optional(),
});
export type UpdateKbArticleBody = z.infer<typeof UpdateKbArticleBodySchema>;

export const CreateKbTranslationBodySchema = z.object({
  locale: KbLocaleSchema,
  title: z.string().trim().min(1).max(300),
  ...Body,
  slug: Slug.optional(),
  description: z.string().trim().max(500).nullable().optional(),
});
export type CreateKbTranslationBody = z.infer<typeof CreateKbTranslationBodySchema>;

export const ListKbArticlesQuerySchema = z.object({
  status: KbStatusSchema.optional(),
  locale: KbLocaleSchema.optional(),
  sectionId: z.uuid().optional(),
  tag: z.string().trim().toLowerCase().max(60).optional(),
  authorId: z.uuid().optional(),
  /** Matches the title (case-insensitive substring). */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListKbArticlesQuery = z.infer<typeof ListKbArticlesQuerySchema>;

export const KbArticlePageSchema = z.object({ items: z.array(KbArticleSummarySchema), nextCursor: z.string().nullable() });

export const KbVersionSummarySchema = z
  .object({
    version: z.number().int(),
    title: z.string(),
    authorId: z.uuid().nullable(),
    note: z.string().nullable(),
    published: z.boolean(),
    createdAt: Iso,
  })
  .meta({ id: 'KbVersionSummary' });

export const KbVersionSchema = KbVersionSummarySchema.extend({
  bodyHtml: z.string(),
  bodyText: z.string(),
  description: z.string().nullable(),
}).meta({ id: 'KbVersion' });
export type KbVersion = z.infer<typeof KbVersionSchema>;

export const KbDiffPartSchema = z.object({ kind: z.enum(['equal', 'added', 'removed']), text: z.string() });
export type KbDiffPart = z.infer<typeof KbDiffPartSchema>;
/** Line-level parts of the body; a changed block carries its word-level parts in `words`. */
export const KbDiffLineSchema = KbDiffPartSchema.extend({ words: z.array(KbDiffPartSchema).optional() });
export const KbDiffSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    title: z.array(KbDiffPartSchema),
    body: z.array(KbDiffLineSchema),
    stats: z.object({ addedWords: z.number().int(), removedWords: z.number().int() }),
  })
  .meta({ id: 'KbDiff' });
export type KbDiff = z.infer<typeof KbDiffSchema>;

/** Both optional: `to` defaults to the current version, `from` to the one before `to`. */
export const KbDiffQuerySchema = z.object({
  from: z.coerce.number().int().min(1).optional(),
  to: z.coerce.number().int().min(1).optional(),
});

export const KbReviewSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    reviewerId: z.uuid().nullable(),
    decision: z.enum(['submitted', 'approved', 'changes_requested', 'comment']),
    comment: z.string().nullable(),
    createdAt: Iso,
  })
  .meta({ id: 'KbReview' });
export type KbReview = z.infer<typeof KbReviewSchema>;

export const KbCommentBodySchema = z.object({ comment: z.string().trim().min(1).max(5000) });
export const KbOptionalCommentBodySchema = z.object({ comment: z.string().trim().max(5000).optional() });
export const KbApproveBodySchema = z.object({
  comment: z.string().trim().max(5000).optional(),
  /** Publish right away as well (needs kb.publish). */
  publish: z.boolean().optional(),
});
export const KbScheduleBodySchema = z.object({ publishAt: z.iso.datetime({ offset: true }) });

export const KbFromMessageBodySchema = z.object({ messageId: z.uuid(), sectionId: z.uuid().nullable().optional() });

export const KbExportQuerySchema = z.object({ format: z.enum(['markdown', 'html']).default('markdown') });
export const KbImportResultSchema = z
  .object({
    categories: z.object({ created: z.number().int(), updated: z.number().int() }),
    articles: z.object({ created: z.number().int(), updated: z.number().int() }),
  })
  .meta({ id: 'KbImportResult' });
export type KbImportResult = z.infer<typeof KbImportResultSchema>;
