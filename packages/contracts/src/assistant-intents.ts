import { z } from 'zod';

/**
 * Admin-defined intents of the chat assistant: a name, example phrases per locale and a switch.
 * A per-workspace classifier is trained from the enabled ones; the chat seat labels each visitor
 * turn with it (handoff rules of kind `intent` and flow triggers naming an intent use the label).
 */

const Phrase = z.string().trim().min(1).max(200);

export const IntentNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,59}$/, 'Lowercase letters, digits and _, starting with a letter');

export const IntentBodySchema = z
  .object({
    name: IntentNameSchema,
    description: z.string().trim().max(500).default(''),
    /** Example phrases per locale; at least one phrase in all. */
    examples: z
      .object({ en: z.array(Phrase).max(200).default([]), 'zh-CN': z.array(Phrase).max(200).default([]) })
      .refine((e) => e.en.length + e['zh-CN'].length > 0, { message: 'Give at least one example phrase' }),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'AssistantIntentBody' });
export type IntentBody = z.infer<typeof IntentBodySchema>;

export const IntentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    examples: z.object({ en: z.array(z.string()), 'zh-CN': z.array(z.string()) }),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AssistantIntent' });
export type Intent = z.infer<typeof IntentSchema>;

export const IntentListSchema = z
  .object({
    items: z.array(IntentSchema),
    /** Whether the enabled intents train a classifier (it needs two with examples). */
    classifierReady: z.boolean(),
  })
  .meta({ id: 'AssistantIntentList' });
export type IntentList = z.infer<typeof IntentListSchema>;
