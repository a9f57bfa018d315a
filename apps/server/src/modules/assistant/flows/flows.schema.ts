import type { FlowStep, HandoffCondition } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const workspaceRef = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** Admin-written question variants with one answer, per locale. */
export const botQaPairs = pgTable(
  'bot_qa_pairs',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    locale: text('locale').notNull(),
    questions: text('questions').array().notNull(),
    answer: text('answer').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('bot_qa_pairs_ws').on(t.workspaceId)],
);

export interface FlowTriggerData {
  intent: { name: string; examples: string[] } | null;
  keywords: string[];
  qaIds: string[];
}

/** Flows as data: a trigger and a step graph (validated by flow-graph.ts). */
export const botFlows = pgTable(
  'bot_flows',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    trigger: jsonb('trigger').$type<FlowTriggerData>().notNull(),
    start: text('start').notNull(),
    steps: jsonb('steps').$type<FlowStep[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('bot_flows_ws').on(t.workspaceId)],
);

/** A flow in one chat: where it is, what it collected. At most one `active` per session. */
export const botFlowRuns = pgTable(
  'bot_flow_runs',
  {
    sessionId: uuid('session_id').notNull(),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => botFlows.id, { onDelete: 'cascade' }),
    workspaceId: workspaceRef(),
    /** active | paused | done */
    status: text('status').notNull(),
    stepId: text('step_id').notNull(),
    slots: jsonb('slots').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<{ status: number; body: unknown } | null>(),
    invalidAnswers: integer('invalid_answers').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.flowId] }), index('bot_flow_runs_ws').on(t.workspaceId, t.sessionId)],
);

/** Handoff rules as data; first enabled match by position. */
export const botHandoffRules = pgTable(
  'bot_handoff_rules',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    position: integer('position').notNull(),
    condition: jsonb('condition').$type<HandoffCondition>().notNull(),
    teamId: uuid('team_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('bot_handoff_rules_ws').on(t.workspaceId, t.position)],
);

/** Per-workspace flow settings, and whether the default handoff rules were materialized. */
export const botFlowSettings = pgTable('bot_flow_settings', {
  workspaceId: workspaceRef().primaryKey(),
  actionAllowHosts: text('action_allow_hosts').array().notNull().default(sql`'{}'::text[]`),
  handoffRulesSeeded: boolean('handoff_rules_seeded').notNull().default(false),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
