import { z } from 'zod';
import { CustomFieldValueSchema, TagSchema, TicketPrioritySchema, TicketStatusSchema } from './tickets.js';

const Iso = z.string();
const MacroBody = z.string().trim().min(1).max(100_000);

/** What a macro does, as data. Field actions go through the normal change pipeline; reply/note through the message path. */
export const MacroActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('set_status'), value: TicketStatusSchema }),
    z.object({ type: z.literal('set_priority'), value: TicketPrioritySchema }),
    z.object({ type: z.literal('set_type'), value: z.uuid().nullable() }),
    z.object({ type: z.literal('set_category'), value: z.uuid().nullable() }),
    z.object({ type: z.literal('assign_team'), value: z.uuid().nullable() }),
    /** 'me' = the agent applying the macro. */
    z.object({ type: z.literal('assign_agent'), value: z.union([z.uuid(), z.literal('me')]).nullable() }),
    z.object({ type: z.literal('add_tags'), value: z.array(TagSchema).min(1).max(50) }),
    z.object({ type: z.literal('remove_tags'), value: z.array(TagSchema).min(1).max(50) }),
    z.object({ type: z.literal('set_custom_field'), value: z.object({ key: z.string().min(1).max(60), value: CustomFieldValueSchema }) }),
    z.object({ type: z.literal('reply'), bodyHtml: MacroBody }),
    z.object({ type: z.literal('note'), bodyHtml: MacroBody }),
  ])
  .meta({ id: 'MacroAction' });
export type MacroAction = z.infer<typeof MacroActionSchema>;

/** Field actions that may appear once; tags and custom fields may repeat. */
const SINGLE = new Set(['set_status', 'set_priority', 'set_type', 'set_category', 'assign_team', 'assign_agent']);

export const MacroActionsSchema = z
  .array(MacroActionSchema)
  .min(1)
  .max(30)
  .superRefine((actions, ctx) => {
    const messages = actions.filter((a) => a.type === 'reply' || a.type === 'note');
    if (messages.length > 1) ctx.addIssue({ code: 'custom', message: 'A macro adds at most one reply or note', path: [] });
    const seen = new Set<string>();
    actions.forEach((a, i) => {
      if (SINGLE.has(a.type) && seen.has(a.type)) ctx.addIssue({ code: 'custom', message: `${a.type} appears twice`, path: [i] });
      seen.add(a.type);
    });
  });

export const MacroSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    /** Shared macros belong to the workspace; personal ones to `ownerId`. */
    shared: z.boolean(),
    ownerId: z.uuid().nullable(),
    actions: z.array(MacroActionSchema),
    usageCount: z.number().int(),
    lastUsedAt: Iso.nullable(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'Macro' });
export type Macro = z.infer<typeof MacroSchema>;

export const CreateMacroBodySchema = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).nullable().optional(),
  shared: z.boolean().default(false),
  actions: MacroActionsSchema,
});
export const UpdateMacroBodySchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(500).nullable().optional(),
  shared: z.boolean().optional(),
  actions: MacroActionsSchema.optional(),
});

/** The field changes a macro would make, in the shape of a ticket update. */
export const MacroChangesSchema = z.object({
  status: TicketStatusSchema.optional(),
  priority: TicketPrioritySchema.optional(),
  typeId: z.uuid().nullable().optional(),
  categoryId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
  addTags: z.array(z.string()).optional(),
  removeTags: z.array(z.string()).optional(),
  customFields: z.record(z.string(), CustomFieldValueSchema).optional(),
});

export const MacroPreviewSchema = z
  .object({
    /** The reply or note with placeholders filled in, ready for the composer. */
    message: z.object({ kind: z.enum(['reply', 'note']), bodyHtml: z.string(), bodyText: z.string() }).nullable(),
    changes: MacroChangesSchema,
    /** Placeholders the server does not know; they are left visible in the text. */
    unknownPlaceholders: z.array(z.string()),
  })
  .meta({ id: 'MacroPreview' });

export const MergeBodySchema = z.object({
  targetId: z.uuid(),
  /** An internal note written on the target explaining the merge. */
  note: z.string().trim().min(1).max(10_000).optional(),
});

export const LinkBodySchema = z.object({ otherId: z.uuid() });

export const LinkedTicketSchema = z
  .object({ id: z.uuid(), number: z.number().int(), subject: z.string(), status: TicketStatusSchema })
  .meta({ id: 'LinkedTicket' });

export const SplitBodySchema = z.object({
  messageId: z.uuid(),
  subject: z.string().trim().min(1).max(250),
});

export const SCHEDULED_STATES = ['scheduled', 'sent', 'cancelled', 'failed'] as const;

export const ScheduledMessageSchema = z
  .object({
    id: z.uuid(),
    ticketId: z.uuid(),
    authorId: z.uuid(),
    kind: z.enum(['reply', 'note']),
    bodyHtml: z.string(),
    attachmentIds: z.array(z.uuid()),
    /** Status set when it is sent. */
    thenStatus: TicketStatusSchema.nullable(),
    sendAt: Iso,
    state: z.enum(SCHEDULED_STATES),
    messageId: z.uuid().nullable(),
    error: z.string().nullable(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'ScheduledMessage' });
export type ScheduledMessage = z.infer<typeof ScheduledMessageSchema>;
