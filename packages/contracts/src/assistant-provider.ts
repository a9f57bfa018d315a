import { z } from 'zod';

/**
 * The optional model provider of the assistant: one OpenAI-compatible chat-completions endpoint
 * per workspace (OpenAI, Azure, Ollama, vLLM, llama.cpp server). Used for grounded answers,
 * hand-off summaries, reply drafts and translation; the offline engine takes over whenever it
 * is missing, slow, failing or out of budget. The API key is write-only (`hasApiKey`).
 */

export const PROVIDER_PURPOSES = ['answer', 'summary', 'draft', 'translate', 'test'] as const;
export type ProviderPurpose = (typeof PROVIDER_PURPOSES)[number];

/** How one provider call ended; everything but `ok` means the offline engine (or a problem) took over. */
export const PROVIDER_OUTCOMES = [
  'ok',
  'refused',
  'timeout',
  'http_error',
  'network_error',
  'invalid_response',
  'budget_exhausted',
  'blocked_address',
] as const;
export type ProviderOutcome = (typeof PROVIDER_OUTCOMES)[number];

export const ProviderSettingsBodySchema = z
  .object({
    enabled: z.boolean(),
    /** e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1; `/chat/completions` is appended. */
    baseUrl: z.string().trim().min(1).max(500),
    model: z.string().trim().min(1).max(200),
    /** Write-only. Omit to keep the stored key, null to remove it. */
    apiKey: z.string().trim().min(1).max(500).nullable().optional(),
    timeoutMs: z.number().int().min(500).max(60_000).default(8000),
    /** Tokens (prompt + completion, as the provider reports them) per calendar month (UTC); null = no limit. */
    monthlyTokenBudget: z.number().int().min(0).nullable().default(null),
    /** Allow loopback and private-network addresses (a self-hosted Ollama or vLLM). Off by default. */
    allowPrivateNetwork: z.boolean().default(false),
  })
  .meta({ id: 'ProviderSettingsBody' });
export type ProviderSettingsBody = z.infer<typeof ProviderSettingsBodySchema>;

export const ProviderUsageSchema = z.object({
  /** YYYY-MM (UTC). */
  month: z.string(),
  tokens: z.number().int(),
  calls: z.number().int(),
  /** Calls that ended in the offline engine (timeouts, errors, budget). */
  fallbacks: z.number().int(),
  budgetExhausted: z.boolean(),
});

export const ProviderSettingsSchema = z
  .object({
    configured: z.boolean(),
    enabled: z.boolean(),
    baseUrl: z.string().nullable(),
    model: z.string().nullable(),
    hasApiKey: z.boolean(),
    timeoutMs: z.number().int(),
    monthlyTokenBudget: z.number().int().nullable(),
    allowPrivateNetwork: z.boolean(),
    updatedAt: z.string().nullable(),
    usage: ProviderUsageSchema,
  })
  .meta({ id: 'ProviderSettings' });
export type ProviderSettings = z.infer<typeof ProviderSettingsSchema>;

export const ProviderTestResultSchema = z
  .object({
    ok: z.literal(true),
    /** The model the endpoint says answered. */
    model: z.string(),
    latencyMs: z.number().int(),
    totalTokens: z.number().int(),
  })
  .meta({ id: 'ProviderTestResult' });
export type ProviderTestResult = z.infer<typeof ProviderTestResultSchema>;

export const ProviderCallSchema = z
  .object({
    id: z.uuid(),
    purpose: z.enum(PROVIDER_PURPOSES),
    ticketId: z.uuid().nullable(),
    sessionId: z.uuid().nullable(),
    model: z.string(),
    outcome: z.enum(PROVIDER_OUTCOMES),
    httpStatus: z.number().int().nullable(),
    promptTokens: z.number().int(),
    completionTokens: z.number().int(),
    totalTokens: z.number().int(),
    latencyMs: z.number().int(),
    /** How many pieces of personal data were masked, per kind; never the data itself. */
    masked: z.record(z.string(), z.number().int()),
    error: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ProviderCall' });
export type ProviderCall = z.infer<typeof ProviderCallSchema>;

export const ProviderCallsQuerySchema = z.object({
  ticketId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const DraftReplyResultSchema = z
  .object({
    /** `model`: written by the provider from the passages; `offline`: the best passage as it is. */
    source: z.enum(['model', 'offline']),
    text: z.string(),
    locale: z.string(),
    citations: z.array(z.object({ articleId: z.uuid(), title: z.string(), url: z.string() })),
    /** Why the offline draft was used (null for model drafts). */
    fallbackReason: z.enum(['not_configured', 'no_passage', 'refused', ...PROVIDER_OUTCOMES]).nullable(),
  })
  .meta({ id: 'DraftReplyResult' });
export type DraftReplyResult = z.infer<typeof DraftReplyResultSchema>;

export const TranslateBodySchema = z.object({
  messageId: z.uuid(),
  /** BCP 47 tag, e.g. en, zh-CN, de, pt-BR. */
  targetLocale: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, 'A language tag such as en or zh-CN'),
});

export const TranslateResultSchema = z
  .object({ messageId: z.uuid(), targetLocale: z.string(), text: z.string(), model: z.string() })
  .meta({ id: 'TranslateResult' });
export type TranslateResult = z.infer<typeof TranslateResultSchema>;
