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
const mine = agentChat({ state: 'active', agentId: testUser.id });

function ticketPage(chats: AgentChat[], extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user: chatAgent }) }),
    'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /agents': () => ({ status: 200, body: { items: [agent(), grace, away] } }),
    'GET /teams': () => ({ status: 200, body: { items: [{ id: ids.team, name: 'Billing', description: null, memberIds: [] }] } }),
    'GET /views': () => ({ status: 200, body: [] }),
    'GET /views/counts': () => ({ status: 200, body: {} }),
    'GET /chats': () => ({ status: 200, body: { items: chats } }),
    [`GET /tickets/${ids.ticket}`]: () => ({ status: 200, body: ticket({ channel: 'web_chat' }) }),
    [`GET /tickets/${ids.ticket}/messages`]: () => ({
      status: 200,
      body: {
        items: [
          message(1, { bodyHtml: '<p>My order is late</p>' }),
          message(2, {
            bodyHtml: '<p>Let me check</p>',
            authorKind: 'agent',
            author: { id: testUser.id, name: 'Ada', email: null, kind: 'agent' },
          }),
          message(3, { bodyHtml: '<p>Order 123</p>' }),
        ],
      },
    }),
    [`GET /tickets/${ids.ticket}/scheduled`]: () => ({ status: 200, body: { items: [] } }),
    ...extra,
  };
}

beforeAll(() => import('../inbox/pages'));

describe('chat bar on the ticket page', { timeout: 30_000 }, () => {
  it('shows the visitor typing and the read state of my last reply, and marks the chat read', async () => {
    const { socket } = await renderApp(`/inbox/tickets/${ids.ticket}`, ticketPage([mine]));
    const bar = await screen.findByRole('region', { name: 'Live chat' });
    await screen.findByText('Order 123');
    expect(within(bar).getByText('Vera Visitor')).toBeTruthy();
    expect(within(bar).getByText('Your last reply: sent')).toBeTruthy();
    expect(socket.rooms()).toContain(`chat:${chatIds.session}`);
    await waitFor(() => expect(socket.sent).toContainEqual({ event: 'chat.read', payload: { sessionId: chatIds.session, seq: 3 } }));

    socket.push('chat.typing', { sessionId: chatIds.session, side: 'visitor', name: null, typing: true });
    expect(within(bar).getByText('Vera Visitor is typing…')).toBeTruthy();
    socket.push('chat.typing', { sessionId: chatIds.session, side: 'visitor', name: null, typing: false });
    const cursors = { visitorDeliveredSeq: 2, visitorReadSeq: 2, agentDeliveredSeq: 3, agentReadSeq: 3 };
    socket.push('chat.receipt', { sessionId: chatIds.session, cursors });
    expect(within(bar).getByText('Your last reply: seen')).toBeTruthy();
  });

  it('sends my typing to the visitor for replies only', async () => {
    const { socket } = await renderApp(`/inbox/tickets/${ids.ticket}`, ticketPage([mine]));
    await screen.findByRole('region', { name: 'Live chat' });
    const user = userEvent.setup();
    const typing = () => socket.sent.filter((s) => s.event === 'chat.typing');
    await user.click(await screen.findByRole('textbox', { name: /Reply to/ }));
    await user.keyboard('On it');
    await waitFor(() => expect(typing()).toContainEqual({ event: 'chat.typing', payload: { sessionId: chatIds.session, typing: true } }));
    const before = typing().filter((s) => (s.payload as { typing: boolean }).typing).length;

    await user.click(screen.getByRole('radio', { name: 'Internal note' }));
    await user.click(await screen.findByRole('textbox', { name: /Internal note/ }));
    await user.keyboard('secret');
    expect(typing().at(-1)?.payload).toEqual({ sessionId: chatIds.session, typing: false });
    expect(typing().filter((s) => (s.payload as { typing: boolean }).typing)).toHaveLength(before);
  });

  it('is absent for tickets without a live chat', async () => {
    const { requests } = await renderApp(`/inbox/tickets/${ids.ticket}`, ticketPage([agentChat({ ticketId: ids.ticket2 })]));
    await screen.findByText('Order 123');
    await waitFor(() => expect(requests.some((r) => r.path === '/chats')).toBe(true));
    expect(screen.queryByRole('region', { name: 'Live chat' })).toBeNull();
  });
});

describe('transferring a chat', { timeout: 30_000 }, () => {
  const transfers = (requests: { method: string; path: string; body: unknown }[]) =>
    requests.filter((r) => r.method === 'POST' && r.path === `/chats/${chatIds.session}/transfer`).map((r) => r.body);

  it('needs a target, offers only online agents and sends the note with it', async () => {
    const { requests } = await renderApp(
      `/inbox/tickets/${ids.ticket}`,
      ticketPage([mine], {
        [`POST /chats/${chatIds.session}/transfer`]: () => ({
          status: 200,
          body: { ...mine, state: 'offered', agentId: null, offeredAgentId: ids.grace },
        }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await within(await screen.findByRole('region', { name: 'Live chat' })).findByRole('button', { name: 'Transfer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer the chat with Vera Visitor' });
    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect(await within(dialog).findByText('This field is required.')).toBeTruthy();
    expect(transfers(requests)).toEqual([]);

    const select = within(dialog).getByRole('combobox', { name: /^Agent/ });
    // Only agents who can take it now; never myself.
    expect(within(select).queryByRole('option', { name: 'Alan Away' })).toBeNull();
    expect(within(select).queryByRole('option', { name: 'Ada Lovelace' })).toBeNull();
    await user.selectOptions(select, ids.grace);
    await user.type(within(dialog).getByRole('textbox', { name: /Internal note/ }), '  Billing question ');
    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Transfer the chat/ })).toBeNull());
    expect(transfers(requests)).toEqual([{ toAgentId: ids.grace, note: 'Billing question' }]);
  });

  it('sends a team transfer without an empty note and shows why the server refused', async () => {
    const { requests } = await renderApp(
      `/inbox/tickets/${ids.ticket}`,
      ticketPage([mine], {
        [`POST /chats/${chatIds.session}/transfer`]: () => ({
          status: 409,
          body: { type: 'about:blank', title: 'x', status: 409, code: 'chat.invalid_transition' },
        }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await within(await screen.findByRole('region', { name: 'Live chat' })).findByRole('button', { name: 'Transfer' }));
    const dialog = await screen.findByRole('dialog', { name: /Transfer the chat/ });
    await user.click(within(dialog).getByText('A team'));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Team/ }), ids.team);
    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect(await within(dialog).findByText("The chat can't do that in its current state.")).toBeTruthy();
    expect(transfers(requests)).toEqual([{ toTeamId: ids.team }]);
  });
});
