import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { channels } from '../channels/channels.schema.js';
import { users } from '../identity/identity.schema.js';
import { tickets } from '../tickets/tickets.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A widget visitor: the subject of a visitor token. `user_id` is the passwordless customer
 * their chats belong to (created with the visitor; replaced by the identified customer on
 * identify). `token_generation` is part of every token: bumping it revokes them all.
 */
export const chatVisitors = pgTable(
  'chat_visitors',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The host site's user id once identified. */
    externalUserId: text('external_user_id'),
    tokenGeneration: integer('token_generation').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  },
  (t) => [index('chat_visitors_user').on(t.workspaceId, t.userId)],
);

/** Live state of a chat; the conversation itself is the ticket (channel web_chat). */
export const chatSessions = pgTable(
  'chat_sessions',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** The customer (requester) the chat belongs to. */
    visitorUserId: uuid('visitor_user_id').notNull(),
    /** bot | queued | offered | active | offline | ended (chat-state.ts). */
    state: text('state').notNull(),
    teamId: uuid('team_id'),
    agentId: uuid('agent_id'),
    offeredAgentId: uuid('offered_agent_id'),
    offerExpiresAt: ts('offer_expires_at'),
    /** Increments per offer, so a late timeout job cannot expire a newer offer. */
    offerSeq: integer('offer_seq').notNull().default(0),
    declinedAgentIds: uuid('declined_agent_ids').array().notNull().default(sql`'{}'::uuid[]`),
    offlineMessage: boolean('offline_message').notNull().default(false),
    preChat: jsonb('pre_chat').$type<Record<string, string>>().notNull().default({}),
    pageUrl: text('page_url'),
    locale: text('locale').notNull().default('en'),
    queuedAt: ts('queued_at'),
    acceptedAt: ts('accepted_at'),
    endedAt: ts('ended_at'),
    endedBy: text('ended_by'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    visitorDeliveredSeq: integer('visitor_delivered_seq').notNull().default(0),
    visitorReadSeq: integer('visitor_read_seq').notNull().default(0),
    agentDeliveredSeq: integer('agent_delivered_seq').notNull().default(0),
    agentReadSeq: integer('agent_read_seq').notNull().default(0),
    lastActivityAt: ts('last_activity_at').notNull().defaultNow(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('chat_sessions_ticket').on(t.ticketId),
    index('chat_sessions_ws_state').on(t.workspaceId, t.state, t.queuedAt),
    index('chat_sessions_visitor').on(t.workspaceId, t.visitorUserId, t.createdAt),
    index('chat_sessions_agent').on(t.workspaceId, t.agentId, t.state),
    index('chat_sessions_activity').on(t.state, t.lastActivityAt),
  ],
);
