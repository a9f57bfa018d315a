import { describe, expect, it } from 'vitest';
import { parseLocalInput, presetTime, toLocalInput } from './scheduleTimes';

describe('schedule times in the agent’s time zone', () => {
  it('reads a picked date and time in the agent’s zone, not the browser’s', () => {
    expect(parseLocalInput('2030-03-04T09:30', 'Asia/Shanghai')?.toISOString()).toBe('2030-03-04T01:30:00.000Z');
    expect(parseLocalInput('2030-07-01T09:00', 'Europe/Berlin')?.toISOString()).toBe('2030-07-01T07:00:00.000Z');
    expect(parseLocalInput('2030-01-01T09:00', 'Europe/Berlin')?.toISOString()).toBe('2030-01-01T08:00:00.000Z');
    expect(parseLocalInput('soon', 'UTC')).toBeNull();
    expect(toLocalInput(new Date('2030-03-04T01:30:00Z'), 'Asia/Shanghai')).toBe('2030-03-04T09:30');
  });

  it('puts presets at 9:00 local: tomorrow, and next Monday (a week on when it is Monday)', () => {
    // Wednesday 2030-03-06 23:30 in Shanghai (15:30 UTC)
    const wednesdayNight = new Date('2030-03-06T15:30:00Z');
    expect(presetTime('tomorrowMorning', wednesdayNight, 'Asia/Shanghai').toISOString()).toBe('2030-03-07T01:00:00.000Z');
    expect(presetTime('nextMonday', wednesdayNight, 'Asia/Shanghai').toISOString()).toBe('2030-03-11T01:00:00.000Z');
    const monday = new Date('2030-03-11T10:00:00Z');
    expect(presetTime('nextMonday', monday, 'UTC').toISOString()).toBe('2030-03-18T09:00:00.000Z');
    expect(presetTime('inHour', monday, 'UTC').toISOString()).toBe('2030-03-11T11:00:00.000Z');
  });
});
