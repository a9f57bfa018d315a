import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './paths';

describe('safeNext', () => {
  it('keeps same-origin paths', () => {
    expect(safeNext('/settings/security?tab=2fa')).toBe('/settings/security?tab=2fa');
  });

  it.each([null, '', 'https://evil.example', '//evil.example/x', '/\\evil.example', 'settings', '/login', '/login/2fa'])(
    'sends %j home',
    (value) => {
      expect(safeNext(value)).toBe('/');
    },
  );
});

describe('loginPath', () => {
  it('adds ?next only when it leads somewhere other than home', () => {
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/settings/security')).toBe('/login?next=%2Fsettings%2Fsecurity');
  });
});
