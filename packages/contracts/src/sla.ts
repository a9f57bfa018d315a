import { z } from 'zod';
import { ChannelSchema, TicketPrioritySchema } from './tickets.js';

const Iso = z.string();

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/**
 * One weekly opening interval in the calendar's local time: weekday 1=Monday..7=Sunday,
 * 'HH:MM' 24h ('24:00' allowed as an end). Ranges and overlaps are checked by the server,
 * which answers `calendar.invalid` with one field error per problem.
 */
export const OpeningHoursSchema = z.object({
  weekday: z.number().int(),
  start: z.string().max(5),
  end: z.string().max(5),
});

const calendarFields = {
  name: z.string().trim().min(1).max(120),
  /** IANA time zone, e.g. Europe/Berlin. */
  timezone: z.string().trim().min(1).max(64),
  hours: z.array(OpeningHoursSchema).max(100),
  /** Local dates 'YYYY-MM-DD' closed all day. */
  holidays: z.array(z.string().max(10)).max(1000),
};

export const BusinessCalendarSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timezone: z.string(),
    hours: z.array(OpeningHoursSchema),
    holidays: z.array(z.string()),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'BusinessCalendar' });

export const CreateBusinessCalendarBodySchema = z.object({ ...calendarFields, holidays: calendarFields.holidays.optional() });
export const UpdateBusinessCalendarBodySchema = z.object(calendarFields).partial();

/** Every list given must contain the ticket's value; absent or empty lists match anything. */
export const SlaConditionsSchema = z.object({
  priorities: z.array(TicketPrioritySchema).max(4).optional(),
  organizationIds: z.array(z.uuid()).max(500).optional(),
  channels: z.array(ChannelSchema).max(20).optional(),
});

/** A target in business minutes (at most a year of them); null = not measured. */
const TargetSchema = z.number().int().min(1).max(525_600).nullable();

export const SlaPolicySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number().int(),
    enabled: z.boolean(),
    conditions: SlaConditionsSchema,
    /** null = measured around the clock (24x7). */
    calendarId: z.uuid().nullable(),
    firstResponseMinutes: z.number().int().nullable(),
    nextResponseMinutes: z.number().int().nullable(),
    resolutionMinutes: z.number().int().nullable(),
    warnBeforeMinutes: z.number().int(),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'SlaPolicy' });

export const CreateSlaPolicyBodySchema = z.object({
  name: z.string().trim().min(1).max(120),
  /** Lower comes first; the first enabled policy whose conditions match applies. Default: last. */
  position: z.number().int().min(0).max(100_000).optional(),
  enabled: z.boolean().optional(),
  conditions: SlaConditionsSchema.optional(),
  calendarId: z.uuid().nullable().optional(),
  firstResponseMinutes: TargetSchema.optional(),
  nextResponseMinutes: TargetSchema.optional(),
  resolutionMinutes: TargetSchema.optional(),
  /** Warn this many business minutes before a breach (default 15). */
  warnBeforeMinutes: z.number().int().min(0).max(10_080).optional(),
});
export const UpdateSlaPolicyBodySchema = CreateSlaPolicyBodySchema.partial();

export type BusinessCalendarDto = z.infer<typeof BusinessCalendarSchema>;
export type CreateBusinessCalendarBody = z.infer<typeof CreateBusinessCalendarBodySchema>;
export type UpdateBusinessCalendarBody = z.infer<typeof UpdateBusinessCalendarBodySchema>;
export type SlaConditions = z.infer<typeof SlaConditionsSchema>;
export type SlaPolicyDto = z.infer<typeof SlaPolicySchema>;
export type CreateSlaPolicyBody = z.infer<typeof CreateSlaPolicyBodySchema>;
export type UpdateSlaPolicyBody = z.infer<typeof UpdateSlaPolicyBodySchema>;
