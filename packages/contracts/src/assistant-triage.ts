import { z } from 'zod';

/**
 * Auto-triage (issue #7): suggested category, priority, team and language of a new ticket with
 * confidences. Above a field's threshold the bot applies the value; below, agents see a one-click
 * suggestion. See docs/assistant.md "Auto-triage".
 */

export const TRIAGE_FIELDS = ['category', 'priority', 'team', 'language'] as const;
export type TriageField = (typeof TRIAGE_FIELDS)[number];
export const TriageFieldSchema = z.enum(TRIAGE_FIELDS);

/** applied: the bot set it; suggested: waiting for an agent; accepted/dismissed: an agent decided; corrected: an agent changed it. */
export const TRIAGE_STATES = ['applied', 'suggested', 'accepted', 'dismissed', 'corrected'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

const Threshold = z.number().min(0).max(1);

export const TriageSuggestionSchema = z
  .object({
    field: TriageFieldSchema,
    /** category/team: an id; priority: low|normal|high|urgent; language: a language tag. */
    value: z.string(),
    /** Display name of the category or team, when there is one. */
    label: z.string().nullable(),
    confidence: z.number(),
    state: z.enum(TRIAGE_STATES),
    /** What the agent set instead (state `corrected`). */
    correctedValue: z.string().nullable(),
    modelVersion: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'TriageSuggestion' });
export type TriageSuggestion = z.infer<typeof TriageSuggestionSchema>;

export const TicketTriageSchema = z
  .object({
    ticketId: z.uuid(),
    /** One entry per field the triage had an opinion on; fields with too little data are absent. */
    suggestions: z.array(TriageSuggestionSchema),
  })
  .meta({ id: 'TicketTriage' });
export type TicketTriage = z.infer<typeof TicketTriageSchema>;

export const TriageFieldBodySchema = z.object({ field: TriageFieldSchema }).meta({ id: 'TriageFieldBody' });
export type TriageFieldBody = z.infer<typeof TriageFieldBodySchema>;

export const TriageSettingsBodySchema = z
  .object({
    enabled: z.boolean(),
    /** Confidence at or above which the bot applies a field's value; below it is only suggested. */
    thresholds: z.object({ category: Threshold, priority: Threshold, team: Threshold, language: Threshold }),
    /** Agent corrections that trigger a retraining. */
    retrainAfterCorrections: z.number().int().min(1).max(10_000),
  })
  .meta({ id: 'TriageSettingsBody' });
export type TriageSettingsBody = z.infer<typeof TriageSettingsBodySchema>;

export const TriageModelInfoSchema = z.object({
  field: z.enum(['category', 'team', 'priority']),
  version: z.number().int(),
  /** null: too little data (fewer than the minimum examples or classes), nothing is suggested. */
  labels: z.number().int().nullable(),
  examples: z.number().int(),
  trainedAt: z.string(),
});
export type TriageModelInfo = z.infer<typeof TriageModelInfoSchema>;

export const TriageSettingsSchema = TriageSettingsBodySchema.extend({
  source: z.enum(['default', 'saved']),
  updatedAt: z.string().nullable(),
  /** Corrections since the last training. */
  pendingCorrections: z.number().int(),
  models: z.array(TriageModelInfoSchema),
}).meta({ id: 'TriageSettings' });
export type TriageSettings = z.infer<typeof TriageSettingsSchema>;

export const TriageRetrainResultSchema = z.object({ queued: z.literal(true) }).meta({ id: 'TriageRetrainResult' });
