import { z } from 'zod';
import { LOCALES } from './locales.js';

/** Assistant insights: votes on bot answers, unanswered-question clusters, the bot conversation report. */

const Iso = z.iso.datetime({ offset: true });

export const InsightsRangeQuerySchema = z.object({
  /** Default: 30 days before `to`. */
  from: Iso.optional(),
  /** Default: now. */
  to: Iso.optional(),
});
export type InsightsRangeQuery = z.infer<typeof InsightsRangeQuerySchema>;

export const UnansweredQuerySchema = InsightsRangeQuerySchema.extend({
  locale: z.enum(LOCALES).optional(),
  /** Also list clusters someone dismissed. */
  includeDismissed: z.enum(['true', 'false']).optional(),
});
export type UnansweredQuery = z.infer<typeof UnansweredQuerySchema>;

export const UnansweredQuestionSchema = z.object({
  /** The bot decision (turn) id. */
  id: z.uuid(),
  text: z.string(),
  /** clarify | rephrase | handoff | not_helpful */
  outcome: z.enum(['clarify', 'rephrase', 'handoff', 'not_helpful']),
  ticketId: z.uuid().nullable(),
  createdAt: Iso,
});
export type UnansweredQuestion = z.infer<typeof UnansweredQuestionSchema>;

export const UnansweredClusterSchema = z
  .object({
    /** Stable id of the cluster: its first question's id (clusters grow by appending later questions). */
    key: z.uuid(),
    locale: z.enum(LOCALES),
    count: z.number().int(),
    representative: z.string(),
    /** Up to 5 distinct questions, the representative first. */
    samples: z.array(UnansweredQuestionSchema),
    questionIds: z.array(z.uuid()),
    firstSeen: Iso,
    lastSeen: Iso,
    /** The draft (or later article) created from this cluster, if any. */
    article: z.object({ id: z.uuid(), title: z.string(), status: z.string() }).nullable(),
    dismissed: z.boolean(),
  })
  .meta({ id: 'UnansweredCluster' });
export type UnansweredCluster = z.infer<typeof UnansweredClusterSchema>;

export const UnansweredClustersSchema = z.object({
  from: Iso,
  to: Iso,
  /** Unanswered questions in the range (dismissed clusters included). */
  totalQuestions: z.number().int(),
  items: z.array(UnansweredClusterSchema),
});
export type UnansweredClusters = z.infer<typeof UnansweredClustersSchema>;

/** The cluster is looked up with the same filters the list used. */
export const ClusterActionBodySchema = InsightsRangeQuerySchema.extend({ locale: z.enum(LOCALES).optional() });
export type ClusterActionBody = z.infer<typeof ClusterActionBodySchema>;

export const AnswerVoteStatSchema = z.object({
  kind: z.enum(['article', 'qa']),
  /** Article id or Q&A pair id. */
  id: z.uuid(),
  /** Article title or the Q&A pair's first question; null when it was deleted. */
  title: z.string().nullable(),
  locale: z.string(),
  answers: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  /** helpful / (helpful + notHelpful); null without votes */
  helpfulRatio: z.number().nullable(),
});
export type AnswerVoteStat = z.infer<typeof AnswerVoteStatSchema>;

export const AnswerVotesSchema = z.object({ from: Iso, to: Iso, items: z.array(AnswerVoteStatSchema) }).meta({ id: 'AnswerVotes' });
export type AnswerVotes = z.infer<typeof AnswerVotesSchema>;

export const BotReportDaySchema = z.object({
  /** UTC day, YYYY-MM-DD */
  day: z.string(),
  conversations: z.number().int(),
  resolved: z.number().int(),
  handedOff: z.number().int(),
  unanswered: z.number().int(),
});

export const BotReportSchema = z
  .object({
    from: Iso,
    to: Iso,
    /** Chats the assistant took part in (first assistant turn in the range). */
    conversations: z.number().int(),
    /** No handoff, and a helpful vote or an answer nobody voted "not helpful". */
    resolvedByBot: z.number().int(),
    handedOff: z.number().int(),
    /** Not handed off and not resolved: no answer, or the answer was voted not helpful. */
    unanswered: z.number().int(),
    /** Visitor turns the assistant could not answer (the input of the unanswered-questions clusters). */
    unansweredQuestions: z.number().int(),
    /** Why chats were handed off: the rule name when a rule fired, else the built-in reason. */
    handoffReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    votes: z.object({ helpful: z.number().int(), notHelpful: z.number().int() }),
    /** What the assistant answered most: articles, Q&A pairs and flows. */
    topIntents: z.array(z.object({ kind: z.enum(['article', 'qa', 'flow']), name: z.string(), count: z.number().int() })),
    days: z.array(BotReportDaySchema),
  })
  .meta({ id: 'BotReport' });
export type BotReport = z.infer<typeof BotReportSchema>;
