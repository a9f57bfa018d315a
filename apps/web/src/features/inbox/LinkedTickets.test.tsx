import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../api/types';
import { problem, renderApp, session, testUser } from '../../test/renderApp';
import { agent, ids, listItem, message, ticket } from '../../test/ticketFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };

const supervisor: Me = { ...testUser, role: 'supervisor', permissions: ['ticket.read', 'ticket.update', 'ticket.note', 'ticket.merge'] };
const linked43 = { id: ids.ticket2, number: 43, subject: 'Refund please', status: 'pending' as const };
const path = `/inbox/tickets/${ids.ticket}`;

function staff(user: Me, extra: Record<string, Handler> = {}) {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user }) }),
    [`GET /tickets/${ids.ticket}`]: () => ({ status: 200, body: ticket() }),
    [`GET /tickets/${ids.ticket}/messages`]: (_body: unknown, url: URL) => ({
      status: 200,
      body: { items: Number(url.searchParams.get('afterSeq') ?? 0) ? [] : [message(1, { bodyText: 'My printer is on fire.' })] },
    }),
    [`GET /tickets/${ids.ticket}/links`]: () => ({ status: 200, body: { items: [linked43] } }),
    // The search used to find tickets; the requester card's list has no q.
    'GET /tickets': (_body: unknown, url: URL) => ({
      status: 200,
      body: {
        items: url.searchParams.get('q')
          ? [listItem(), listItem({ id: ids.ticket3, number: 44, subject: 'Where is my order', status: 'new' })]
          : [],
        nextCursor: null,
      },
    }),
    'GET /agents': () => ({ status: 200, body: { items: [agent()] } }),
    'GET /views': () => ({ status: 200, body: [] }),
    ...extra,
  } satisfies Record<string, Handler>;
}

const panel = () => screen.findByRole('region', { name: 'Linked tickets' });

beforeAll(() => import('./pages'));

describe('linked and merged tickets', { timeout: 20_000 }, () => {
  it('lists linked tickets, links one found by search and removes another', async () => {
    const { requests } = await renderApp(
      path,
      staff(supervisor, {
        [`POST /tickets/${ids.ticket}/links`]: () => ({ status: 201, body: { id: ids.ticket3, number: 44, subject: 'x', status: 'new' } }),
        [`DELETE /tickets/${ids.ticket}/links/${ids.ticket2}`]: () => ({ status: 204 }),
      }),
    );
    const user = userEvent.setup();
    const region = await panel();
    const link = await within(region).findByRole('link', { name: '#43 Refund please' });
    expect(link.getAttribute('href')).toBe(`/inbox/tickets/${ids.ticket2}`);

    await user.click(within(region).getByRole('button', { name: 'Link a ticket' }));
    await user.type(within(region).getByRole('searchbox', { name: 'Find a ticket to link' }), 'order');
    const results = await within(region).findByRole('list', { name: 'Matching tickets' }, { timeout: 3000 });
    // This ticket itself is never offered.
    expect(within(results).queryByText(/#42/)).toBeNull();
    await user.click(within(results).getByRole('button', { name: 'Link #44' }));
    await waitFor(() =>
      expect(requests.find((r) => r.method === 'POST' && r.path === `/tickets/${ids.ticket}/links`)?.body).toEqual({
        otherId: ids.ticket3,
      }),
    );
    expect(requests.filter((r) => r.path === `/tickets/${ids.ticket}/links` && r.method === 'GET').length).toBeGreaterThan(1);

    await user.click(within(region).getByRole('button', { name: 'Remove link to #43' }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === 'DELETE' && r.path === `/tickets/${ids.ticket}/links/${ids.ticket2}`)).toBe(true),
    );
  });

  it('shows why a link failed', async () => {
    await renderApp(
      path,
      staff(supervisor, { [`DELETE /tickets/${ids.ticket}/links/${ids.ticket2}`]: () => problem(404, 'link.invalid') }),
    );
    const user = userEvent.setup();
    const region = await panel();
    await user.click(await within(region).findByRole('button', { name: 'Remove link to #43' }));
    expect(await within(region).findByText("These tickets can't be linked.")).toBeTruthy();
  });

  it('merges after confirming, then shows where the ticket went', async () => {
    let merged = false;
    const { requests } = await renderApp(
      path,
      staff(supervisor, {
        [`GET /tickets/${ids.ticket}`]: () => ({
          status: 200,
          body: merged ? ticket({ status: 'closed', mergedIntoId: ids.ticket3, version: 7 }) : ticket(),
        }),
        [`GET /tickets/${ids.ticket3}`]: () => ({
          status: 200,
          body: ticket({ id: ids.ticket3, number: 44, subject: 'Where is my order' }),
        }),
        [`POST /tickets/${ids.ticket}/merge`]: () => {
          merged = true;
          return { status: 200, body: ticket({ id: ids.ticket3, number: 44, subject: 'Where is my order' }) };
        },
      }),
    );
    const user = userEvent.setup();
    const region = await panel();
    await user.click(within(region).getByRole('button', { name: 'Merge into…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge #42 into another ticket' });
    await user.type(within(dialog).getByRole('searchbox', { name: 'Find the ticket to merge into' }), 'order');
    await user.click(await within(dialog).findByRole('button', { name: 'Choose #44' }, { timeout: 3000 }));
    expect(within(dialog).getByText(/All messages, attachments and followers of #42 move to #44/)).toBeTruthy();
    // Nothing is sent before the confirmation.
    expect(requests.some((r) => r.path.endsWith('/merge'))).toBe(false);
    await user.type(within(dialog).getByRole('textbox', { name: 'Internal note (optional)' }), 'Same order');
    await user.click(within(dialog).getByRole('button', { name: 'Merge into #44' }));

    await waitFor(() =>
      expect(requests.find((r) => r.path === `/tickets/${ids.ticket}/merge`)?.body).toEqual({ targetId: ids.ticket3, note: 'Same order' }),
    );
    const banner = await screen.findByRole('link', { name: 'Merged into #44 Where is my order' });
    expect(banner.getAttribute('href')).toBe(`/inbox/tickets/${ids.ticket3}`);
    expect(screen.queryByRole('button', { name: 'Merge into…' })).toBeNull();
  });

  it('hides merge from agents without ticket.merge, and splits a customer reply into a new ticket', async () => {
    const agentUser: Me = { ...testUser, permissions: ['ticket.read', 'ticket.update'] };
    const { requests } = await renderApp(
      path,
      staff(agentUser, {
        [`POST /tickets/${ids.ticket}/split`]: () => ({ status: 201, body: ticket({ id: ids.ticket3, number: 45, subject: 'Toner' }) }),
      }),
    );
    const user = userEvent.setup();
    const region = await panel();
    expect(within(region).queryByRole('button', { name: 'Merge into…' })).toBeNull();

    await user.click(await screen.findByRole('button', { name: 'Split into new ticket' }));
    const dialog = await screen.findByRole('dialog', { name: 'Split into a new ticket' });
    const subject = within(dialog).getByRole('textbox', { name: 'Subject of the new ticket' });
    expect((subject as HTMLInputElement).value).toBe('My printer is on fire.');
    await user.clear(subject);
    await user.click(within(dialog).getByRole('button', { name: 'Create ticket' }));
    expect(within(dialog).getByText('This field is required.')).toBeTruthy();
    await user.type(subject, 'Toner');
    await user.click(within(dialog).getByRole('button', { name: 'Create ticket' }));
    expect(await within(dialog).findByText('Created ticket #45.')).toBeTruthy();
    expect(requests.find((r) => r.path === `/tickets/${ids.ticket}/split`)?.body).toEqual({ messageId: message(1).id, subject: 'Toner' });
  });
});
