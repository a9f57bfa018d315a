import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const workspaceRef = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** The workspace's model provider (OpenAI-compatible chat completions); no row = offline only. */
export const assistantProviders = pgTable('assistant_providers', {
  workspaceId: workspaceRef().primaryKey(),
  enabled: boolean('enabled').notNull(),
  baseUrl: text('base_url').notNull(),
  model: text('model').notNull(),
  /** Encrypted with the platform key (Secrets.encrypt); never returned by the API. */
  apiKeyEnc: text('api_key_enc'),
  timeoutMs: integer('timeout_ms').notNull(),
  /** Prompt + completion tokens per calendar month (UTC); null = no limit. */
  monthlyTokenBudget: integer('monthly_token_budget'),
  allowPrivateNetwork: boolean('allow_private_network').notNull().default(false),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Token and call counters per workspace and month, the budget's ledger. */
export const assistantProviderUsage = pgTable(
  'assistant_provider_usage',
  {
    workspaceId: workspaceRef(),
    /** YYYY-MM, UTC. */
    month: text('month').notNull(),
    tokens: integer('tokens').notNull().default(0),
    calls: integer('calls').notNull().default(0),
    fallbacks: integer('fallbacks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.month] })],
);

/** One row per provider call (or budget refusal): no prompt, no answer, no key — only what it cost and how it ended. */
export const assistantProviderCalls = pgTable(
  'assistant_provider_calls',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    purpose: text('purpose').notNull(),
    ticketId: uuid('ticket_id'),
    sessionId: uuid('session_id'),
    model: text('model').notNull(),
    outcome: text('outcome').notNull(),
    httpStatus: integer('http_status'),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    totalTokens: integer('total_tokens').notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    masked: jsonb('masked').$type<Record<string, number>>().notNull().default({}),
    error: text('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('assistant_provider_calls_ws').on(t.workspaceId, t.createdAt), index('assistant_provider_calls_ticket').on(t.ticketId)],
);
