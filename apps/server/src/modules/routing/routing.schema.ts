import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.js';
import { tickets } from '../tickets/tickets.schema.js';
import { workspaces } from '../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A queue of agents with its own assignment strategy. */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    /** manual | round_robin | least_loaded | skills */
    strategy: text('strategy').notNull().default('round_robin'),
    onlyOnline: boolean('only_online').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('teams_workspace_name').on(t.workspaceId, t.name)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user').on(t.workspaceId, t.userId)],
);

/** Routing state of a staff member: availability, capacity, skills, round-robin position. */
export const agentProfiles = pgTable('agent_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id').notNull(),
  availability: text('availability').notNull().default('offline'),
  availabilityChangedAt: ts('availability_changed_at').notNull().defaultNow(),
  /** Max open assigned tickets; null = unlimited. */
  capacity: integer('capacity'),
  skills: jsonb('skills').$type<Record<string, number>>().notNull().default({}),
  lastAssignedAt: ts('last_assigned_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Rules as data: first enabled match by position sends a ticket to a team and/or skills. */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').$type<Array<Record<string, unknown>>>().notNull().default([]),
    action: jsonb('action').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('routing_rules_ws').on(t.workspaceId, t.position)],
);

/**
 * What routing decided for a ticket: the rule that matched and the skills it asked for. Kept
 * here rather than on tickets so a later pick (team change, backlog) asks for the same skills.
 */
export const ticketRoutingStates = pgTable(
  'ticket_routing_states',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    ruleId: uuid('rule_id').references(() => routingRules.id, { onDelete: 'set null' }),
    requiredSkills: jsonb('required_skills').$type<Array<{ skill: string; minLevel: number }>>().notNull().default([]),
    routedAt: ts('routed_at').notNull().defaultNow(),
  },
  (t) => [index('ticket_routing_states_ws').on(t.workspaceId)],
);
