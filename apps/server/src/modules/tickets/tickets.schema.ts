import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.js';
import { workspaces } from '../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });
/** Written as SQL (to_tsvector(...)); never read back by the application. */
const tsvector = customType<{ data: SQL | string }>({ dataType: () => 'tsvector' });
const workspaceRef = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** Per-workspace counter behind the human-friendly ticket number (#1042). */
export const ticketCounters = pgTable('ticket_counters', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
});

/** Admin-managed taxonomy: `kind` is 'category' or 'type'. Names are per locale. */
export const ticketTaxonomies = pgTable(
  'ticket_taxonomies',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    names: jsonb('names').$type<Record<string, string>>().notNull().default({}),
    description: text('description'),
    position: integer('position').notNull().default(0),
    customerVisible: boolean('customer_visible').notNull().default(true),
    archivedAt: ts('archived_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ticket_taxonomies_name').on(t.workspaceId, t.kind, t.name)],
);

export type CustomFieldType = 'text' | 'number' | 'date' | 'dropdown' | 'multi_select' | 'checkbox';

/** Typed custom fields; values live in tickets.custom_fields keyed by `key`. */
export const customFields = pgTable(
  'custom_fields',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    type: text('type').$type<CustomFieldType>().notNull(),
    options: jsonb('options').$type<Array<{ value: string; label: string; labels?: Record<string, string> }>>().notNull().default([]),
    requiredOnSolve: boolean('required_on_solve').notNull().default(false),
    customerVisible: boolean('customer_visible').notNull().default(false),
    customerEditable: boolean('customer_editable').notNull().default(false),
    position: integer('position').notNull().default(0),
    archivedAt: ts('archived_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('custom_fields_key').on(t.workspaceId, t.key)],
);

/** One conversation = one ticket, whatever the channel. */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    number: integer('number').notNull(),
    subject: text('subject').notNull(),
    status: text('status').notNull(),
    priority: text('priority').notNull().default('normal'),
    typeId: uuid('type_id').references(() => ticketTaxonomies.id, { onDelete: 'set null' }),
    categoryId: uuid('category_id').references(() => ticketTaxonomies.id, { onDelete: 'set null' }),
    channel: text('channel').notNull(),
    language: text('language').notNull().default('en'),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    /** The requester's organization when the ticket was created (SLA and routing match on it). */
    organizationId: uuid('organization_id'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    /** Optimistic concurrency: every change increments it; If-Match compares it. */
    version: integer('version').notNull().default(1),
    mergedIntoId: uuid('merged_into_id'),
    /** Highest message sequence number of the conversation (clients catch up after it). */
    lastSeq: integer('last_seq').notNull().default(0),
    messageCount: integer('message_count').notNull().default(0),
    firstResponseAt: ts('first_response_at'),
    lastCustomerMessageAt: ts('last_customer_message_at'),
    lastAgentReplyAt: ts('last_agent_reply_at'),
    lastMessageAt: ts('last_message_at'),
    assignedAt: ts('assigned_at'),
    solvedAt: ts('solved_at'),
    closedAt: ts('closed_at'),
    reopenedCount: integer('reopened_count').notNull().default(0),
    slaPolicyId: uuid('sla_policy_id'),
    /** Summary of the SLA clocks: none | ok | at_risk | breached | paused | met. */
    slaState: text('sla_state').notNull().default('none'),
    slaDueAt: ts('sla_due_at'),
    satisfaction: integer('satisfaction'),
    satisfactionComment: text('satisfaction_comment'),
    /** Subject + requester name/email, prepared by the search module (English stems, jieba words). */
    searchVector: tsvector('search_vector'),
    /**
     * What staff search: the ticket's own words (weight A) and every message's document (weight D,
     * notes included, in conversation order), appended in the statement that writes the message
     * (`conversation_append`, capped under tsvector's 1 MB limit; see ticket-search.ts).
     */
    conversationVector: tsvector('conversation_vector'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tickets_workspace_number').on(t.workspaceId, t.number),
    index('tickets_ws_updated').on(t.workspaceId, t.updatedAt, t.id),
    // The ticket list's priority order: the same expression as PRIORITY_ORDINAL in ticket-page.ts.
    index('tickets_ws_priority').on(
      t.workspaceId,
      sql`(case ${t.priority} when 'urgent' then 3 when 'high' then 2 when 'normal' then 1 else 0 end)`,
      t.updatedAt,
      t.id,
    ),
    index('tickets_ws_created').on(t.workspaceId, t.createdAt, t.id),
    index('tickets_ws_status_updated').on(t.workspaceId, t.status, t.updatedAt, t.id),
    index('tickets_ws_assignee_status').on(t.workspaceId, t.assigneeId, t.status),
    index('tickets_ws_team_status').on(t.workspaceId, t.teamId, t.status),
    index('tickets_ws_requester').on(t.workspaceId, t.requesterId, t.id),
    index('tickets_ws_sla_due').on(t.workspaceId, t.slaDueAt),
    index('tickets_tags').using('gin', t.tags),
    index('tickets_search').using('gin', t.searchVector),
    index('tickets_conversation_search').using('gin', t.conversationVector),
    index('tickets_subject_trgm').using('gin', sql`${t.subject} gin_trgm_ops`),
  ],
);

/** Customers who follow a ticket (CC) and staff who watch it. */
export const ticketFollowers = pgTable(
  'ticket_followers',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index('ticket_followers_user').on(t.workspaceId, t.userId)],
);

export type MessageKind = 'reply' | 'note' | 'event';
export type AuthorKind = 'customer' | 'agent' | 'bot' | 'system' | 'automation' | 'api';

/** The timeline: public replies, internal notes and system events. */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** Position in the conversation, 1.. without gaps: clients catch up after the last one they saw. */
    seq: integer('seq').notNull(),
    kind: text('kind').$type<MessageKind>().notNull(),
    authorKind: text('author_kind').$type<AuthorKind>().notNull(),
    authorId: uuid('author_id'),
    /** The API token that wrote it, when it came through the API. */
    viaTokenId: uuid('via_token_id'),
    channel: text('channel').notNull(),
    bodyHtml: text('body_html').notNull().default(''),
    bodyText: text('body_text').notNull().default(''),
    /** For kind 'event': what happened, e.g. { type: 'status_changed', from, to }. */
    event: jsonb('event').$type<Record<string, unknown>>(),
    mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
    /** Channel metadata: email Message-ID, external ids. */
    externalId: text('external_id'),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    deliveryState: text('delivery_state').notNull().default('sent'),
    /** Moved here from another ticket by a merge. */
    movedFromTicketId: uuid('moved_from_ticket_id'),
    searchVector: tsvector('search_vector'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_ticket_seq').on(t.ticketId, t.seq),
    index('messages_ws_ticket').on(t.workspaceId, t.ticketId, t.seq),
    index('messages_search').using('gin', t.searchVector),
    index('messages_external').on(t.workspaceId, t.externalId),
  ],
);

/**
 * Every column but the search vectors, which are written as SQL and never read back (a long
 * conversation's vector is hundreds of kilobytes): what every read and `returning` of a row uses.
 */
export const ticketColumns = (() => {
  const { searchVector: _search, conversationVector: _conversation, ...rest } = getTableColumns(tickets);
  return rest;
})();
export const messageColumns = (() => {
  const { searchVector: _search, ...rest } = getTableColumns(messages);
  return rest;
})();

/** Uploaded files. Bytes live in the storage backend under `storage_key` (content hash). */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    uploaderId: uuid('uploader_id'),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    /** Staged uploads not attached to a message within a day are removed. */
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('attachments_message').on(t.messageId), index('attachments_ticket').on(t.workspaceId, t.ticketId)],
);

/** Related tickets; one row per pair with ticket_a < ticket_b. */
export const ticketLinks = pgTable(
  'ticket_links',
  {
    workspaceId: uuid('workspace_id').notNull(),
    ticketA: uuid('ticket_a')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    ticketB: uuid('ticket_b')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketA, t.ticketB] }), index('ticket_links_b').on(t.ticketB)],
);

/** Remembered responses of POSTs carrying Idempotency-Key, per actor, for 24 h. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    workspaceId: uuid('workspace_id').notNull(),
    actorKey: text('actor_key').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.actorKey, t.key] }), index('idempotency_keys_created').on(t.createdAt)],
);

/** Replies an agent scheduled for later; a job sends them at `send_at`, surviving restarts. */
export const scheduledMessages = pgTable(
  'scheduled_messages',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').notNull(),
    kind: text('kind').$type<'reply' | 'note'>().notNull(),
    bodyHtml: text('body_html').notNull(),
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Status to set when it is sent (e.g. pending), as the agent chose. */
    thenStatus: text('then_status'),
    sendAt: ts('send_at').notNull(),
    state: text('state').$type<'scheduled' | 'sent' | 'cancelled' | 'failed'>().notNull().default('scheduled'),
    messageId: uuid('message_id'),
    error: text('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('scheduled_messages_ticket').on(t.workspaceId, t.ticketId), index('scheduled_messages_due').on(t.state, t.sendAt)],
);

/** Saved views: owner null = shared with the workspace. */
export const views = pgTable(
  'views',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull().default({}),
    sort: text('sort').notNull().default('updated_desc'),
    position: integer('position').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('views_ws_owner').on(t.workspaceId, t.ownerId)],
);

/** Macros and canned responses: owner null = shared. */
export const macros = pgTable(
  'macros',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    actions: jsonb('actions').$type<Array<Record<string, unknown>>>().notNull().default([]),
    usageCount: integer('usage_count').notNull().default(0),
    lastUsedAt: ts('last_used_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('macros_ws_owner').on(t.workspaceId, t.ownerId)],
);
