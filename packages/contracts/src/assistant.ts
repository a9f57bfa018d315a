import { z } from 'zod';

/**
 * The AI assistant (bot seat of web chat): per-workspace settings, the decision log and the
 * "try it" dry run. Confidence is the share of the question's search terms an article passage
 * covers (0..1); see docs/architecture.md "Assistant".
 */

const Threshold = z.number().min(0).max(1);

export const AssistantSettingsBodySchema = z
  .object({
    /** Answer web chats first. Unset workspaces default to on once they have a published article. */
    enabled: z.boolean(),
    /** Confidence at or above which the best passage is quoted as the answer. */
    answerThreshold: Threshold,
    /** Confidence at or above which (below the answer threshold) one clarifying question is asked. */
    clarifyThreshold: Threshold,
    /** Consecutive turns without an answer before the chat goes to a human. */
    maxFailedTurns: z.number().int().min(1).max(10),
    /** Extra words or phrases that mean "let me talk to a person", on top of the built-in ones. */
    handoffKeywords: z.array(z.string().trim().min(1).max(60)).max(50),
  })
  .meta({ id: 'AssistantSettingsBody' });
export type AssistantSettingsBody = z.infer<typeof AssistantSettingsBodySchema>;

export const AssistantSettingsSchema = AssistantSettingsBodySchema.extend({
  /** `default` until an admin saves settings (then `enabled` follows the published-article rule). */
  source: z.enum(['default', 'saved']),
  updatedAt: z.string().nullable(),
}).meta({ id: 'AssistantSettings' });
export type AssistantSettings = z.infer<typeof AssistantSettingsSchema>;

export const BOT_ACTIONS = ['answer', 'clarify', 'rephrase', 'greet', 'acknowledge', 'handoff', 'pass'] as const;
export type BotAction = (typeof BOT_ACTIONS)[number];

export const BotCandidateSchema = z.object({
  articleId: z.uuid(),
  title: z.string(),
  locale: z.string(),
  passage: z.string(),
  /** Ranker score (BM25 + TF-IDF features), only comparable within one query. */
  score: z.number(),
  /** Share of the question's terms the passage and its article title cover, 0..1. */
  confidence: z.number(),
});
export type BotCandidate = z.infer<typeof BotCandidateSchema>;

export const BotSentimentSchema = z.object({
  label: z.enum(['negative', 'neutral', 'positive']),
  negative: z.number(),
  frustration: z.enum(['none', 'low', 'medium', 'high']),
});

export const BotDecisionSchema = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid().nullable(),
    ticketId: z.uuid().nullable(),
    inputText: z.string(),
    language: z.string(),
    sentiment: BotSentimentSchema,
    candidates: z.array(BotCandidateSchema),
    action: z.enum(BOT_ACTIONS),
    reason: z.string(),
    latencyMs: z.number().int(),
    /** The admin intent the classifier gave the message (name null: out of scope); null without intents. */
    intent: z.object({ name: z.string().nullable(), confidence: z.number() }).nullable().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'BotDecision' });
export type BotDecision = z.infer<typeof BotDecisionSchema>;

export const BotDecisionsQuerySchema = z.object({ ticketId: z.uuid() });

export const AssistantTryBodySchema = z.object({
  text: z.string().trim().min(1).max(2000),
  locale: z.enum(['en', 'zh-CN']).optional(),
});

export const AssistantTryResultSchema = z
  .object({
    language: z.string(),
    sentiment: BotSentimentSchema,
    candidates: z.array(BotCandidateSchema),
    action: z.enum(BOT_ACTIONS),
    reason: z.string(),
    /** The passage that would be quoted (answer) and its article link. */
    chosen: z.object({ articleId: z.uuid(), title: z.string(), passage: z.string(), url: z.string() }).nullable(),
    /** The exact text the visitor would get. */
    reply: z.string().nullable(),
    quickReplies: z.array(z.string()),
    latencyMs: z.number().int(),
    /** The admin intent the workspace's classifier gives the message (null: no classifier yet). */
    intent: z.object({ name: z.string().nullable(), confidence: z.number() }).nullable().default(null),
    /** A Q&A pair at or above the answer threshold: it answers before the knowledge base. */
    qaPair: z.object({ id: z.uuid(), score: z.number() }).nullable().default(null),
    /** A flow whose trigger matches: it would start (the dry run does not run its steps or actions). */
    flow: z.object({ id: z.uuid(), name: z.string() }).nullable().default(null),
  })
  .meta({ id: 'AssistantTryResult' });
export type AssistantTryResult = z.infer<typeof AssistantTryResultSchema>;
