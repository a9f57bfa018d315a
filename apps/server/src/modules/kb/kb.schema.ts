import { type SQL, sql } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.js';
import { workspaces } from '../workspaces/workspaces.schema.js';

/**
 * Knowledge base. One row per article *per locale*; the locales of one article share a
 * `group_id` (the translation group). The row holds the working copy; what readers see is the
 * published snapshot (`published_*` columns, copied from the version being published), so an
 * edit to a live article stays private until it is published again.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true });
/** Written as SQL (to_tsvector(...)); never read back by the application. */
const tsvector = customType<{ data: SQL | string }>({ dataType: () => 'tsvector' });
const workspaceRef = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** Categories (parent_id null) and their sections (parent_id = a category). Names per locale. */
export const kbCategories = pgTable(
  'kb_categories',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    parentId: uuid('parent_id'),
    slug: text('slug').notNull(),
    /** { "en": "Billing", "zh-CN": "账单" } */
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    descriptions: jsonb('descriptions').$type<Record<string, string>>().notNull().default({}),
    position: integer('position').notNull().default(0),
    /** Least-open visibility wins: an agents-only category hides its articles from customers. */
    visibility: text('visibility').$type<'public' | 'customers' | 'agents'>().notNull().default('public'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kb_categories_slug').on(t.workspaceId, t.slug),
    index('kb_categories_parent').on(t.workspaceId, t.parentId, t.position),
  ],
);

export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    /** Translation group: the id of the first article of the group. */
    groupId: uuid('group_id').notNull(),
    locale: text('locale').notNull(),
    /** A section (kb_categories row with a parent); null while uncategorized. */
    sectionId: uuid('section_id').references(() => kbCategories.id, { onDelete: 'set null' }),
    slug: text('slug').notNull(),
    // Working copy.
    title: text('title').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    description: text('description'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    visibility: text('visibility').$type<'public' | 'customers' | 'agents'>().notNull().default('public'),
    /** Workflow state of the working copy: draft | in_review | published | archived. */
    status: text('status').$type<'draft' | 'in_review' | 'published' | 'archived'>().notNull().default('draft'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Optimistic lock and version counter: +1 on every save (each save is a kb_article_versions row). */
    version: integer('version').notNull().default(1),
    /** For a translation: the source article's version it was translated from (outdated when behind). */
    sourceVersion: integer('source_version'),
    // Published snapshot: what the help center, search and the assistant serve.
    publishedVersion: integer('published_version'),
    publishedTitle: text('published_title'),
    publishedHtml: text('published_html'),
    publishedText: text('published_text'),
    publishedAt: ts('published_at'),
    /** Scheduled publish of the current working version. */
    publishAt: ts('publish_at'),
    reviewedAt: ts('reviewed_at'),
    /** Published title (weight A) + text (B), analyzed by platform/search/text-search. */
    searchVector: tsvector('search_vector'),
    /**
     * Title (A) and tags (B) lexemes only: search ranks on this small vector, which stays inline
     * in the row, instead of decompressing every candidate's whole vector; body-only matches tie
     * and fall back to popularity.
     */
    rankVector: tsvector('rank_vector').generatedAlwaysAs(sql`ts_filter(search_vector, '{a,b}')`),
    viewCount: integer('view_count').notNull().default(0),
    helpfulCount: integer('helpful_count').notNull().default(0),
    notHelpfulCount: integer('not_helpful_count').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kb_articles_group_locale').on(t.groupId, t.locale),
    uniqueIndex('kb_articles_slug').on(t.workspaceId, t.locale, t.slug),
    index('kb_articles_section').on(t.workspaceId, t.sectionId, t.status),
    index('kb_articles_status').on(t.workspaceId, t.status, t.updatedAt),
    // The authoring list: newest change first, keyset-paged on (updated_at, id).
    index('kb_articles_updated').on(t.workspaceId, t.updatedAt, t.id),
    index('kb_articles_publish_at').on(t.publishAt).where(sql`${t.publishAt} is not null`),
    // Read-mostly: no fastupdate pending list, which every search would scan (PGlite never vacuums it away).
    index('kb_articles_search').using('gin', t.searchVector).with({ fastupdate: false }),
    index('kb_articles_rank').using('gin', t.rankVector).with({ fastupdate: false }),
    index('kb_articles_title_trgm').using('gin', sql`${t.publishedTitle} gin_trgm_ops`).with({ fastupdate: false }),
  ],
);

/**
 * The words of published articles per workspace and language, for typo tolerance: a query word
 * that full text does not know is looked up here by trigram similarity (or as a swapped-letter
 * spelling) and the search runs again with the known word. Added on publish; words of articles
 * taken down stay (a correction then simply finds nothing).
 */
export const kbSearchWords = pgTable(
  'kb_search_words',
  {
    workspaceId: workspaceRef(),
    locale: text('locale').notNull(),
    word: text('word').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.locale, t.word] }),
    index('kb_search_words_trgm').using('gin', sql`${t.word} gin_trgm_ops`).with({ fastupdate: false }),
  ],
);

/** Every save of an article: who, when, what. Restoring copies an old row into a new version. */
export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    description: text('description'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** e.g. "restored from version 3", "imported" */
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('kb_article_versions_number').on(t.articleId, t.version)],
);

/** Review decisions and comments on an article version. */
export const kbReviews = pgTable(
  'kb_reviews',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    decision: text('decision').$type<'submitted' | 'approved' | 'changes_requested' | 'comment'>().notNull(),
    comment: text('comment'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('kb_reviews_article').on(t.articleId, t.createdAt)],
);

/** "Was this helpful?" votes; a comment waits in moderation before agents/reports show it. */
export const kbFeedback = pgTable(
  'kb_feedback',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    helpful: boolean('helpful').notNull(),
    comment: text('comment'),
    /** pending | approved | rejected (only when there is a comment; votes alone are 'approved'). */
    moderation: text('moderation').$type<'pending' | 'approved' | 'rejected'>().notNull().default('approved'),
    moderatedBy: uuid('moderated_by').references(() => users.id, { onDelete: 'set null' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Anonymous visitor id (cookie), so one visitor's vote is counted once per article. */
    visitorKey: text('visitor_key'),
    locale: text('locale'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('kb_feedback_article').on(t.articleId, t.createdAt),
    index('kb_feedback_moderation').on(t.workspaceId, t.moderation, t.createdAt),
  ],
);

/** One row per article view (help center, portal, widget, assistant quote). */
export const kbViews = pgTable(
  'kb_views',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    visitorKey: text('visitor_key'),
    /** help_center | portal | widget | assistant | agent */
    source: text('source').notNull().default('help_center'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('kb_views_article').on(t.articleId, t.createdAt),
    index('kb_views_user').on(t.workspaceId, t.userId, t.createdAt),
    index('kb_views_visitor').on(t.workspaceId, t.visitorKey, t.createdAt),
    index('kb_views_time').on(t.workspaceId, t.createdAt),
  ],
);

/** Searches, for "top searches" and "searches with no results" (content gaps). */
export const kbSearches = pgTable(
  'kb_searches',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    query: text('query').notNull(),
    /** normalized query (lowercased, trimmed) used for grouping */
    normalized: text('normalized').notNull(),
    locale: text('locale').notNull(),
    resultCount: integer('result_count').notNull(),
    source: text('source').notNull().default('help_center'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    visitorKey: text('visitor_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('kb_searches_time').on(t.workspaceId, t.createdAt), index('kb_searches_normalized').on(t.workspaceId, t.normalized)],
);
