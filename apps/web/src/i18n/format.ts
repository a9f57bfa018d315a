import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../features/auth/CurrentUserContext';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Only valid IANA zones reach Intl (it throws on others); anything else uses the browser's zone. */
export function safeTimeZone(timeZone: string | null | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** "Mar 4, 2026, 2:05 PM" / "2026年3月4日 14:05" in the user's language and time zone. */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: safeTimeZone(timeZone) }).format(date);
}

/** "5 minutes ago", "in 2 hours", "yesterday" relative to `now`, in the largest fitting unit. */
export function formatRelative(iso: string, now: number, locale: string): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  const diff = time - now;
  const abs = Math.abs(diff);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < MINUTE) return format.format(0, 'second');
  if (abs < HOUR) return format.format(Math.trunc(diff / MINUTE), 'minute');
  if (abs < DAY) return format.format(Math.trunc(diff / HOUR), 'hour');
  if (abs < 30 * DAY) return format.format(Math.trunc(diff / DAY), 'day');
  if (abs < 365 * DAY) return format.format(Math.trunc(diff / (30 * DAY)), 'month');
  return format.format(Math.trunc(diff / (365 * DAY)), 'year');
}

/** "1.2 MB" with the locale's digits and separators. */
export function formatFileSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** "a, b and c" / "a、b和c". */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** Re-renders every `intervalMs` so relative times ("3 minutes ago") stay true. */
export function useNow(intervalMs = MINUTE): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export interface Formatters {
  locale: string;
  dateTime(iso: string): string;
  relative(iso: string, now?: number): string;
  number(value: number): string;
  fileSize(bytes: number): string;
  list(items: readonly string[]): string;
}

/** Formatters bound to the UI language and the signed-in user's time zone. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const { timezone } = useCurrentUser();
  const locale = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(locale);
    return {
      locale,
      dateTime: (iso) => formatDateTime(iso, locale, timezone),
      relative: (iso, now = Date.now()) => formatRelative(iso, now, locale),
      number: (value) => numbers.format(value),
      fileSize: (bytes) => formatFileSize(bytes, locale),
      list: (items) => formatList(items, locale),
    };
  }, [locale, timezone]);
}
