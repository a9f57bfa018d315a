import { IANAZone } from 'luxon';

/**
 * Business-hours calendar arithmetic for SLA targets. Pure: no DB, no clock.
 * Times are instants (Date); opening hours are local wall-clock times in the calendar's zone.
 */
export interface BusinessCalendar {
  /** IANA time zone, e.g. 'Asia/Shanghai', 'America/New_York'. */
  timezone: string;
  /** Weekly opening intervals in local time; weekday 1=Monday..7=Sunday (ISO). Several intervals per day allowed, e.g. lunch break. 'HH:MM' 24h, end may be '24:00'. */
  hours: Array<{ weekday: number; start: string; end: string }>;
  /** Local dates 'YYYY-MM-DD' that are closed all day. */
  holidays: string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A calendar that stays shut this many consecutive days is treated as never opening again. */
const MAX_CLOSED_DAYS = 2 * 366 + 1;

const TIME_RE = /^(\d{2}):(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Valid zone names seen so far; invalid ones are not cached so junk input cannot grow it. */
const knownZones = new Set<string>();

function isKnownZone(name: unknown): name is string {
  if (typeof name !== 'string' || name === '') return false;
  if (knownZones.has(name)) return true;
  if (!IANAZone.isValidZone(name)) return false;
  knownZones.add(name);
  return true;
}

/** 'HH:MM' -> minutes after local midnight; '24:00' allowed (end of day). */
function parseTime(value: unknown): number | null {
  const m = typeof value === 'string' ? TIME_RE.exec(value) : null;
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** 'YYYY-MM-DD' -> days since 1970-01-01, or null when it is not a real calendar date. */
function parseDate(value: unknown): number | null {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** Human-readable problems with a calendar; an empty array means it is usable. */
export function validateCalendar(c: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!isKnownZone(c?.timezone)) problems.push(`unknown time zone "${String(c?.timezone)}"`);
  const hours: unknown = c?.hours;
  if (!Array.isArray(hours)) problems.push('hours must be a list of opening intervals');
  else if (hours.length === 0) problems.push('calendar has no opening hours');
  else problems.push(...validateHours(hours as BusinessCalendar['hours']));
  const holidays: unknown = c?.holidays;
  if (!Array.isArray(holidays)) problems.push('holidays must be a list of dates');
  else {
    holidays.forEach((h, i) => {
      if (parseDate(h) === null) problems.push(`holidays[${i}]: "${String(h)}" is not a valid YYYY-MM-DD date`);
    });
  }
  return problems;
}

function validateHours(hours: BusinessCalendar['hours']): string[] {
  const problems: string[] = [];
  const byDay = new Map<number, Array<{ i: number; s: number; e: number }>>();
  for (const [i, h] of hours.entries()) {
    const where = `hours[${i}]`;
    const weekday = h?.weekday;
    const s = parseTime(h?.start);
    const e = parseTime(h?.end);
    const dayOk = Number.isInteger(weekday) && weekday >= 1 && weekday <= 7;
    if (!dayOk) problems.push(`${where}: weekday ${String(weekday)} is out of range (1=Monday..7=Sunday)`);
    if (s === null) problems.push(`${where}: start "${String(h?.start)}" is not a valid HH:MM time`);
    if (e === null) problems.push(`${where}: end "${String(h?.end)}" is not a valid HH:MM time`);
    if (s === null || e === null) continue;
    if (e <= s) problems.push(`${where}: end ${h.end} must be after start ${h.start}`);
    else if (dayOk) byDay.set(weekday, [...(byDay.get(weekday) ?? []), { i, s, e }]);
  }
  for (const [weekday, list] of byDay) {
    list.sort((a, b) => a.s - b.s);
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1] as (typeof list)[number];
      const cur = list[k] as (typeof list)[number];
      if (cur.s < prev.e) problems.push(`hours[${prev.i}] and hours[${cur.i}] overlap on weekday ${weekday}`);
    }
  }
  return problems;
}

interface Compiled {
  zone: IANAZone;
  /** Index 1..7: merged, sorted [startMin, endMin] pairs in local minutes. */
  week: Array<Array<[number, number]>>;
  /** Holidays as days since epoch. */
  holidays: Set<number>;
}

function compile(cal: BusinessCalendar): Compiled {
  const problems = validateCalendar(cal);
  if (problems.length > 0) throw new Error(`Invalid business calendar: ${problems.join('; ')}`);
  const week: Array<Array<[number, number]>> = Array.from({ length: 8 }, () => []);
  const sorted = [...cal.hours].sort((a, b) => (parseTime(a.start) ?? 0) - (parseTime(b.start) ?? 0));
  for (const h of sorted) {
    const day = week[h.weekday] as Array<[number, number]>;
    const s = parseTime(h.start) as number;
    const e = parseTime(h.end) as number;
    const last = day[day.length - 1];
    // Touching intervals (9-12, 12-17) become one so spans never end and restart at the same instant.
    if (last && last[1] === s) last[1] = e;
    else day.push([s, e]);
  }
  return { zone: IANAZone.create(cal.timezone), week, holidays: new Set(cal.holidays.map((d) => parseDate(d) as number)) };
}

/** Zone offset in ms at an instant. */
const offsetMs = (zone: IANAZone, t: number) => zone.offset(t) * MINUTE_MS;

/**
 * The earliest instant whose local wall time is >= the given wall time (expressed as UTC ms).
 * Monotone in its input, so spans never overlap: in a spring-forward gap it yields the
 * transition instant; in a fall-back overlap it yields the first occurrence.
 */
function wallToInstant(zone: IANAZone, wall: number): number {
  const before = wall - offsetMs(zone, wall - DAY_MS);
  const after = wall - offsetMs(zone, wall + DAY_MS);
  const valid = [before, after].filter((t) => t + offsetMs(zone, t) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // Wall time falls in a gap: binary-search the first instant whose wall clock has passed it.
  let lo = Math.min(before, after);
  let hi = Math.max(before, after);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetMs(zone, mid) >= wall) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

type Span = [start: number, end: number];

/** Open spans (instants, ms) of one local day, given as days since epoch. */
function spansOfDay(cal: Compiled, day: number): Span[] {
  if (cal.holidays.has(day)) return [];
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (ISO 4)
  const intervals = cal.week[weekday] as Array<[number, number]>;
  if (intervals.length === 0) return [];
  const midnight = day * DAY_MS;
  // Fast path (almost every day): one offset around the whole day means no transition to handle.
  const offset = offsetMs(cal.zone, midnight - DAY_MS);
  const steady = offset === offsetMs(cal.zone, midnight + 2 * DAY_MS);
  const toInstant = (wall: number) => (steady ? wall - offset : wallToInstant(cal.zone, wall));
  const spans: Span[] = [];
  for (const [s, e] of intervals) {
    const start = toInstant(midnight + s * MINUTE_MS);
    const end = toInstant(midnight + e * MINUTE_MS);
    if (end > start) spans.push([start, end]);
  }
  return spans;
}

/**
 * Open spans ending after `from`, in order, clipped to start no earlier than `from`.
 * Stops after `until` when given; otherwise throws once the calendar stays shut for two years.
 */
function* openSpans(cal: Compiled, from: number, until?: number): Generator<Span> {
  // Start a day early: with odd midnight DST rules a local day's spans can reach past its date.
  let day = Math.floor((from + offsetMs(cal.zone, from)) / DAY_MS) - 1;
  let closedDays = 0;
  for (;;) {
    if (until !== undefined && day * DAY_MS - DAY_MS > until) return;
    let any = false;
    for (const [s, e] of spansOfDay(cal, day)) {
      any = true;
      if (e > from) yield [Math.max(s, from), e];
    }
    closedDays = any ? 0 : closedDays + 1;
    if (until === undefined && closedDays > MAX_CLOSED_DAYS) {
      throw new Error(`Business calendar (${cal.zone.name}) has no opening hours within two years after ${new Date(from).toISOString()}`);
    }
    day++;
  }
}

function toMs(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${name} must be a valid Date`);
  return t;
}

/** Whether the calendar is open at `at`. A null calendar is always open (24x7). */
export function isOpen(cal: BusinessCalendar | null, at: Date): boolean {
  const t = toMs(at, 'at');
  if (cal === null) return true;
  const c = compile(cal);
  const day = Math.floor((t + offsetMs(c.zone, t)) / DAY_MS);
  for (let d = day - 1; d <= day + 1; d++) {
    if (spansOfDay(c, d).some(([s, e]) => s <= t && t < e)) return true;
  }
  return false;
}

/** The first open instant at or after `at` (`at` itself when open). */
export function nextOpening(cal: BusinessCalendar | null, at: Date): Date {
  const t = toMs(at, 'at');
  if (cal === null) return new Date(t);
  for (const [s] of openSpans(compile(cal), t)) return new Date(s);
  throw new Error('unreachable: openSpans either yields or throws');
}

/**
 * The instant at which `minutes` of open time have elapsed after `start`. Outside hours the
 * clock starts at the next opening, so 0 minutes yields the next opening. A target that is met
 * exactly at closing time returns the closing instant, not the next morning.
 */
export function addBusinessMinutes(cal: BusinessCalendar | null, start: Date, minutes: number): Date {
  const t = toMs(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (cal === null) return new Date(t + remaining);
  for (const [s, e] of openSpans(compile(cal), t)) {
    if (remaining <= e - s) return new Date(s + remaining);
    remaining -= e - s;
  }
  throw new Error('unreachable: openSpans either yields or throws');
}

/** Open minutes in [from, to), fractional; 0 when `to` is not after `from`. */
export function businessMinutesBetween(cal: BusinessCalendar | null, from: Date, to: Date): number {
  const a = toMs(from, 'from');
  const b = toMs(to, 'to');
  if (b <= a) return 0;
  if (cal === null) return (b - a) / MINUTE_MS;
  let total = 0;
  for (const [s, e] of openSpans(compile(cal), a, b)) {
    if (s >= b) break;
    total += Math.min(e, b) - s;
  }
  return total / MINUTE_MS;
}
