import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tickets } from '../tickets/tickets.schema.js';
import { workspaces } from '../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Opening hours in a time zone, with closed days. */
export const businessCalendars = pgTable('business_calendars', {
  id: uuid('id').primaryKey(),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  hours: jsonb('hours').$type<Array<{ weekday: number; start: string; end: string }>>().notNull(),
  holidays: text('holidays').array().notNull().default(sql`'{}'::text[]`),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Targets in minutes, chosen for a ticket by the first matching policy (by position). */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    /** { priorities?: string[], organizationIds?: string[], channels?: string[] } — all given lists must match. */
    conditions: jsonb('conditions').$type<Record<string, string[]>>().notNull().default({}),
    calendarId: uuid('calendar_id').references(() => businessCalendars.id, { onDelete: 'set null' }),
    firstResponseMinutes: integer('first_response_minutes'),
    nextResponseMinutes: integer('next_response_minutes'),
    resolutionMinutes: integer('resolution_minutes'),
    /** Warn this many business minutes before a breach. */
    warnBeforeMinutes: integer('warn_before_minutes').notNull().default(15),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('sla_policies_ws').on(t.workspaceId, t.position)],
);

/**
 * One clock per ticket and metric (first_response | next_response | resolution).
 * Business time accrues while `running_since` is set; pauses fold it into `accrued_ms`.
 */
export const ticketSlaClocks = pgTable(
  'ticket_sla_clocks',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    policyId: uuid('policy_id'),
    targetMinutes: integer('target_minutes').notNull(),
    accruedMs: bigint('accrued_ms', { mode: 'number' }).notNull().default(0),
    runningSince: ts('running_since'),
    dueAt: ts('due_at'),
    warnAt: ts('warn_at'),
    warnedAt: ts('warned_at'),
    breachedAt: ts('breached_at'),
    completedAt: ts('completed_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.metric] }),
    index('ticket_sla_clocks_due').on(t.dueAt),
    index('ticket_sla_clocks_warn').on(t.warnAt),
  ],
);
