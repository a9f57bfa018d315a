import { z } from 'zod';
import { LOCALES } from './locales.js';

/**
 * The reading side of the knowledge base: search and suggestions over published articles,
 * "Was this helpful?" feedback and its moderation, and help-center analytics. Readers only ever
 * see published snapshots of articles visible to them (public / customers / agents).
 */

const Iso = z.string();
const KbReadLocaleSchema = z.enum(LOCALES);

/** Where a search or a view came from; the help center and the API record it in analytics. */
export const KB_ACTIVITY_SOURCES = ['help_center', 'portal', 'widget', 'assistant', 'agent', 'api'] as const;
export const KbActivitySourceSchema = z.enum(KB_ACTIVITY_SOURCES);
export type KbActivitySource = z.infer<typeof KbActivitySourceSchema>;

/** A category or section filter: its id or its slug. */
const CategoryRef = z.string().trim().min(1).max(120);

export const KbSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  /** The reader's language; without it every language is searched and nothing is marked as fallback. */
  locale: KbReadLocaleSchema.optional(),
  category: CategoryRef.optional(),
  section: CategoryRef.optional(),
  tag: z.string().trim().min(1).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().max(40).optional(),
  source: KbActivitySourceSchema.default('api'),
  /** Anonymous callers only: the workspace slug (default: the primary workspace). Ignored when signed in. */
  workspace: z.string().max(64).optional(),
});
export type KbSearchQuery = z.infer<typeof KbSearchQuerySchema>;

export const KbSearchHitSchema = z
  .object({
    id: z.uuid(),
    groupId: z.uuid(),
    locale: z.string(),
    title: z.string(),
    /** The title, HTML-escaped, with matched words in <mark>. */
    titleHtml: z.string(),
    /** A window of the text around the first match, HTML-escaped, matches in <mark>. */
    snippetHtml: z.string(),
    description: z.string().nullable(),
    slug: z.string(),
    sectionId: z.uuid().nullable(),
    tags: z.array(z.string()),
    /** Path of the article in the help center. */
    url: z.string(),
    /** true: the requested language had no hit and this one is in another language. */
    fallback: z.boolean(),
    /** How it matched: full text, or title similarity (typo tolerance). */
    match: z.enum(['text', 'typo']),
    publishedAt: Iso.nullable(),
  })
  .meta({ id: 'KbSearchHit' });
export type KbSearchHit = z.infer<typeof KbSearchHitSchema>;

export const KbSearchPageSchema = z
  .object({ items: z.array(KbSearchHitSchema), nextCursor: z.string().nullable(), fallback: z.boolean() })
  .meta({ id: 'KbSearchPage' });
export type KbSearchPage = z.infer<typeof KbSearchPageSchema>;

export const KbSuggestQuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  locale: KbReadLocaleSchema.optional(),
  workspace: z.string().max(64).optional(),
});

export const KbSuggestionSchema = z.object({ id: z.uuid(), title: z.string(), locale: z.string(), url: z.string() });
export const KbSuggestionsSchema = z.object({ items: z.array(KbSuggestionSchema) }).meta({ id: 'KbSuggestions' });

// ---- feedback ----

export const KB_FEEDBACK_COMMENT_MAX = 2000;

export const KbFeedbackBodySchema = z.object({
  helpful: z.boolean(),
  /** Plain text; shown to staff only after moderation. */
  comment: z.string().trim().max(KB_FEEDBACK_COMMENT_MAX).optional(),
});
export type KbFeedbackBody = z.infer<typeof KbFeedbackBodySchema>;

export const KbFeedbackReceiptSchema = z
  .object({
    id: z.uuid(),
    helpful: z.boolean(),
    /** pending when a comment waits for moderation */
    moderation: z.enum(['pending', 'approved', 'rejected']),
    /** true when this replaced the visitor's earlier vote on the article */
    replaced: z.boolean(),
    helpfulCount: z.number().int(),
    notHelpfulCount: z.number().int(),
  })
  .meta({ id: 'KbFeedbackReceipt' });

export const KbModerationStateSchema = z.enum(['pending', 'approved', 'rejected']);

export const KbFeedbackListQuerySchema = z.object({
  moderation: KbModerationStateSchema.default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(80).optional(),
});

export const KbFeedbackItemSchema = z
  .object({
    id: z.uuid(),
    articleId: z.uuid(),
    articleTitle: z.string(),
    locale: z.string().nullable(),
    helpful: z.boolean(),
    comment: z.string().nullable(),
    moderation: KbModerationStateSchema,
    /** Signed-in author (null for anonymous visitors). */
    userId: z.uuid().nullable(),
    createdAt: Iso,
  })
  .meta({ id: 'KbFeedbackItem' });
export type KbFeedbackItem = z.infer<typeof KbFeedbackItemSchema>;

export const KbFeedbackPageSchema = z.object({ items: z.array(KbFeedbackItemSchema), nextCursor: z.string().nullable() });

// ---- analytics ----

export const KbAnalyticsQuerySchema = z.object({
  /** Default: 30 days before `to`. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Default: now. */
  to: z.iso.datetime({ offset: true }).optional(),
});

export const KbArticleStatsSchema = z.object({
  articleId: z.uuid(),
  title: z.string(),
  locale: z.string(),
  views: z.number().int(),
  uniqueViews: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  /** helpful / (helpful + notHelpful); null without votes */
  helpfulRatio: z.number().nullable(),
  approvedComments: z.number().int(),
});

export const KbSearchStatSchema = z.object({ query: z.string(), searches: z.number().int(), avgResults: z.number() });

export const KbAnalyticsSchema = z
  .object({
    from: Iso,
    to: Iso,
    articles: z.array(KbArticleStatsSchema),
    topSearches: z.array(KbSearchStatSchema),
    noResultSearches: z.array(KbSearchStatSchema),
    /**
     * People (a signed-in user, else an anonymous visitor cookie) who viewed at least one article
     * in the range, counted when their first view is at least 24 hours old; deflected = opened no
     * ticket within 24 hours after that first view.
     */
    deflection: z.object({
      viewers: z.number().int(),
      deflected: z.number().int(),
      rate: z.number().nullable(),
      /** Viewers whose 24-hour window is still open: not counted yet. */
      pending: z.number().int(),
    }),
  })
  .meta({ id: 'KbAnalytics' });
export type KbAnalytics = z.infer<typeof KbAnalyticsSchema>;

/** Articles a ticket's requester viewed in the 24 hours before opening it. */
export const TicketKbViewSchema = z.object({
  articleId: z.uuid(),
  title: z.string(),
  locale: z.string(),
  source: z.string(),
  viewedAt: Iso,
});
export const TicketKbViewsSchema = z.object({ items: z.array(TicketKbViewSchema) }).meta({ id: 'TicketKbViews' });
