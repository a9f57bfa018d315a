import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Configured inboxes: a web chat site now, email addresses and messaging bots later. */
export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Public and url-safe: what the widget's script tag carries; unique across workspaces. */
    publicKey: text('public_key').notNull(),
    /** Encrypted with the platform key (Secrets.encrypt); identities are signed with it. */
    secretEnc: text('secret_enc').notNull(),
    secretRotatedAt: ts('secret_rotated_at').notNull().defaultNow(),
    /** Validated by the kind's settings schema (channel-kinds.ts) on every write. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('channels_public_key').on(t.publicKey), index('channels_ws_kind').on(t.workspaceId, t.kind)],
);
