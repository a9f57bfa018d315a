import { describe, expect, it } from 'vitest';
import { calendarBody, hasTarget, invalidHours, isDate, policyBody, policyDraft, targetFromMinutes, targetToMinutes } from './slaForm';

describe('SLA targets', () => {
  it('shows whole hours as hours and everything else as minutes', () => {
    expect(targetFromMinutes(240)).toEqual({ amount: 4, unit: 'hours' });
    expect(targetFromMinutes(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(targetFromMinutes(null)).toEqual({ amount: '', unit: 'hours' });
    expect(targetToMinutes({ amount: 1.5, unit: 'hours' })).toBe(90);
    expect(targetToMinutes({ amount: '', unit: 'hours' })).toBeNull();
    expect(targetToMinutes({ amount: 0, unit: 'minutes' })).toBeNull();
  });

  it('builds the policy body: conditions only when set, every target, null calendar for 24/7', () => {
    const draft = policyDraft(null);
    expect(hasTarget(draft)).toBe(false);
    draft.name = ' VIP ';
    draft.priorities = ['urgent', 'high'];
    draft.targets.firstResponseMinutes = { amount: 30, unit: 'minutes' };
    draft.targets.resolutionMinutes = { amount: 8, unit: 'hours' };
    expect(hasTarget(draft)).toBe(true);
    expect(policyBody(draft)).toEqual({
      name: 'VIP',
      enabled: true,
      conditions: { priorities: ['urgent', 'high'] },
      calendarId: null,
      firstResponseMinutes: 30,
      nextResponseMinutes: null,
      resolutionMinutes: 480,
      warnBeforeMinutes: 15,
    });
  });

  it('edits an existing policy without losing its values', () => {
    const policy = {
      id: 'p1',
      name: 'Gold',
      position: 2,
      enabled: false,
      conditions: { channels: ['email' as const], organizationIds: ['o1'] },
      calendarId: 'c1',
      firstResponseMinutes: 60,
      nextResponseMinutes: 45,
      resolutionMinutes: null,
      warnBeforeMinutes: 10,
      createdAt: '',
      updatedAt: '',
    };
    expect(policyBody(policyDraft(policy))).toEqual({
      name: 'Gold',
      enabled: false,
      conditions: { channels: ['email'], organizationIds: ['o1'] },
      calendarId: 'c1',
      firstResponseMinutes: 60,
      nextResponseMinutes: 45,
      resolutionMinutes: null,
      warnBeforeMinutes: 10,
    });
  });
});

describe('business-hours calendars', () => {
  it('flags malformed or backwards opening hours, allowing 24:00 as an end', () => {
    expect(
      invalidHours([
        { weekday: 1, start: '09:00', end: '17:00' },
        { weekday: 2, start: '17:00', end: '09:00' },
        { weekday: 3, start: '9:00', end: '17:00' },
        { weekday: 4, start: '20:00', end: '24:00' },
      ]),
    ).toEqual([1, 2]);
  });

  it('keeps the typed order of hours and sorts holidays once each', () => {
    const hours = [
      { weekday: 5, start: '09:00', end: '12:00' },
      { weekday: 1, start: '09:00', end: '17:00' },
    ];
    expect(calendarBody({ name: ' HQ ', timezone: 'Asia/Shanghai', hours, holidays: ['2026-10-01', '2026-01-01', '2026-10-01'] })).toEqual({
      name: 'HQ',
      timezone: 'Asia/Shanghai',
      hours,
      holidays: ['2026-01-01', '2026-10-01'],
    });
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('26-1-1')).toBe(false);
  });
});
