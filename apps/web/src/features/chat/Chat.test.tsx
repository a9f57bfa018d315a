import { SYSTEM_ROLES } from '@switchboard/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentChat } from '../../api/chat.api';
import { renderApp, session, testUser } from '../../test/renderApp';
import { agent, ids, message, ticket } from '../../test/ticketFixtures';
import { agentChat, chatIds } from './chatFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };

const chatAgent = { ...testUser, role: 'agent', permissions: [...SYSTEM_ROLES.agent] };
const grace = agent({ id: ids.grace, name: 'Grace Hopper', availability: 'online' });
const away = agent({ id: ids.customer, name: 'Alan Away', availability: 'away' });

function staff(chats: () => AgentChat[], extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user: chatAgent }) }),
    'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /agents': () => ({ status: 200, body: { items: [agent(), grace, away] } }),
    'GET /teams': () => ({ status: 200, body: { items: [{ id: ids.team, name: 'Billing', description: null, memberIds: [] }] } }),
    'GET /views': () => ({ status: 200, body: [] }),
    'GET /views/counts': () => ({ status: 200, body: {} }),
    'GET /chats': () => ({ status: 200, body: { items: chats() } }),
    [`GET /tickets/${ids.ticket}`]: () => ({ status: 200, body: ticket({ channel: 'web_chat', language: 'zh-CN' }) }),
    [`GET /tickets/${ids.ticket}/messages`]: () => ({
      status: 200,
      body: {
        items: [
          message(1, { bodyHtml: '<p>My order is late</p>' }),
          message(2, { authorKind: 'agent', author: { id: testUser.id, name: 'Ada', email: null, kind: 'agent' } }),
        ],
      },
    }),
    [`GET /tickets/${ids.ticket}/scheduled`]: () => ({ status: 200, body: { items: [] } }),
    ...extra,
  };
}

const offered = (seconds: number) => ({
  sessionId: chatIds.session,
  ticketId: ids.ticket,
  ticketNumber: 42,
  visitorName: 'Vera Visitor',
  teamId: null,
  preview: 'My order is late',
  expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
  transferredBy: null,
});

beforeAll(() => import('../inbox/pages'));

describe('incoming chat offers', { timeout: 30_000 }, () => {
  it('shows who is waiting and what they wrote, and accepting opens the chat', async () => {
    const queuedAt = new Date(Date.now() - 125_000).toISOString();
    const { socket, requests } = await renderApp(
      '/inbox/view/mine',
      staff(() => [agentChat({ state: 'offered', offeredAgentId: testUser.id, queuedAt })], {
        [`POST /chats/${chatIds.session}/accept`]: () => ({ status: 200, body: agentChat({ state: 'active', agentId: testUser.id }) }),
      }),
    );
    await screen.findByRole('heading', { name: 'My open tickets' });
    socket.push('chat.offered', offered(30));
    const dialog = await screen.findByRole('dialog', { name: 'Incoming chat from Vera Visitor' });
    expect(within(dialog).getByText('My order is late')).toBeTruthy();
    expect(within(dialog).getByText(/Expires in (29|30) seconds/)).toBeTruthy();
    expect(await within(dialog).findByText('Language: Chinese (China)')).toBeTruthy();
    expect(within(dialog).getByText(/Waiting 2:0\d/)).toBeTruthy();
    // Announced to screen readers without taking focus.
    expect(screen.getAllByRole('status').some((el) => el.textContent?.startsWith('Incoming chat from Vera Visitor.'))).toBe(true);

    await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(window.location.pathname).toBe(`/inbox/tickets/${ids.ticket}`));
    expect(requests.some((r) => r.method === 'POST' && r.path === `/chats/${chatIds.session}/accept`)).toBe(true);
    expect(screen.queryByRole('dialog', { name: /Incoming chat/ })).toBeNull();
  });

  it('disappears when it expires, is revoked or someone else takes the chat', async () => {
    const { socket } = await renderApp(
      '/inbox/view/mine',
      staff(() => []),
    );
    await screen.findByRole('heading', { name: 'My open tickets' });

    socket.push('chat.offered', offered(1.2));
    expect(await screen.findByRole('dialog', { name: /Incoming chat/ })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Incoming chat/ })).toBeNull(), { timeout: 4000 });

    socket.push('chat.offered', offered(30));
    expect(await screen.findByRole('dialog', { name: /Incoming chat/ })).toBeTruthy();
    socket.push('chat.offer_revoked', { sessionId: chatIds.session, reason: 'timeout' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Incoming chat/ })).toBeNull());

    socket.push('chat.offered', offered(30));
    expect(await screen.findByRole('dialog', { name: /Incoming chat/ })).toBeTruthy();
    socket.push('chat.changed', agentChat({ state: 'active', agentId: ids.grace }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Incoming chat/ })).toBeNull());
  });

  it('says so when the chat was taken meanwhile and declining sends the decline', async () => {
    const { socket, requests } = await renderApp(
      '/inbox/view/mine',
      staff(() => [], {
        [`POST /chats/${chatIds.session}/accept`]: () => ({
          status: 409,
          body: { type: 'about:blank', title: 'x', status: 409, code: 'chat.offer_not_found' },
        }),
        [`POST /chats/${chatIds.session2}/decline`]: () => ({ status: 200, body: agentChat({ id: chatIds.session2, state: 'queued' }) }),
      }),
    );
    await screen.findByRole('heading', { name: 'My open tickets' });
    const user = userEvent.setup();
    socket.push('chat.offered', offered(30));
    await user.click(within(await screen.findByRole('dialog', { name: /Incoming chat/ })).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Incoming chat/ })).toBeNull());
    expect(screen.getByText('The chat with Vera Visitor was taken by someone else or has expired.')).toBeTruthy();
    expect(window.location.pathname).toBe('/inbox/view/mine');

    socket.push('chat.offered', { ...offered(30), sessionId: chatIds.session2, visitorName: 'Otto' });
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Incoming chat from Otto' })).getByRole('button', { name: 'Decline' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Incoming chat/ })).toBeNull());
    expect(requests.filter((r) => r.method === 'POST' && r.path === `/chats/${chatIds.session2}/decline`)).toHaveLength(1);
  });
});

describe('chats in the sidebar', { timeout: 30_000 }, () => {
  it('lists my live chats and the waiting queues, live', async () => {
    const { socket } = await renderApp(
      '/inbox/view/mine',
      staff(() => [
        agentChat({ state: 'active', agentId: testUser.id }),
        agentChat({
          id: 'q1',
          ticketId: ids.ticket2,
          state: 'queued',
          teamId: ids.team,
          visitor: { id: 'v2', name: 'Quinn', email: null },
        }),
      ]),
    );
    const nav = await screen.findByRole('group', { name: 'Chats' });
    expect(await within(nav).findByRole('link', { name: /Vera Visitor/ })).toBeTruthy();
    expect(await within(nav).findByText('Billing')).toBeTruthy();
    expect(within(nav).getByText(/^1 waiting · \d:\d\d$/)).toBeTruthy();
    socket.push('chat.changed', agentChat({ state: 'ended', agentId: testUser.id }));
    await waitFor(() => expect(within(nav).queryByRole('link', { name: /Vera Visitor/ })).toBeNull());
    expect(within(nav).getByText('No live chats')).toBeTruthy();
  });
});
