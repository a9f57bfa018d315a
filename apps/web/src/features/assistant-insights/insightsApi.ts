// Assistant insights: the report of bot conversations, votes per answer, unanswered-question clusters.
import type {
  AnswerVotesSchema,
  BotReportSchema,
  ClusterActionBodySchema,
  KbArticleSchema,
  UnansweredClustersSchema,
} from '@switchboard/contracts';
import { apiFetch } from '../../api/apiFetch';

type Output<S extends { _zod: { output: unknown } }> = S['_zod']['output'];
type Input<S extends { _zod: { input: unknown } }> = S['_zod']['input'];

export type BotReport = Output<typeof BotReportSchema>;
export type AnswerVotes = Output<typeof AnswerVotesSchema>;
export type UnansweredClusters = Output<typeof UnansweredClustersSchema>;
export type UnansweredCluster = UnansweredClusters['items'][number];
export type ClusterActionBody = Input<typeof ClusterActionBodySchema>;
type KbArticle = Output<typeof KbArticleSchema>;

export interface InsightsRange {
  from: string;
  to: string;
}

const base = '/assistant/insights';
const cluster = (key: string) => `${base}/unanswered/${encodeURIComponent(key)}`;

export const insightsApi = {
  report: (range: InsightsRange, signal?: AbortSignal) => apiFetch<BotReport>(`${base}/report`, { query: { ...range }, signal }),
  votes: (range: InsightsRange, signal?: AbortSignal) => apiFetch<AnswerVotes>(`${base}/votes`, { query: { ...range }, signal }),
  unanswered: (query: InsightsRange & { locale?: string | undefined; includeDismissed?: boolean }, signal?: AbortSignal) =>
    apiFetch<UnansweredClusters>(`${base}/unanswered`, {
      query: { from: query.from, to: query.to, locale: query.locale, includeDismissed: query.includeDismissed ? 'true' : undefined },
      signal,
    }),
  createArticle: (key: string, body: ClusterActionBody) => apiFetch<KbArticle>(`${cluster(key)}/article`, { method: 'POST', body }),
  dismiss: (key: string, body: ClusterActionBody) => apiFetch<void>(`${cluster(key)}/dismiss`, { method: 'POST', body }),
  restore: (key: string) => apiFetch<void>(`${cluster(key)}/dismiss`, { method: 'DELETE' }),
};

export const insightsKeys = {
  all: ['assistant-insights'] as const,
  report: (range: InsightsRange) => [...insightsKeys.all, 'report', range] as const,
  votes: (range: InsightsRange) => [...insightsKeys.all, 'votes', range] as const,
  unanswered: (range: InsightsRange, locale: string, includeDismissed: boolean) =>
    [...insightsKeys.all, 'unanswered', range, locale, includeDismissed] as const,
};
