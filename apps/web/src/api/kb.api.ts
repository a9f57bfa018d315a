// Knowledge base: authoring (articles, categories, versions, workflow) and the reading side
// (search, suggestions, feedback moderation, analytics). Type-only contract imports.
import type {
  CreateKbArticleBodySchema,
  CreateKbCategoryBodySchema,
  CreateKbTranslationBodySchema,
  KbAction,
  KbAnalyticsSchema,
  KbArticlePageSchema,
  KbArticleSchema,
  KbArticleSummarySchema,
  KbCategorySchema,
  KbDiffSchema,
  KbFeedbackItemSchema,
  KbFeedbackPageSchema,
  KbFromMessageBodySchema,
  KbImportResultSchema,
  KbReviewSchema,
  KbSearchHitSchema,
  KbSearchPageSchema,
  KbStatus,
  KbSuggestionsSchema,
  KbTranslationSchema,
  KbVersionSchema,
  KbVersionSummarySchema,
  KbVisibility,
  TicketKbViewsSchema,
  UpdateKbArticleBodySchema,
  UpdateKbCategoryBodySchema,
} from '@switchboard/contracts';
import { ApiError, clientErrorCodes } from './ApiError';
import { API_BASE, apiFetch } from './apiFetch';

type Output<S extends { _zod: { output: unknown } }> = S['_zod']['output'];
type Input<S extends { _zod: { input: unknown } }> = S['_zod']['input'];

export type { KbAction, KbStatus, KbVisibility };
export type KbCategory = Output<typeof KbCategorySchema>;
export type KbArticle = Output<typeof KbArticleSchema>;
export type KbArticleSummary = Output<typeof KbArticleSummarySchema>;
export type KbArticlePage = Output<typeof KbArticlePageSchema>;
export type KbTranslation = Output<typeof KbTranslationSchema>;
export type KbVersionSummary = Output<typeof KbVersionSummarySchema>;
export type KbVersion = Output<typeof KbVersionSchema>;
export type KbDiff = Output<typeof KbDiffSchema>;
export type KbReview = Output<typeof KbReviewSchema>;
export type KbSearchHit = Output<typeof KbSearchHitSchema>;
export type KbSearchPage = Output<typeof KbSearchPageSchema>;
export type KbSuggestions = Output<typeof KbSuggestionsSchema>;
export type KbFeedbackItem = Output<typeof KbFeedbackItemSchema>;
export type KbFeedbackPage = Output<typeof KbFeedbackPageSchema>;
export type KbAnalytics = Output<typeof KbAnalyticsSchema>;
export type TicketKbViews = Output<typeof TicketKbViewsSchema>;
export type KbImportResult = Output<typeof KbImportResultSchema>;
export type KbFromMessageBody = Input<typeof KbFromMessageBodySchema>;
export type KbExportFormat = 'markdown' | 'html';

export type CreateKbArticleBody = Input<typeof CreateKbArticleBodySchema>;
export type UpdateKbArticleBody = Input<typeof UpdateKbArticleBodySchema>;
export type CreateKbTranslationBody = Input<typeof CreateKbTranslationBodySchema>;
export type CreateKbCategoryBody = Input<typeof CreateKbCategoryBodySchema>;
export type UpdateKbCategoryBody = Input<typeof UpdateKbCategoryBodySchema>;

export interface KbArticleFilters {
  status?: KbStatus | undefined;
  locale?: string | undefined;
  sectionId?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
}

export interface KbSearchParams {
  q: string;
  locale?: string | undefined;
  limit?: number;
  source: 'help_center' | 'portal' | 'widget' | 'assistant' | 'agent' | 'api';
}

/** A downloaded file: its bytes and the name the server suggests. */
export interface KbDownload {
  blob: Blob;
  filename: string;
}

/** GET a binary file; failures become ApiError like apiFetch's (the export is a zip, not JSON). */
async function fetchFile(path: string, fallbackName: string, signal?: AbortSignal): Promise<KbDownload> {
  const headers = { accept: 'application/zip, application/problem+json' };
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { method: 'GET', headers, credentials: 'same-origin', signal: signal ?? null });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ type: 'about:blank', title: 'Network request failed', status: 0, code: clientErrorCodes.network });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const fallback = { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status };
    const code = (body as { code?: unknown } | null)?.code;
    throw new ApiError(
      typeof code === 'string'
        ? { ...fallback, ...(body as object), code, status: response.status }
        : { ...fallback, code: `http.${response.status}` },
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  return { blob: await response.blob(), filename };
}

const article = (id: string) => `/kb/articles/${encodeURIComponent(id)}`;

/** Workflow routes by action; `edit` and `comment` have routes of their own. */
export const WORKFLOW_PATHS = {
  submit: 'submit',
  approve: 'approve',
  request_changes: 'request-changes',
  publish: 'publish',
  unpublish: 'unpublish',
  archive: 'archive',
  reopen: 'reopen',
  mark_reviewed: 'mark-reviewed',
} as const satisfies Partial<Record<KbAction, string>>;
export type KbWorkflowAction = keyof typeof WORKFLOW_PATHS;

export const kbApi = {
  categories: (signal?: AbortSignal) => apiFetch<{ items: KbCategory[] }>('/kb/categories', { signal }),
  createCategory: (body: CreateKbCategoryBody) => apiFetch<KbCategory>('/kb/categories', { method: 'POST', body }),
  updateCategory: (id: string, body: UpdateKbCategoryBody) => apiFetch<KbCategory>(`/kb/categories/${id}`, { method: 'PATCH', body }),
  reorderCategories: (parentId: string | null, ids: string[]) =>
    apiFetch<{ items: KbCategory[] }>('/kb/categories/order', { method: 'PUT', body: { parentId, ids } }),
  deleteCategory: (id: string) => apiFetch<void>(`/kb/categories/${id}`, { method: 'DELETE' }),

  list: (filters: KbArticleFilters, cursor: string | undefined, signal?: AbortSignal) =>
    apiFetch<KbArticlePage>('/kb/articles', { query: { ...filters, cursor, limit: 25 }, signal }),
  get: (id: string, signal?: AbortSignal) => apiFetch<KbArticle>(article(id), { signal }),
  create: (body: CreateKbArticleBody) => apiFetch<KbArticle>('/kb/articles', { method: 'POST', body }),
  /** Saves a new version; the server answers 409 kb_article.version_mismatch when `version` is stale. */
  update: (id: string, version: number, body: UpdateKbArticleBody) =>
    apiFetch<KbArticle>(article(id), { method: 'PATCH', body, headers: { 'if-match': `"${version}"` } }),
  remove: (id: string) => apiFetch<KbArticle | undefined>(article(id), { method: 'DELETE' }),
  createTranslation: (sourceId: string, body: CreateKbTranslationBody) =>
    apiFetch<KbArticle>(`${article(sourceId)}/translations`, { method: 'POST', body }),

  workflow: (id: string, action: KbWorkflowAction, body?: Record<string, unknown>) =>
    apiFetch<KbArticle>(`${article(id)}/${WORKFLOW_PATHS[action]}`, { method: 'POST', body: body ?? {} }),
  schedule: (id: string, publishAt: string) => apiFetch<KbArticle>(`${article(id)}/schedule`, { method: 'POST', body: { publishAt } }),
  unschedule: (id: string) => apiFetch<KbArticle>(`${article(id)}/schedule`, { method: 'DELETE' }),
  comment: (id: string, comment: string) => apiFetch<KbReview>(`${article(id)}/comments`, { method: 'POST', body: { comment } }),
  reviews: (id: string, signal?: AbortSignal) => apiFetch<{ items: KbReview[] }>(`${article(id)}/reviews`, { signal }),

  versions: (id: string, signal?: AbortSignal) => apiFetch<{ items: KbVersionSummary[] }>(`${article(id)}/versions`, { signal }),
  version: (id: string, version: number, signal?: AbortSignal) => apiFetch<KbVersion>(`${article(id)}/versions/${version}`, { signal }),
  diff: (id: string, from: number | undefined, to: number | undefined, signal?: AbortSignal) =>
    apiFetch<KbDiff>(`${article(id)}/diff`, { query: { from, to }, signal }),
  restore: (id: string, version: number, current: number) =>
    apiFetch<KbArticle>(`${article(id)}/versions/${version}/restore`, { method: 'POST', headers: { 'if-match': `"${current}"` } }),

  search: (params: KbSearchParams, signal?: AbortSignal) =>
    apiFetch<KbSearchPage>('/kb/search', {
      query: { q: params.q, locale: params.locale, limit: params.limit, source: params.source },
      signal,
    }),
  feedback: (moderation: 'pending' | 'approved' | 'rejected', cursor: string | undefined, signal?: AbortSignal) =>
    apiFetch<KbFeedbackPage>('/kb/feedback', { query: { moderation, cursor }, signal }),
  moderate: (id: string, decision: 'approve' | 'reject') => apiFetch<KbFeedbackItem>(`/kb/feedback/${id}/${decision}`, { method: 'POST' }),
  analytics: (range: { from?: string; to?: string }, signal?: AbortSignal) =>
    apiFetch<KbAnalytics>('/kb/analytics', { query: range, signal }),
  /** A draft from a ticket reply: the server takes the ticket subject as title and the ticket language as locale. */
  fromMessage: (body: KbFromMessageBody) => apiFetch<KbArticle>('/kb/articles/from-message', { method: 'POST', body }),
  /** Every article and category as a re-importable zip (kb.publish). */
  exportArchive: (format: KbExportFormat, signal?: AbortSignal) =>
    fetchFile(`/kb/export?format=${format}`, `knowledge-base-${format}.zip`, signal),
  /** Creates or updates from an export zip, all or nothing; 400 kb_import.invalid lists each bad file in `errors`. */
  importArchive: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return apiFetch<KbImportResult>('/kb/import', { method: 'POST', body: form });
  },
  ticketViews: (ticketId: string, signal?: AbortSignal) =>
    apiFetch<TicketKbViews>(`/tickets/${encodeURIComponent(ticketId)}/kb-views`, { signal }),
};
