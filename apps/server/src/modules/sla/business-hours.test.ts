import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  isOpen,
  nextOpening,
  validateCalendar,
} from './business-hours.js';

const NY = 'America/New_York';
const weekdays = [1, 2, 3, 4, 5];

function calendar(timezone: string, ranges: Array<[string, string]>, days = weekdays, holidays: string[] = []): BusinessCalendar {
  return { timezone, hours: days.flatMap((weekday) => ranges.map(([start, end]) => ({ weekday, start, end }))), holidays };
}

/** A local wall time in a zone as an instant, e.g. at(NY, '2026-01-09T16:30'). */
const at = (zone: string, local: string) => DateTime.fromISO(local, { zone }).toJSDate();
/** An instant shown as local wall time, to compare with what an agent sees on the clock. */
const local = (zone: string, d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const utc = (iso: string) => new Date(iso);

const office = calendar(NY, [['09:00', '17:00']]);

describe('addBusinessMinutes on a 9-17 Mon-Fri New York calendar', () => {
  it('carries a Friday 16:30 request with a 60 minute target over the weekend to Monday 09:30', () => {
    expect(local(NY, addBusinessMinutes(office, at(NY, '2026-01-09T16:30'), 60))).toBe('2026-01-12T09:30');
  });

  it('returns the closing instant when the target is met exactly at closing, not the next morning', () => {
    expect(local(NY, addBusinessMinutes(office, at(NY, '2026-01-09T16:00'), 60))).toBe('2026-01-09T17:00');
  });

  it('starts the clock at the next opening when the request arrives outside hours', () => {
    expect(local(NY, addBusinessMinutes(office, at(NY, '2026-01-10T11:00'), 30))).toBe('2026-01-12T09:30');
    expect(local(NY, addBusinessMinutes(office, at(NY, '2026-01-12T06:00'), 0))).toBe('2026-01-12T09:00');
    expect(local(NY, addBusinessMinutes(office, at(NY, '2026-01-12T10:00'), 0))).toBe('2026-01-12T10:00');
  });

  it('skips a Monday holiday and lands on Tuesday', () => {
    const withHoliday = { ...office, holidays: ['2026-01-12'] };
    expect(local(NY, addBusinessMinutes(withHoliday, at(NY, '2026-01-09T16:30'), 60))).toBe('2026-01-13T09:30');
  });

  it('waits out a holiday when the request arrives during it', () => {
    const withHoliday = { ...office, holidays: ['2026-01-14'] };
    expect(isOpen(withHoliday, at(NY, '2026-01-14T10:00'))).toBe(false);
    expect(local(NY, addBusinessMinutes(withHoliday, at(NY, '2026-01-14T10:00'), 30))).toBe('2026-01-15T09:30');
  });

  it('spans several days and accepts fractional minutes', () => {
    expect(local(NY, addBusinessMinutes(office, at(NY, '2026-01-05T09:00'), 5 * 480))).toBe('2026-01-09T17:00');
    expect(addBusinessMinutes(office, at(NY, '2026-01-05T09:00'), 1.5).toISOString()).toBe('2026-01-05T14:01:30.000Z');
  });

  it('rejects negative or non-finite minutes and invalid dates', () => {
    expect(() => addBusinessMinutes(office, at(NY, '2026-01-05T09:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, at(NY, '2026-01-05T09:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, new Date('nope'), 5)).toThrow(/valid Date/);
  });
});

describe('lunch break (09-12, 13-17)', () => {
  const lunch = calendar(NY, [
    ['09:00', '12:00'],
    ['13:00', '17:00'],
  ]);

  it('pauses the clock over lunch', () => {
    expect(local(NY, addBusinessMinutes(lunch, at(NY, '2026-01-12T11:30'), 60))).toBe('2026-01-12T13:30');
    expect(businessMinutesBetween(lunch, at(NY, '2026-01-12T09:00'), at(NY, '2026-01-12T17:00'))).toBe(420);
  });

  it('is closed during lunch and reopens at 13:00', () => {
    expect(isOpen(lunch, at(NY, '2026-01-12T12:30'))).toBe(false);
    expect(isOpen(lunch, at(NY, '2026-01-12T11:59'))).toBe(true);
    expect(local(NY, nextOpening(lunch, at(NY, '2026-01-12T12:00')))).toBe('2026-01-12T13:00');
  });
});

describe('Asia/Shanghai calendar (UTC+8) against UTC instants', () => {
  const shanghai = calendar('Asia/Shanghai', [['09:00', '18:00']]);

  it('opens on Monday local time while it is still Monday 01:00 UTC, and is shut on Sunday UTC evening', () => {
    expect(isOpen(shanghai, utc('2026-01-05T01:00:00Z'))).toBe(true); // Mon 09:00 in Shanghai
    expect(isOpen(shanghai, utc('2026-01-05T00:59:59Z'))).toBe(false);
    expect(isOpen(shanghai, utc('2026-01-04T18:00:00Z'))).toBe(false); // Mon 02:00 in Shanghai
    expect(isOpen(shanghai, utc('2026-01-09T09:59:00Z'))).toBe(true); // Fri 17:59
    expect(isOpen(shanghai, utc('2026-01-09T10:00:00Z'))).toBe(false); // Fri 18:00
  });

  it('computes targets in Shanghai time', () => {
    expect(addBusinessMinutes(shanghai, utc('2026-01-05T00:30:00Z'), 60).toISOString()).toBe('2026-01-05T02:00:00.000Z');
    expect(nextOpening(shanghai, utc('2026-01-09T10:00:00Z')).toISOString()).toBe('2026-01-12T01:00:00.000Z');
    expect(addBusinessMinutes(shanghai, utc('2026-01-09T09:30:00Z'), 60).toISOString()).toBe('2026-01-12T01:30:00.000Z');
  });
});

describe('daylight saving time in New York', () => {
  const allDay = calendar(NY, [['00:00', '24:00']], [1, 2, 3, 4, 5, 6, 7]);

  it('spring-forward week: Friday 16:30 EST + 60 min is Monday 09:30 EDT (13:30 UTC, not 14:30)', () => {
    const due = addBusinessMinutes(office, utc('2026-03-06T21:30:00Z'), 60);
    expect(due.toISOString()).toBe('2026-03-09T13:30:00.000Z');
    expect(businessMinutesBetween(office, at(NY, '2026-03-02T09:00'), at(NY, '2026-03-09T09:00'))).toBe(2400);
  });

  it('fall-back week: a business week is still 5 x 480 minutes and Monday opens at 14:00 UTC', () => {
    expect(businessMinutesBetween(office, at(NY, '2026-10-26T09:00'), at(NY, '2026-11-02T09:00'))).toBe(2400);
    expect(nextOpening(office, utc('2026-10-30T21:00:00Z')).toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('counts the real 23-hour and 25-hour days on an always-open local calendar', () => {
    expect(businessMinutesBetween(allDay, at(NY, '2026-03-07T12:00'), at(NY, '2026-03-08T12:00'))).toBe(23 * 60);
    expect(businessMinutesBetween(allDay, at(NY, '2026-10-31T12:00'), at(NY, '2026-11-01T12:00'))).toBe(25 * 60);
    expect(local(NY, addBusinessMinutes(allDay, at(NY, '2026-03-07T12:00'), 24 * 60))).toBe('2026-03-08T13:00');
  });

  it('opens an interval whose start falls in the skipped hour when the clock jumps past it', () => {
    const early = calendar(NY, [['02:30', '04:00']], [7]);
    // 2026-03-08 02:00 EST jumps to 03:00 EDT at 07:00 UTC.
    expect(nextOpening(early, utc('2026-03-08T06:00:00Z')).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(businessMinutesBetween(early, utc('2026-03-08T00:00:00Z'), utc('2026-03-09T00:00:00Z'))).toBe(60);
  });

  it('keeps an interval open through the repeated hour on fall-back night', () => {
    const night = calendar(NY, [['01:00', '02:00']], [7]);
    // 01:00 EDT (05:00 UTC) until the clock first reads 02:00, which is 02:00 EST (07:00 UTC).
    expect(businessMinutesBetween(night, utc('2026-11-01T00:00:00Z'), utc('2026-11-02T00:00:00Z'))).toBe(120);
    expect(isOpen(night, utc('2026-11-01T06:30:00Z'))).toBe(true); // 01:30 EST, second pass
  });
});

describe('overnight interval 22:00-24:00 + 00:00-06:00', () => {
  const nights: BusinessCalendar = {
    timezone: 'Europe/Berlin',
    hours: [
      ...weekdays.map((weekday) => ({ weekday, start: '22:00', end: '24:00' })),
      ...weekdays.map((weekday) => ({ weekday: weekday + 1, start: '00:00', end: '06:00' })),
    ],
    holidays: [],
  };
  const B = 'Europe/Berlin';

  it('runs continuously across midnight', () => {
    expect(local(B, addBusinessMinutes(nights, at(B, '2026-01-05T23:30'), 60))).toBe('2026-01-06T00:30');
    expect(businessMinutesBetween(nights, at(B, '2026-01-05T22:00'), at(B, '2026-01-06T06:00'))).toBe(480);
    expect(isOpen(nights, at(B, '2026-01-06T00:00'))).toBe(true);
    expect(isOpen(nights, at(B, '2026-01-06T06:00'))).toBe(false);
  });

  it('continues into Saturday morning and then waits for Monday night', () => {
    expect(local(B, addBusinessMinutes(nights, at(B, '2026-01-09T23:00'), 420))).toBe('2026-01-10T06:00');
    expect(local(B, addBusinessMinutes(nights, at(B, '2026-01-09T23:00'), 421))).toBe('2026-01-12T22:01');
  });

  it('a holiday closes its whole local date: the after-midnight part and its own 22:00 shift', () => {
    const cal = { ...nights, holidays: ['2026-01-06'] };
    expect(local(B, addBusinessMinutes(cal, at(B, '2026-01-05T23:30'), 60))).toBe('2026-01-07T00:30');
    expect(isOpen(cal, at(B, '2026-01-06T23:00'))).toBe(false);
  });
});

describe('null calendar (24x7)', () => {
  it('is plain wall-clock time, also across DST', () => {
    const start = utc('2026-03-07T17:00:00Z');
    expect(addBusinessMinutes(null, start, 24 * 60).toISOString()).toBe('2026-03-08T17:00:00.000Z');
    expect(businessMinutesBetween(null, start, utc('2026-03-07T17:01:30Z'))).toBe(1.5);
    expect(isOpen(null, start)).toBe(true);
    expect(nextOpening(null, start).getTime()).toBe(start.getTime());
  });
});

describe('businessMinutesBetween', () => {
  it('is 0 when to is not after from, and counts only open time inside [from, to)', () => {
    expect(businessMinutesBetween(office, at(NY, '2026-01-12T10:00'), at(NY, '2026-01-12T10:00'))).toBe(0);
    expect(businessMinutesBetween(office, at(NY, '2026-01-12T11:00'), at(NY, '2026-01-12T10:00'))).toBe(0);
    expect(businessMinutesBetween(office, at(NY, '2026-01-09T16:00'), at(NY, '2026-01-12T10:00'))).toBe(120);
    expect(businessMinutesBetween(office, at(NY, '2026-01-10T00:00'), at(NY, '2026-01-11T23:59'))).toBe(0);
  });

  it('returns 0 instead of throwing for a long closed stretch, because the range bounds the search', () => {
    const closed = { ...calendar(NY, [['09:00', '17:00']], [1]), holidays: mondays('2026-01-05', 200) };
    expect(businessMinutesBetween(closed, at(NY, '2026-01-01T00:00'), at(NY, '2029-01-01T00:00'))).toBe(0);
  });
});

/** Deterministic PRNG so the property loop is reproducible. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('addBusinessMinutes and businessMinutesBetween are inverses', () => {
  const calendars: BusinessCalendar[] = [
    { ...office, holidays: ['2026-03-09', '2026-07-03', '2026-11-26', '2026-12-25'] },
    calendar('Asia/Shanghai', [
      ['09:00', '12:00'],
      ['13:30', '18:00'],
    ]),
    calendar('Europe/London', [
      ['22:00', '24:00'],
      ['00:00', '06:00'],
    ]),
    calendar('Australia/Lord_Howe', [['01:00', '03:00']], [1, 2, 3, 4, 5, 6, 7]), // 30-minute DST shift
  ];
  const rand = mulberry32(20260308);
  const year = Date.UTC(2027, 0, 1) - Date.UTC(2026, 0, 1);

  it('for 200 seeded random starts and targets', () => {
    for (let i = 0; i < 200; i++) {
      const cal = calendars[i % calendars.length] as BusinessCalendar;
      const start = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * year));
      const minutes = Math.floor(rand() * 6000 * 60_000) / 60_000; // ms-precision, up to ~12 business days
      const due = addBusinessMinutes(cal, start, minutes);
      const msg = `case ${i}: ${cal.timezone} ${start.toISOString()} + ${minutes}`;
      expect(due.getTime(), msg).toBeGreaterThanOrEqual(start.getTime());
      expect(businessMinutesBetween(cal, start, due), msg).toBeCloseTo(minutes, 9);
      if (minutes > 0) expect(isOpen(cal, new Date(due.getTime() - 1)), msg).toBe(true);

      const to = new Date(start.getTime() + Math.floor(rand() * 10 * 86_400_000));
      const open = businessMinutesBetween(cal, start, to);
      const reached = addBusinessMinutes(cal, start, open);
      expect(reached.getTime(), msg).toBeLessThanOrEqual(Math.max(to.getTime(), nextOpening(cal, start).getTime()));
      expect(businessMinutesBetween(cal, reached, to), msg).toBe(0);
    }
  });
});

/** `count` consecutive Mondays starting at `first` as YYYY-MM-DD strings. */
function mondays(first: string, count: number): string[] {
  const start = DateTime.fromISO(first, { zone: 'UTC' });
  return Array.from({ length: count }, (_, i) => start.plus({ weeks: i }).toISODate() as string);
}

describe('calendars that never open', () => {
  it('throws a clear error when there are no opening hours', () => {
    const empty: BusinessCalendar = { timezone: NY, hours: [], holidays: [] };
    expect(() => addBusinessMinutes(empty, at(NY, '2026-01-05T09:00'), 60)).toThrow(/no opening hours/);
    expect(() => nextOpening(empty, at(NY, '2026-01-05T09:00'))).toThrow(/no opening hours/);
  });

  it('throws when holidays cover every opening for more than two years', () => {
    const mondaysOnly = { ...calendar(NY, [['09:00', '17:00']], [1]), holidays: mondays('2026-01-05', 120) };
    expect(() => addBusinessMinutes(mondaysOnly, at(NY, '2026-01-05T09:00'), 60)).toThrow(/no opening hours within two years/);
    // Once the holidays run out it opens again: the first Monday after 100 closed ones.
    expect(local(NY, nextOpening({ ...mondaysOnly, holidays: mondays('2026-01-05', 100) }, at(NY, '2026-01-05T09:00')))).toBe(
      '2027-12-06T09:00',
    );
  });

  it('throws on an invalid calendar instead of computing a wrong due date', () => {
    const bad = { ...office, timezone: 'Mars/Olympus_Mons' };
    expect(() => isOpen(bad, at(NY, '2026-01-05T09:00'))).toThrow(/unknown time zone "Mars\/Olympus_Mons"/);
  });
});

describe('validateCalendar', () => {
  const base = (over: Partial<BusinessCalendar>): BusinessCalendar => ({ ...office, ...over });

  it('accepts a well-formed calendar, including 24:00 ends and touching intervals', () => {
    expect(validateCalendar(office)).toEqual([]);
    const touching = calendar('UTC', [
      ['00:00', '12:00'],
      ['12:00', '24:00'],
    ]);
    expect(validateCalendar({ ...touching, holidays: ['2028-02-29'] })).toEqual([]);
  });

  it.each([
    ['unknown time zone', base({ timezone: 'Europe/Atlantis' }), /unknown time zone "Europe\/Atlantis"/],
    ['empty time zone', base({ timezone: '' }), /unknown time zone/],
    ['bad HH:MM', base({ hours: [{ weekday: 1, start: '9:00', end: '17:00' }] }), /start "9:00" is not a valid HH:MM/],
    ['minutes out of range', base({ hours: [{ weekday: 1, start: '09:00', end: '17:60' }] }), /end "17:60" is not a valid HH:MM/],
    ['hour past 24', base({ hours: [{ weekday: 1, start: '09:00', end: '24:30' }] }), /end "24:30" is not a valid HH:MM/],
    ['end before start', base({ hours: [{ weekday: 1, start: '13:00', end: '12:00' }] }), /end 12:00 must be after start 13:00/],
    ['empty interval', base({ hours: [{ weekday: 1, start: '09:00', end: '09:00' }] }), /must be after start/],
    ['weekday 0', base({ hours: [{ weekday: 0, start: '09:00', end: '17:00' }] }), /weekday 0 is out of range/],
    ['weekday 8', base({ hours: [{ weekday: 8, start: '09:00', end: '17:00' }] }), /weekday 8 is out of range/],
    ['fractional weekday', base({ hours: [{ weekday: 1.5, start: '09:00', end: '17:00' }] }), /weekday 1.5 is out of range/],
    ['no hours', base({ hours: [] }), /no opening hours/],
    ['bad holiday format', base({ holidays: ['12/25/2026'] }), /holidays\[0\]: "12\/25\/2026" is not a valid YYYY-MM-DD/],
    ['impossible holiday date', base({ holidays: ['2026-01-01', '2026-02-30'] }), /holidays\[1\]: "2026-02-30"/],
  ])('reports %s', (_name, cal, problem) => {
    const problems = validateCalendar(cal);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it('reports overlapping intervals on the same weekday but not on different weekdays', () => {
    const overlapping = base({
      hours: [
        { weekday: 2, start: '09:00', end: '12:30' },
        { weekday: 3, start: '12:00', end: '17:00' },
        { weekday: 2, start: '12:00', end: '17:00' },
      ],
    });
    expect(validateCalendar(overlapping)).toEqual(['hours[0] and hours[2] overlap on weekday 2']);
  });

  it('survives malformed JSON-shaped input without throwing', () => {
    const junk = { timezone: 42, hours: 'all day', holidays: null } as unknown as BusinessCalendar;
    expect(validateCalendar(junk)).toEqual([
      'unknown time zone "42"',
      'hours must be a list of opening intervals',
      'holidays must be a list of dates',
    ]);
  });
});
