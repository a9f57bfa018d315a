import type { TicketListParams, ViewBody } from '../../api/tickets.api';
import type { Me, TicketFilters, View } from '../../api/types';

/** The sorts a view can have (the contract's `SORTS`; the contracts package stays out of the bundle). */
export const VIEW_SORTS = [
  'updated_desc',
  'updated_asc',
  'created_desc',
  'created_asc',
  'priority_desc',
  'sla_due_asc',
  'number_desc',
] as const satisfies readonly ViewBody['sort'][];
export type ViewSort = (typeof VIEW_SORTS)[number];

export const SLA_FILTER_STATES = ['none', 'ok', 'at_risk', 'breached', 'paused', 'met'] as const;

/** Date ranges are edited as calendar days: `to` is inclusive on screen and exclusive on the wire. */
export interface DayRanges {
  createdFrom: string;
  createdTo: string;
  updatedFrom: string;
  updatedTo: string;
}

export interface ViewDraft {
  name: string;
  shared: boolean;
  sort: ViewSort;
  /** Everything but the date ranges, in the wire shape. */
  filters: Omit<TicketFilters, 'created' | 'updated'>;
  days: DayRanges;
}

const DAY = 24 * 60 * 60_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a moment, in the browser's time zone (the zone the date inputs work in). */
export function dayOf(iso: string | undefined, shiftDays = 0): string {
  if (!iso) return '';
  const date = new Date(new Date(iso).getTime() + shiftDays * DAY);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight starting `day` (plus `shiftDays`) as an ISO moment; '' for no day. */
export function startOfDay(day: string, shiftDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + shiftDays);
  return date.toISOString();
}

function rangeOf(from: string, to: string): { from?: string; to?: string } | undefined {
  const start = startOfDay(from);
  // The last day counts whole: the range ends at the next midnight (exclusive on the server).
  const end = startOfDay(to, 1);
  if (!start && !end) return undefined;
  return { ...(start && { from: start }), ...(end && { to: end }) };
}

/** A built-in view's list parameters as saved-view filters (same names; the list side types them loosely). */
export function filtersFromParams(params: TicketListParams): TicketFilters {
  const out: Record<string, string[]> = {};
  for (const key of ['status', 'priority', 'assignee', 'team', 'requesterId'] as const) {
    const values = params[key];
    if (values?.length) out[key] = [...values];
  }
  return out as TicketFilters;
}

/** A draft for a new view from the filters and sort on screen, or for editing a saved view. */
export function draftFrom(source: { name?: string; shared?: boolean; filters: TicketFilters; sort?: string }): ViewDraft {
  const { created, updated, ...rest } = source.filters;
  const sort = (VIEW_SORTS as readonly string[]).includes(source.sort ?? '') ? (source.sort as ViewSort) : 'updated_desc';
  return {
    name: source.name ?? '',
    shared: source.shared ?? false,
    sort,
    filters: rest,
    days: {
      createdFrom: dayOf(created?.from),
      createdTo: dayOf(created?.to, -1),
      updatedFrom: dayOf(updated?.from),
      updatedTo: dayOf(updated?.to, -1),
    },
  };
}

/** The filters to save: empty lists dropped (an empty list would mean "no filter" anyway), ranges converted. */
export function filtersOf(draft: ViewDraft): TicketFilters {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft.filters)) {
    if (Array.isArray(value)) {
      if (value.length) out[key] = value;
    } else if (key === 'customFields' && value && typeof value === 'object') {
      const kept = Object.entries(value as Record<string, unknown[]>).filter(([, values]) => values.length);
      if (kept.length) out[key] = Object.fromEntries(kept);
    } else if (value !== undefined) out[key] = value;
  }
  // "Any/all of these tags" means nothing without tags.
  if (!draft.filters.tags?.length) delete out.tagsMode;
  const created = rangeOf(draft.days.createdFrom, draft.days.createdTo);
  const updated = rangeOf(draft.days.updatedFrom, draft.days.updatedTo);
  if (created) out.created = created;
  if (updated) out.updated = updated;
  return out as TicketFilters;
}

export function viewBodyOf(draft: ViewDraft): ViewBody {
  return { name: draft.name.trim(), shared: draft.shared, sort: draft.sort, filters: filtersOf(draft) };
}

/** Mirrors views.service: shared views are created and changed by those who see every ticket. */
export const canShareViews = (me: Pick<Me, 'permissions'>) => me.permissions.includes('ticket.read_all');

export function canEditView(me: Pick<Me, 'id' | 'permissions'>, view: Pick<View, 'shared' | 'ownerId'>): boolean {
  return view.shared ? canShareViews(me) : view.ownerId === me.id;
}
