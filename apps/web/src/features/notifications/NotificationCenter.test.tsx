import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../api/notifications.api';
import { renderApp, session, testUser } from '../../test/renderApp';
import { agent, ids } from '../../test/ticketFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };

const note = (id: string, patch: Partial<Notification> = {}): Notification => ({
  id,
  kind: 'mention',
  ticketId: ids.ticket,
  ticketNumber: 42,
  ticketSubject: 'Printer on fire',
  actor: { id: ids.grace, name: 'Grace Hopper' },
  data: {},
  readAt: null,
  createdAt: new Date().toISOString(),
  ...patch,
});

function staff(extra: Record<string, Handler> = {}) {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user: testUser }) }),
    'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /agents': () => ({ status: 200, body: { items: [agent()] } }),
    'GET /views': () => ({ status: 200, body: [] }),
    'GET /notifications/unread-count': () => ({ status: 200, body: { count: 2 } }),
    'GET /notifications': (_b: unknown, url: URL) =>
      url.searchParams.get('cursor')
        ? {
            status: 200,
            body: { items: [note('n3', { kind: 'sla_breach', actor: null, readAt: '2030-01-01T00:00:00Z' })], nextCursor: null },
          }
        : { status: 200, body: { items: [note('n1'), note('n2', { kind: 'assignment' })], nextCursor: 'next' } },
    ...extra,
  } satisfies Record<string, Handler>;
}

beforeAll(() => import('../inbox/pages'));

describe('notification center', { timeout: 20_000 }, () => {
  it('shows the unread count and counts a live push', async () => {
    const { socket } = await renderApp('/inbox/view/mine', staff());
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeTruthy();
    socket.push('notification.created', note('n9', { kind: 'customer_reply' }));
    expect(await screen.findByRole('button', { name: 'Notifications, 3 unread' })).toBeTruthy();
  });

  it('lists newest first, loads more, marks one read and opens its ticket, and marks all read', async () => {
    const { requests } = await renderApp(
      '/inbox/view/mine',
      staff({
        'POST /notifications/n1/read': () => ({ status: 200, body: note('n1', { readAt: new Date().toISOString() }) }),
        'POST /notifications/read-all': () => ({ status: 200, body: { updated: 1 } }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    const list = await screen.findByRole('list', { name: 'Notifications' });
    const rows = within(list).getAllByRole('button');
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual([
      'Grace Hopper mentioned you on #42, unread',
      'Grace Hopper assigned #42 to you, unread',
    ]);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(list).findByRole('button', { name: 'SLA breached on #42' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.path === '/notifications/read-all')).toBe(true));
    // The badge is gone and every row reads as read; the panel stays open.
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Grace Hopper mentioned you on #42' }));
    await waitFor(() => expect(window.location.pathname).toBe(`/inbox/tickets/${ids.ticket}`));
  });

  it('opens an unread notification: marks it read first', async () => {
    const { requests } = await renderApp(
      '/inbox/view/mine',
      staff({ 'POST /notifications/n1/read': () => ({ status: 200, body: note('n1', { readAt: new Date().toISOString() }) }) }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await user.click(await screen.findByRole('button', { name: 'Grace Hopper mentioned you on #42, unread' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.path === '/notifications/n1/read')).toBe(true));
    await waitFor(() => expect(window.location.pathname).toBe(`/inbox/tickets/${ids.ticket}`));
  });

  it('saves preferences per kind and channel', async () => {
    const kinds = {
      mention: { inApp: true, email: true },
      assignment: { inApp: true, email: true },
      customer_reply: { inApp: true, email: false },
      sla_warning: { inApp: true, email: false },
      sla_breach: { inApp: true, email: false },
    };
    const { requests } = await renderApp(
      '/account/notifications',
      staff({
        'GET /me/notification-preferences': () => ({ status: 200, body: { kinds } }),
        'PUT /me/notification-preferences': (body) => ({ status: 200, body }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'A customer replies on my ticket: Email' }));
    await user.click(screen.getByRole('checkbox', { name: 'Someone mentions me in a note: In the app' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({
      kinds: { ...kinds, customer_reply: { inApp: true, email: true }, mention: { inApp: false, email: true } },
    });
  });
});
