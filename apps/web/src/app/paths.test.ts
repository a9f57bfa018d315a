import { describe, expect, it } from 'vitest';
import { inboxViewPath, loginPath, portalTicketPath, safeNext, ticketPath } from './paths';

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

describe('area paths', () => {
  it('builds inbox, ticket and portal links with encoded segments', () => {
    expect(inboxViewPath('mine')).toBe('/inbox/view/mine');
    expect(ticketPath('0192-ab')).toBe('/inbox/tickets/0192-ab');
    expect(portalTicketPath('a/b')).toBe('/portal/tickets/a%2Fb');
  });
});
