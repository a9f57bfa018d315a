import type { BusinessCalendar, CreateCalendarBody, CreateSlaPolicyBody, SlaPolicy } from '../../../api/admin-config.api';
import type { TicketPriority } from '../../../api/types';

export const SLA_TARGETS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];
export type TargetUnit = 'minutes' | 'hours';

/** The clock (and its translated name) each target sets. */
export const METRIC_OF: Record<SlaTarget, 'first_response' | 'next_response' | 'resolution'> = {
  firstResponseMinutes: 'first_response',
  nextResponseMinutes: 'next_response',
  resolutionMinutes: 'resolution',
};

/** A target as typed: an amount in minutes or hours; '' = not measured. */
export interface TargetDraft {
  amount: number | '';
  unit: TargetUnit;
}

export interface PolicyDraft {
  name: string;
  enabled: boolean;
  priorities: TicketPriority[];
  channels: string[];
  organizationIds: string[];
  /** '' = around the clock (24x7). */
  calendarId: string;
  targets: Record<SlaTarget, TargetDraft>;
  warnBeforeMinutes: number | '';
}

/** Whole hours are shown as hours, anything else as minutes. */
export function targetFromMinutes(minutes: number | null): TargetDraft {
  if (minutes === null) return { amount: '', unit: 'hours' };
  return minutes % 60 === 0 ? { amount: minutes / 60, unit: 'hours' } : { amount: minutes, unit: 'minutes' };
}

export function targetToMinutes(target: TargetDraft): number | null {
  if (target.amount === '' || target.amount <= 0) return null;
  return Math.round(target.unit === 'hours' ? target.amount * 60 : target.amount);
}

export function policyDraft(policy: SlaPolicy | null): PolicyDraft {
  return {
    name: policy?.name ?? '',
    enabled: policy?.enabled ?? true,
    priorities: policy?.conditions.priorities ?? [],
    channels: policy?.conditions.channels ?? [],
    organizationIds: policy?.conditions.organizationIds ?? [],
    calendarId: policy?.calendarId ?? '',
    targets: {
      firstResponseMinutes: targetFromMinutes(policy?.firstResponseMinutes ?? null),
      nextResponseMinutes: targetFromMinutes(policy?.nextResponseMinutes ?? null),
      resolutionMinutes: targetFromMinutes(policy?.resolutionMinutes ?? null),
    },
    warnBeforeMinutes: policy?.warnBeforeMinutes ?? 15,
  };
}

/**
 * The request body for create and update alike. Empty condition lists are left out (they match
 * everything); every target is sent, null meaning "not measured", so clearing one sticks.
 */
export function policyBody(draft: PolicyDraft): CreateSlaPolicyBody {
  const conditions: NonNullable<CreateSlaPolicyBody['conditions']> = {};
  if (draft.priorities.length) conditions.priorities = draft.priorities;
  if (draft.channels.length) conditions.channels = draft.channels as NonNullable<typeof conditions.channels>;
  if (draft.organizationIds.length) conditions.organizationIds = draft.organizationIds;
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    conditions,
    calendarId: draft.calendarId || null,
    firstResponseMinutes: targetToMinutes(draft.targets.firstResponseMinutes),
    nextResponseMinutes: targetToMinutes(draft.targets.nextResponseMinutes),
    resolutionMinutes: targetToMinutes(draft.targets.resolutionMinutes),
    ...(draft.warnBeforeMinutes === '' ? {} : { warnBeforeMinutes: draft.warnBeforeMinutes }),
  };
}

export function hasTarget(draft: PolicyDraft): boolean {
  return SLA_TARGETS.some((key) => targetToMinutes(draft.targets[key]) !== null);
}

// ---- business-hours calendars ----

export type OpeningHours = BusinessCalendar['hours'][number];

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isTime(value: string): boolean {
  return TIME.test(value);
}

export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  // Round-trip through Date: 2026-02-30 would silently become March 2nd.
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Monday to Friday, 09:00–17:00: where most calendars start. */
export function officeHours(): OpeningHours[] {
  return [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
}

export interface CalendarDraft {
  name: string;
  timezone: string;
  hours: OpeningHours[];
  holidays: string[];
}

export function calendarDraft(calendar: BusinessCalendar | null, defaultZone: string): CalendarDraft {
  return {
    name: calendar?.name ?? '',
    timezone: calendar?.timezone ?? defaultZone,
    hours: calendar?.hours ?? officeHours(),
    holidays: calendar?.holidays ?? [],
  };
}

/** Hours in the order typed, so the server's `hours.<n>` errors point at the right row; holidays sorted, unique. */
export function calendarBody(draft: CalendarDraft): CreateCalendarBody {
  return { name: draft.name.trim(), timezone: draft.timezone, hours: draft.hours, holidays: [...new Set(draft.holidays)].sort() };
}

/** Indexes of opening hours that are malformed or end before they start (checked before sending). */
export function invalidHours(hours: readonly OpeningHours[]): number[] {
  return hours.flatMap((h, index) => (isTime(h.start) && isTime(h.end) && h.end > h.start ? [] : [index]));
}
