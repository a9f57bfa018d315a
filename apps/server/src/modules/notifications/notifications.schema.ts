import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.js';
import { workspaces } from '../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** What a staff member was told about, in the app. Ticket number and subject are a snapshot. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** No foreign key: a deleted ticket leaves its notifications readable as history. */
    ticketId: uuid('ticket_id'),
    actorId: uuid('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_created').on(t.userId, t.createdAt, t.id),
    index('notifications_user_unread').on(t.userId, t.createdAt).where(sql`read_at is null`),
  ],
);

/**
 * One row per (event, recipient) the listener has handled: the idempotency guard. It is kept
 * even when in-app notifications are off, so a redelivered event never sends a second email.
 */
export const notificationReceipts = pgTable(
  'notification_receipts',
  {
    eventId: uuid('event_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] })],
);

/** Per-user switches, only the kinds the user changed; the rest follow the defaults. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  kinds: jsonb('kinds').$type<Record<string, { inApp: boolean; email: boolean }>>().notNull().default({}),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
