import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    defaultLocale: text('default_locale').notNull().default('en'),
    timezone: text('timezone').notNull().default('UTC'),
    logoUrl: text('logo_url'),
    signupEnabled: boolean('signup_enabled').notNull().default(true),
    /** Solved tickets close after this many days without activity. */
    autoCloseDays: integer('auto_close_days').notNull().default(4),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workspaces_slug_key').on(t.slug)],
);
