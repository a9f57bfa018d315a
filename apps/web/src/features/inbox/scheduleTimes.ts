/**
 * Wall-clock times in the agent's time zone (not the browser's): "tomorrow at 9:00" means 9:00
 * where the agent works, and the date/time picker is read in that zone too.
 */

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall clock in `timeZone` at `instant`. */
export function wallTime(instant: Date, timeZone: string): Wall & { weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    weekday: weekdays.indexOf(get('weekday')) + 1,
  };
}

/** The instant at which the wall clock in `timeZone` shows `wall` (twice corrected, for DST edges). */
export function zonedToInstant(wall: Wall, timeZone: string): Date {
  const target = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  let guess = target;
  for (let i = 0; i < 2; i++) {
    const seen = wallTime(new Date(guess), timeZone);
    const shown = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
    guess += target - shown;
  }
  return new Date(guess);
}

/** `YYYY-MM-DDTHH:mm` (a datetime-local value) read in `timeZone`; null if malformed. */
export function parseLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return zonedToInstant({ year, month, day, hour, minute }, timeZone);
}

/** A datetime-local value for `instant` as the wall clock in `timeZone` shows it. */
export function toLocalInput(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** `days` after today's date in `timeZone`, at hour:00 there. */
function daysAhead(now: Date, timeZone: string, days: number, hour: number): Date {
  const today = wallTime(now, timeZone);
  const date = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  return zonedToInstant({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute: 0 }, timeZone);
}

export type SchedulePreset = 'inHour' | 'tomorrowMorning' | 'nextMonday';

export function presetTime(preset: SchedulePreset, now: Date, timeZone: string): Date {
  if (preset === 'inHour') return new Date(now.getTime() + 3_600_000);
  if (preset === 'tomorrowMorning') return daysAhead(now, timeZone, 1, 9);
  const weekday = wallTime(now, timeZone).weekday;
  return daysAhead(now, timeZone, (8 - weekday) % 7 || 7, 9);
}
