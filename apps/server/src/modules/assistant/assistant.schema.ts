import type { BotCandidate } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const workspaceRef = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** Saved assistant settings; a workspace without a row uses the defaults (assistant-settings.ts). */
export const assistantSettings = pgTable('assistant_settings', {
  workspaceId: workspaceRef().primaryKey(),
  enabled: boolean('enabled').notNull(),
  answerThreshold: real('answer_threshold').notNull(),
  clarifyThreshold: real('clarify_threshold').notNull(),
  maxFailedTurns: integer('max_failed_turns').notNull(),
  handoffKeywords: text('handoff_keywords').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** What the assistant remembers of one chat between turns. */
export interface BotMemory {
  /** The last question it worked on (follow-ups are combined with it). */
  lastQuestion: string | null;
  lastArticleId: string | null;
  /** Consecutive turns without an answer. */
  failedTurns: number;
}

/** Per-chat assistant state; one row per chat session. */
export const botConversations = pgTable(
  'bot_conversations',
  {
    sessionId: uuid('session_id').primaryKey(),
    workspaceId: workspaceRef(),
    ticketId: uuid('ticket_id').notNull(),
    memory: jsonb('memory').$type<BotMemory>().notNull(),
    turns: integer('turns').notNull().default(0),
    handedOff: boolean('handed_off').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('bot_conversations_ticket').on(t.workspaceId, t.ticketId)],
);

/** One row per assistant turn: inputs, scores and outcome (the audit trail of the bot). */
export const botDecisions = pgTable(
  'bot_decisions',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    sessionId: uuid('session_id'),
    ticketId: uuid('ticket_id'),
    inputText: text('input_text').notNull(),
    language: text('language').notNull(),
    sentiment: jsonb('sentiment')
      .$type<{ label: 'negative' | 'neutral' | 'positive'; negative: number; frustration: 'none' | 'low' | 'medium' | 'high' }>()
      .notNull(),
    candidates: jsonb('candidates').$type<BotCandidate[]>().notNull(),
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    /** The admin intent of the visitor's message (intents/), null without a classifier. */
    intent: jsonb('intent').$type<{ name: string | null; confidence: number }>(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('bot_decisions_ticket').on(t.workspaceId, t.ticketId, t.createdAt)],
);
