import { z } from 'zod';
import { EmailSchema } from './auth.js';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TicketStatusSchema = z.enum(TICKET_STATUSES);

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TicketPrioritySchema = z.enum(TICKET_PRIORITIES);

/** Where a conversation came from. Messaging apps share `messaging` with the app in message meta. */
export const CHANNELS = ['portal', 'email', 'web_chat', 'api', 'phone', 'messaging', 'agent'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ChannelSchema = z.enum(CHANNELS);

export const SLA_STATES = ['none', 'ok', 'at_risk', 'breached', 'paused', 'met'] as const;
export const SlaStateSchema = z.enum(SLA_STATES);

export const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(60)
  .regex(/^[^\s,]+$/u, { message: 'Tags cannot contain spaces or commas' });

/** Conversation languages: any BCP 47-ish tag; the UI locales are a subset. */
export const LanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'Use a language tag such as en or zh-CN' })
  .max(35);

export const CustomFieldValueSchema = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(200)).max(100),
  z.null(),
]);
export const CustomFieldValuesSchema = z.record(z.string().max(60), CustomFieldValueSchema);

const Iso = z.string();

export const UserRefSchema = z
  .object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), kind: z.enum(['customer', 'agent', 'bot', 'system']) })
  .meta({ id: 'UserRef' });

export const SlaClockSchema = z.object({
  metric: z.enum(['first_response', 'next_response', 'resolution']),
  targetMinutes: z.number().int(),
  state: z.enum(['running', 'paused', 'met', 'breached']),
  dueAt: Iso.nullable(),
  breachedAt: Iso.nullable(),
  completedAt: Iso.nullable(),
});

export const TicketSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    subject: z.string(),
    status: TicketStatusSchema,
    priority: TicketPrioritySchema,
    typeId: z.uuid().nullable(),
    categoryId: z.uuid().nullable(),
    channel: ChannelSchema,
    language: z.string(),
    requester: UserRefSchema,
    organizationId: z.uuid().nullable(),
    assigneeId: z.uuid().nullable(),
    teamId: z.uuid().nullable(),
    tags: z.array(z.string()),
    customFields: CustomFieldValuesSchema,
    followerIds: z.array(z.uuid()),
    version: z.number().int(),
    mergedIntoId: z.uuid().nullable(),
    sla: z.object({ state: SlaStateSchema, dueAt: Iso.nullable(), policyId: z.uuid().nullable(), clocks: z.array(SlaClockSchema) }),
    messageCount: z.number().int(),
    lastSeq: z.number().int(),
    firstResponseAt: Iso.nullable(),
    lastMessageAt: Iso.nullable(),
    solvedAt: Iso.nullable(),
    closedAt: Iso.nullable(),
    reopenedCount: z.number().int(),
    satisfaction: z.number().int().nullable(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof TicketSchema>;

/** What a customer sees: no team, tags, SLA, internal fields or internal ids of staff. */
export const CustomerTicketSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    subject: z.string(),
    status: TicketStatusSchema,
    categoryId: z.uuid().nullable(),
    channel: ChannelSchema,
    requester: z.object({ id: z.uuid(), name: z.string() }),
    assigneeName: z.string().nullable(),
    customFields: CustomFieldValuesSchema,
    following: z.boolean(),
    mergedIntoNumber: z.number().int().nullable(),
    lastSeq: z.number().int(),
    satisfaction: z.number().int().nullable(),
    satisfactionComment: z.string().nullable(),
    solvedAt: Iso.nullable(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'CustomerTicket' });

export const AttachmentSchema = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    url: z.string(),
    previewable: z.boolean(),
    createdAt: Iso,
  })
  .meta({ id: 'Attachment' });

/** The assistant's briefing when it handed a chat to people (the pinned note's structured fields). */
export const AssistantHandoffSchema = z
  .object({
    reason: z.string(),
    /** The handoff rule that fired, if one did. */
    rule: z.string().nullable(),
    /** Detected language code and the locale the bot replied in. */
    language: z.string(),
    locale: z.string(),
    intent: z.string().nullable(),
    sentiment: z.object({
      label: z.enum(['negative', 'neutral', 'positive']),
      negative: z.number(),
      frustration: z.enum(['none', 'low', 'medium', 'high']),
    }),
    summary: z.array(z.string()),
    summarySource: z.enum(['model', 'extractive']),
  })
  .meta({ id: 'AssistantHandoff' });
export type AssistantHandoff = z.infer<typeof AssistantHandoffSchema>;

export const MessageSchema = z
  .object({
    id: z.uuid(),
    ticketId: z.uuid(),
    seq: z.number().int(),
    kind: z.enum(['reply', 'note', 'event']),
    author: UserRefSchema.nullable(),
    authorKind: z.enum(['customer', 'agent', 'bot', 'system', 'automation', 'api']),
    channel: z.string(),
    bodyHtml: z.string(),
    bodyText: z.string(),
    event: z.record(z.string(), z.unknown()).nullable(),
    mentions: z.array(z.uuid()),
    attachments: z.array(AttachmentSchema),
    deliveryState: z.string(),
    /** Staff only: shown above the timeline (the assistant's handoff note). False for customers. */
    pinned: z.boolean(),
    /** Staff only: the structured handoff briefing of the assistant's note; null otherwise and for customers. */
    assistantHandoff: AssistantHandoffSchema.nullable(),
    createdAt: Iso,
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof MessageSchema>;

const Body = {
  bodyHtml: z.string().max(500_000).optional(),
  bodyText: z.string().max(200_000).optional(),
};

export const CreateTicketBodySchema = z.object({
  subject: z.string().trim().min(1).max(250),
  ...Body,
  /** Staff only: an existing customer, or one found/created by email. Customers are always their own requester. */
  requesterId: z.uuid().optional(),
  requester: z.object({ email: EmailSchema, name: z.string().trim().min(1).max(120).optional() }).optional(),
  priority: TicketPrioritySchema.optional(),
  status: z.enum(['new', 'open', 'pending', 'on_hold', 'solved']).optional(),
  typeId: z.uuid().nullable().optional(),
  categoryId: z.uuid().nullable().optional(),
  channel: ChannelSchema.optional(),
  language: LanguageSchema.optional(),
  assigneeId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  tags: z.array(TagSchema).max(50).optional(),
  customFields: CustomFieldValuesSchema.optional(),
  followerIds: z.array(z.uuid()).max(50).optional(),
  attachmentIds: z.array(z.uuid()).max(20).optional(),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBodySchema>;

export const TicketChangesSchema = z.object({
  subject: z.string().trim().min(1).max(250).optional(),
  status: TicketStatusSchema.optional(),
  priority: TicketPrioritySchema.optional(),
  typeId: z.uuid().nullable().optional(),
  categoryId: z.uuid().nullable().optional(),
  language: LanguageSchema.optional(),
  assigneeId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  tags: z.array(TagSchema).max(50).optional(),
  addTags: z.array(TagSchema).max(50).optional(),
  removeTags: z.array(TagSchema).max(50).optional(),
  customFields: CustomFieldValuesSchema.optional(),
  followerIds: z.array(z.uuid()).max(50).optional(),
});
export type TicketChanges = z.infer<typeof TicketChangesSchema>;

export const UpdateTicketBodySchema = TicketChangesSchema.extend({
  /** Alternative to the If-Match header: the version you edited. */
  version: z.number().int().positive().optional(),
});

export const BulkUpdateBodySchema = z.object({
  ids: z.array(z.uuid()).min(1).max(500),
  changes: TicketChangesSchema.omit({ subject: true }),
});
export const BulkUpdateResultSchema = z.object({
  updated: z.array(z.uuid()),
  failed: z.array(z.object({ id: z.uuid(), code: z.string(), detail: z.string() })),
});

export const CreateMessageBodySchema = z.object({
  kind: z.enum(['reply', 'note']).default('reply'),
  ...Body,
  attachmentIds: z.array(z.uuid()).max(20).optional(),
  /** Set the ticket status in the same action ("submit as pending"). */
  status: TicketStatusSchema.optional(),
  /** Schedule instead of sending now (staff only). */
  sendAt: z.iso.datetime({ offset: true }).optional(),
  /** The ticket's lastSeq when the agent opened it: a newer public message gives 409 ticket.new_activity unless force. */
  seenSeq: z.number().int().min(0).optional(),
  force: z.boolean().optional(),
});

export const ListMessagesQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const SORTS = ['updated_desc', 'updated_asc', 'created_desc', 'created_asc', 'priority_desc', 'sla_due_asc', 'number_desc'] as const;
export const TicketSortSchema = z.enum(SORTS);

const DateRange = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });

/** The filter language of views and the ticket list. Arrays are ORed within a field, fields are ANDed. */
export const TicketFiltersSchema = z
  .object({
    status: z.array(TicketStatusSchema).optional(),
    priority: z.array(TicketPrioritySchema).optional(),
    channel: z.array(ChannelSchema).optional(),
    /** 'me', 'unassigned' or user ids. */
    assignee: z.array(z.union([z.literal('me'), z.literal('unassigned'), z.uuid()])).optional(),
    /** 'mine' (my teams), 'none' or team ids. */
    team: z.array(z.union([z.literal('mine'), z.literal('none'), z.uuid()])).optional(),
    tags: z.array(TagSchema).optional(),
    tagsMode: z.enum(['any', 'all']).optional(),
    excludeTags: z.array(TagSchema).optional(),
    sla: z.array(SlaStateSchema).optional(),
    language: z.array(z.string().max(35)).optional(),
    categoryId: z.array(z.uuid()).optional(),
    typeId: z.array(z.uuid()).optional(),
    requesterId: z.array(z.uuid()).optional(),
    organizationId: z.array(z.uuid()).optional(),
    created: DateRange.optional(),
    updated: DateRange.optional(),
    /** Custom field key → accepted values (any of). */
    customFields: z.record(z.string().max(60), z.array(z.union([z.string().max(200), z.number(), z.boolean()])).min(1)).optional(),
  })
  .meta({ id: 'TicketFilters' });
export type TicketFilters = z.infer<typeof TicketFiltersSchema>;

export const TicketListItemSchema = TicketSchema.omit({ followerIds: true }).extend({
  snippet: z.string().nullable(),
});

export const TicketPageSchema = z.object({ items: z.array(TicketListItemSchema), nextCursor: z.string().nullable() });

export const ViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    shared: z.boolean(),
    ownerId: z.uuid().nullable(),
    filters: TicketFiltersSchema,
    sort: TicketSortSchema,
    position: z.number().int(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'View' });

export const CreateViewBodySchema = z.object({
  name: z.string().trim().min(1).max(80),
  shared: z.boolean().default(false),
  filters: TicketFiltersSchema,
  sort: TicketSortSchema.default('updated_desc'),
  position: z.number().int().min(0).max(10_000).optional(),
});
/** Spelled out rather than `.partial()`: a partial keeps the defaults, and a rename would silently unshare the view. */
export const UpdateViewBodySchema = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  shared: z.boolean().optional(),
  filters: TicketFiltersSchema.optional(),
  sort: TicketSortSchema.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

/** The ticket list as a customer sees it (portal "my requests" and search). */
export const CustomerTicketPageSchema = z
  .object({ items: z.array(CustomerTicketSchema.extend({ snippet: z.string().nullable() })), nextCursor: z.string().nullable() })
  .meta({ id: 'CustomerTicketPage' });

/** Tickets per view; counting stops at `VIEW_COUNT_CAP` (then `capped` is true and the UI shows "10,000+"). */
export const VIEW_COUNT_CAP = 10_000;
/** Counts per saved view id, plus the built-in views every agent has: `mine`, `unassigned`, `all` (unsolved tickets). */
export const ViewCountsSchema = z.record(z.string(), z.object({ count: z.number().int(), capped: z.boolean() }));
