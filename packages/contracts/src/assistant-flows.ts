import { z } from 'zod';

/**
 * Admin-defined assistant behaviour (issue 7): Q&A pairs, flows (slot filling → HTTPS action →
 * branch → answer / ticket / handoff) and handoff rules. See docs/assistant.md.
 */

const Name = z.string().trim().min(1).max(120);
const Phrase = z.string().trim().min(1).max(200);
const StepId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Lowercase letters, digits, _ and -')
  .describe('Step id, unique in its flow');
const SlotName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lowercase letters, digits and _');
const Template = z.string().min(1).max(2000);
const Locale = z.enum(['en', 'zh-CN']);

// ---- Q&A pairs ----

export const QaPairBodySchema = z
  .object({
    locale: Locale,
    /** Ways customers ask it; each is matched like a KB passage. */
    questions: z.array(Phrase).min(1).max(30),
    answer: z.string().trim().min(1).max(4000),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'QaPairBody' });
export type QaPairBody = z.infer<typeof QaPairBodySchema>;

export const QaPairSchema = QaPairBodySchema.extend({
  id: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'QaPair' });
export type QaPair = z.infer<typeof QaPairSchema>;

// ---- flows ----

export const FLOW_ENTITY_TYPES = ['email', 'order_number', 'date', 'money', 'phone'] as const;

export const SlotValidationSchema = z.union([
  z.object({ entity: z.enum(FLOW_ENTITY_TYPES) }),
  z.object({
    regex: z.string().min(1).max(300),
    flags: z
      .string()
      .regex(/^[iu]*$/)
      .optional(),
  }),
]);

export const FlowConditionSchema = z.object({
  /** Dotted path into `{ status, body }` of the last action result, e.g. `body.order.status`. */
  path: z.string().min(1).max(200),
  op: z.enum(['eq', 'neq', 'exists', 'missing', 'gt', 'lt', 'contains']),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  next: StepId,
});

const Ask = z.object({
  id: StepId,
  type: z.literal('ask'),
  slot: SlotName,
  /** `{{slots.x}}` and `{{result.body.y}}` are filled in. */
  prompt: Template,
  validate: SlotValidationSchema,
  /** Said before re-asking when the answer does not validate. */
  invalid: Template.optional(),
  next: StepId,
});
const Action = z.object({
  id: StepId,
  type: z.literal('action'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  /** https URL; `{{slots.x}}` placeholders are URL-encoded. */
  url: z.string().min(8).max(2000),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(2000)).default({}),
  /** JSON body; strings get templates filled (a string that is only `{{slots.x}}` becomes the value). */
  body: z.unknown().optional(),
  timeoutMs: z.number().int().min(100).max(30_000).default(5000),
  next: StepId,
  /** Where to go when the call fails (refused, timeout, network); without it the chat is handed off. */
  onError: StepId.optional(),
});
const Branch = z.object({
  id: StepId,
  type: z.literal('branch'),
  conditions: z.array(FlowConditionSchema).min(1).max(20),
  otherwise: StepId,
});
const Answer = z.object({ id: StepId, type: z.literal('answer'), text: Template, next: StepId.optional() });
const Ticket = z.object({
  id: StepId,
  type: z.literal('ticket'),
  /** Ticket subject (template); the chat becomes a ticket for the team, the visitor is told so. */
  subject: z.string().min(1).max(200),
  text: Template,
});
const Handoff = z.object({
  id: StepId,
  type: z.literal('handoff'),
  reason: z.string().min(1).max(200),
  teamId: z.uuid().nullable().default(null),
});

export const FlowStepSchema = z.discriminatedUnion('type', [Ask, Action, Branch, Answer, Ticket, Handoff]);
export type FlowStep = z.infer<typeof FlowStepSchema>;

export const FlowTriggerSchema = z
  .object({
    /** Intent name and phrases that express it (matched like KB passages; also usable by handoff rules). */
    intent: z
      .object({ name: z.string().trim().min(1).max(60), examples: z.array(Phrase).min(1).max(50) })
      .nullable()
      .default(null),
    /** Whole-word phrases that start the flow. */
    keywords: z.array(Phrase).max(50).default([]),
    /** Q&A pairs whose match starts the flow instead of answering. */
    qaIds: z.array(z.uuid()).max(20).default([]),
  })
  .refine((t) => t.intent || t.keywords.length || t.qaIds.length, { message: 'A flow needs at least one trigger' });

export const FlowBodySchema = z
  .object({
    name: Name,
    enabled: z.boolean().default(true),
    trigger: FlowTriggerSchema,
    start: StepId,
    steps: z.array(FlowStepSchema).min(1).max(50),
  })
  .meta({ id: 'FlowBody' });
export type FlowBody = z.infer<typeof FlowBodySchema>;

export const FlowSchema = FlowBodySchema.extend({ id: z.uuid(), createdAt: z.string(), updatedAt: z.string() }).meta({ id: 'Flow' });
export type Flow = z.infer<typeof FlowSchema>;

export const FlowSettingsSchema = z
  .object({
    /**
     * Hosts (name or IP literal, no port) that flow actions may call over plain http and on
     * private addresses. For development only; everything else must be public https.
     */
    actionAllowHosts: z.array(z.string().trim().toLowerCase().min(1).max(253)).max(20),
  })
  .meta({ id: 'FlowSettings' });
export type FlowSettings = z.infer<typeof FlowSettingsSchema>;

// ---- handoff rules ----

export const HandoffConditionSchema = z.discriminatedUnion('kind', [
  /** An explicit request for a person: the built-in phrases (if `builtin`) + these + the settings' keywords. */
  z.object({ kind: z.literal('human_request'), builtin: z.boolean().default(true), phrases: z.array(Phrase).max(50).default([]) }),
  /** N consecutive turns without an answer (`count` null = the settings' maxFailedTurns). */
  z.object({ kind: z.literal('failed_turns'), count: z.number().int().min(1).max(10).nullable().default(null) }),
  /** Frustration at or above a level, or negative sentiment at or above a probability. */
  z.object({
    kind: z.literal('sentiment'),
    frustration: z.enum(['low', 'medium', 'high']).nullable().default(null),
    minNegative: z.number().min(0).max(1).nullable().default(null),
  }),
  /** The message matches one of these intents (flow trigger intents). */
  z.object({ kind: z.literal('intent'), intents: z.array(z.string().trim().min(1).max(60)).min(1).max(50) }),
  /** The customer belongs to one of these organizations. */
  z.object({ kind: z.literal('organization'), organizationIds: z.array(z.uuid()).min(1).max(100) }),
]);
export type HandoffCondition = z.infer<typeof HandoffConditionSchema>;

export const HandoffRuleBodySchema = z
  .object({
    name: Name,
    enabled: z.boolean().default(true),
    /** Lower first; the first enabled rule that matches fires. */
    position: z.number().int().min(0).max(10_000).default(100),
    condition: HandoffConditionSchema,
    /** Team queue to route to; null = the channel's team. Outside business hours the chat module's leave-a-message path takes over. */
    teamId: z.uuid().nullable().default(null),
  })
  .meta({ id: 'HandoffRuleBody' });
export type HandoffRuleBody = z.infer<typeof HandoffRuleBodySchema>;

export const HandoffRuleSchema = HandoffRuleBodySchema.extend({ id: z.uuid(), createdAt: z.string(), updatedAt: z.string() }).meta({
  id: 'HandoffRule',
});
export type HandoffRule = z.infer<typeof HandoffRuleSchema>;

export const AssistantIdParamsSchema = z.object({ id: z.uuid() });
