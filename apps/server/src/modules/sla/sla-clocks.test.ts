import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-hours.js';
import { type Clock, clockState, complete, detectBreach, newClock, pause, resume, schedule, summarize } from './sla-clocks.js';

/** 9–17 Monday to Friday in Berlin (UTC+1 in early March 2024; 2024-03-04 is a Monday). */
const berlin: BusinessCalendar = {
  timezone: 'Europe/Berlin',
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  holidays: [],
};
const d = (iso: string) => new Date(iso);
const MIN = 60_000;

function running(since: string, target: number, accruedMs = 0): Clock {
  return { ...newClock('resolution', 'p1', target, accruedMs), runningSince: d(since) };
}

describe('schedule', () => {
  it('counts only opening hours: 2h from Monday 16:00 is due Tuesday 10:00, warned 30 min earlier', () => {
    const c = running('2024-03-04T15:00:00Z', 120);
    schedule(c, berlin, 30);
    expect(c.dueAt?.toISOString()).toBe('2024-03-05T09:00:00.000Z');
    expect(c.warnAt?.toISOString()).toBe('2024-03-05T08:30:00.000Z');
  });

  it('carries Friday afternoon over the weekend', () => {
    const c = running('2024-03-08T15:30:00Z', 60);
    schedule(c, berlin, 15);
    expect(c.dueAt?.toISOString()).toBe('2024-03-11T08:30:00.000Z');
  });

  it('skips holidays', () => {
    const c = running('2024-03-04T15:00:00Z', 120);
    schedule(c, { ...berlin, holidays: ['2024-03-05'] }, 0);
    expect(c.dueAt?.toISOString()).toBe('2024-03-06T09:00:00.000Z');
  });

  it('reads the hours in the calendar’s own zone', () => {
    const c = running('2024-03-04T15:00:00Z', 120);
    schedule(c, { ...berlin, timezone: 'America/New_York' }, 0);
    // 10:00 in New York (UTC-5) is inside hours: two hours later is 12:00 local.
    expect(c.dueAt?.toISOString()).toBe('2024-03-04T17:00:00.000Z');
  });

  it('measures around the clock without a calendar, and subtracts what already accrued', () => {
    const c = running('2024-03-09T22:00:00Z', 60, 45 * MIN);
    schedule(c, null, 10);
    expect(c.dueAt?.toISOString()).toBe('2024-03-09T22:15:00.000Z');
    expect(c.warnAt?.toISOString()).toBe('2024-03-09T22:05:00.000Z');
  });

  it('a clock already over its target is due the moment it runs', () => {
    const c = running('2024-03-04T10:00:00Z', 60, 90 * MIN);
    schedule(c, berlin, 15);
    expect(c.dueAt?.toISOString()).toBe('2024-03-04T10:00:00.000Z');
  });

  it('a paused clock has no due or warning instant; a completed one keeps its record', () => {
    const p = { ...newClock('first_response', 'p1', 60), dueAt: d('2024-03-04T10:00:00Z') };
    schedule(p, berlin, 15);
    expect(p.dueAt).toBeNull();
    const done = { ...running('2024-03-04T09:00:00Z', 60), dueAt: d('2024-03-04T10:00:00Z'), completedAt: d('2024-03-04T09:30:00Z') };
    schedule(done, berlin, 15);
    expect(done.dueAt?.toISOString()).toBe('2024-03-04T10:00:00.000Z');
  });
});

describe('pause and resume', () => {
  it('folds the open time into accrued and moves the due time later by the paused business time', () => {
    const c = running('2024-03-04T08:00:00Z', 240); // Monday 09:00 local
    schedule(c, berlin, 0);
    expect(c.dueAt?.toISOString()).toBe('2024-03-04T12:00:00.000Z');
    pause(c, berlin, d('2024-03-04T10:00:00Z')); // 11:00 local: two business hours in
    expect(c).toMatchObject({ accruedMs: 120 * MIN, runningSince: null, dueAt: null, warnAt: null });
    resume(c, d('2024-03-04T13:00:00Z')); // 14:00 local: paused three business hours
    schedule(c, berlin, 0);
    expect(c.dueAt?.toISOString()).toBe('2024-03-04T15:00:00.000Z');
  });

  it('a pause outside opening hours accrues nothing', () => {
    const c = running('2024-03-04T17:00:00Z', 60); // Monday 18:00 local
    pause(c, berlin, d('2024-03-05T07:00:00Z')); // Tuesday 08:00 local
    expect(c.accruedMs).toBe(0);
  });

  it('resume does not restart a running or completed clock', () => {
    const c = running('2024-03-04T08:00:00Z', 60);
    resume(c, d('2024-03-04T09:00:00Z'));
    expect(c.runningSince?.toISOString()).toBe('2024-03-04T08:00:00.000Z');
    complete(c, berlin, d('2024-03-04T08:30:00Z'));
    resume(c, d('2024-03-04T09:00:00Z'));
    expect(c.runningSince).toBeNull();
  });
});

describe('breach and completion', () => {
  it('dates the breach at the due instant, once', () => {
    const c = running('2024-03-04T08:00:00Z', 60);
    schedule(c, berlin, 15);
    expect(detectBreach(c, d('2024-03-04T08:59:59Z'))).toBe(false);
    expect(detectBreach(c, d('2024-03-04T10:30:00Z'))).toBe(true);
    expect(c.breachedAt?.toISOString()).toBe('2024-03-04T09:00:00.000Z');
    expect(detectBreach(c, d('2024-03-04T11:00:00Z'))).toBe(false);
    expect(clockState(c)).toBe('breached');
  });

  it('completing keeps the business time it took and reads as met', () => {
    const c = running('2024-03-04T08:00:00Z', 60);
    complete(c, berlin, d('2024-03-04T08:40:00Z'));
    expect(c).toMatchObject({ accruedMs: 40 * MIN, runningSince: null, completedAt: d('2024-03-04T08:40:00Z') });
    expect(clockState(c)).toBe('met');
    expect(detectBreach(c, d('2024-03-05T00:00:00Z'))).toBe(false);
  });

  it('names the states of a clock', () => {
    expect(clockState(running('2024-03-04T08:00:00Z', 60))).toBe('running');
    expect(clockState(newClock('resolution', 'p', 60))).toBe('paused');
  });
});

describe('summarize', () => {
  const at = d('2024-03-04T12:00:00Z');
  const ok = { ...running('2024-03-04T08:00:00Z', 600), dueAt: d('2024-03-04T18:00:00Z'), warnAt: d('2024-03-04T17:00:00Z') };
  const soon = { ...ok, metric: 'first_response' as const, dueAt: d('2024-03-04T12:10:00Z'), warnAt: d('2024-03-04T11:55:00Z') };
  const paused = newClock('next_response', 'p', 60);
  const met = { ...newClock('first_response', 'p', 60), completedAt: d('2024-03-04T09:00:00Z') };
  const breachedMet = { ...met, breachedAt: d('2024-03-04T08:30:00Z') };

  it('is none without clocks', () => {
    expect(summarize([], at)).toEqual({ state: 'none', dueAt: null });
  });
  it('is ok while a clock runs before its warning, due at the earliest running due time', () => {
    expect(summarize([ok, met], at)).toEqual({ state: 'ok', dueAt: ok.dueAt });
  });
  it('is at risk once a running clock passes its warning instant', () => {
    expect(summarize([ok, soon], at)).toEqual({ state: 'at_risk', dueAt: soon.dueAt });
  });
  it('is breached when any clock breached, even a completed one, over everything else', () => {
    expect(summarize([soon, breachedMet], at).state).toBe('breached');
  });
  it('is paused when every unfinished clock is paused', () => {
    expect(summarize([paused, met], at)).toEqual({ state: 'paused', dueAt: null });
  });
  it('is met when all clocks completed in time', () => {
    expect(summarize([met], at)).toEqual({ state: 'met', dueAt: null });
  });
});
