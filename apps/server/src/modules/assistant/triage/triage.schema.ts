import type { IntentModelJson } from '@switchboard/assistant-engine';
import { boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const workspaceRef = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export interface TriageThresholds {
  category: number;
  priority: number;
  team: number;
  language: number;
}

/** Saved auto-triage settings; a workspace without a row uses the defaults (triage-settings.ts). */
export const triageSettings = pgTable('triage_settings', {
  workspaceId: workspaceRef().primaryKey(),
  enabled: boolean('enabled').notNull(),
  thresholds: jsonb('thresholds').$type<TriageThresholds>().notNull(),
  retrainAfterCorrections: integer('retrain_after_corrections').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * The per-workspace models (category, team, priority), retrained from history and corrections.
 * `model` is null when there was too little data: nothing is suggested for that field then.
 */
export const triageModels = pgTable(
  'triage_models',
  {
    workspaceId: workspaceRef(),
    field: text('field').notNull(),
    version: integer('version').notNull(),
    model: jsonb('model').$type<IntentModelJson>(),
    labels: integer('labels'),
    examples: integer('examples').notNull(),
    trainedAt: ts('trained_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.field] })],
);

/** One row per ticket and field triage had an opinion on; agents' corrections are kept here. */
export const ticketTriage = pgTable(
  'ticket_triage',
  {
    ticketId: uuid('ticket_id').notNull(),
    workspaceId: workspaceRef(),
    field: text('field').notNull(),
    value: text('value').notNull(),
    confidence: real('confidence').notNull(),
    state: text('state').notNull(),
    correctedValue: text('corrected_value'),
    correctedAt: ts('corrected_at'),
    modelVersion: integer('model_version'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.field] }), index('ticket_triage_ws_corrected').on(t.workspaceId, t.correctedAt)],
);
