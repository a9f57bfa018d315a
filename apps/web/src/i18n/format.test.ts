import { describe, expect, it } from 'vitest';
import { formatDateTime, formatFileSize, formatList, formatRelative, safeTimeZone } from './format';

const now = Date.parse('2026-03-04T12:00:00Z');

describe('formatDateTime', () => {
  it('uses the time zone of the user, not the browser', () => {
    expect(formatDateTime('2026-03-04T23:30:00Z', 'en', 'Asia/Shanghai')).toBe('Mar 5, 2026, 7:30 AM');
    expect(formatDateTime('2026-03-04T23:30:00Z', 'en', 'America/New_York')).toBe('Mar 4, 2026, 6:30 PM');
  });

  it('follows the language', () => {
    expect(formatDateTime('2026-03-04T23:30:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('2026年3月5日 07:30');
  });

  it('falls back to the browser zone for an unknown zone and prints nothing for a bad date', () => {
    expect(safeTimeZone('Mars/Olympus')).toBeUndefined();
    expect(formatDateTime('2026-03-04T23:30:00Z', 'en', 'Mars/Olympus')).not.toBe('');
    expect(formatDateTime('not a date', 'en', 'UTC')).toBe('');
  });
});

describe('formatRelative', () => {
  it.each([
    ['2026-03-04T11:59:40Z', 'en', 'now'],
    ['2026-03-04T11:55:00Z', 'en', '5 minutes ago'],
    ['2026-03-04T14:00:00Z', 'en', 'in 2 hours'],
    ['2026-03-03T11:00:00Z', 'en', 'yesterday'],
    ['2026-03-04T11:55:00Z', 'zh-CN', '5分钟前'],
    ['2026-03-04T14:00:00Z', 'zh-CN', '2小时后'],
  ])('%s in %s is %s', (iso, locale, expected) => {
    expect(formatRelative(iso, now, locale)).toBe(expected);
  });
});

describe('formatFileSize and formatList', () => {
  it('picks a readable unit', () => {
    expect(formatFileSize(512, 'en')).toBe('512 bytes');
    expect(formatFileSize(1536, 'en')).toBe('1.5 kB');
    expect(formatFileSize(5 * 1024 * 1024, 'en')).toBe('5 MB');
  });

  it('joins with the language conjunction', () => {
    expect(formatList(['a', 'b', 'c'], 'en')).toBe('a, b, and c');
    expect(formatList(['a', 'b', 'c'], 'zh-CN')).toBe('a、b和c');
  });
});
