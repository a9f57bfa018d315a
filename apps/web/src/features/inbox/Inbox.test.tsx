import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, renderApp, session, testUser } from '../../test/renderApp';
import { agent, ids, listItem } from '../../test/ticketFixtures';

const grace = agent({ id: ids.grace, name: 'Grace Hopper', availability: 'away' });

// A function so the SLA due time is fresh for each test.
const makeItems = () => [
  listItem({
    id: ids.ticket,
    number: 42,
    subject: 'Printer on fire',
    priority: 'urgent',
    assigneeId: ids.grace,
    sla: { state: 'at_risk', dueAt: new Date(Date.now() + 20.5 * 60_000).toISOString(), policyId: null, clocks: [] },
  }),
  listItem({ id: ids.ticket2, number: 43, subject: 'Refund please', status: 'pending' }),
  listItem({ id: ids.ticket3, number: 44, subject: 'Where is my order', status: 'new' }),
];

function staff(extra: Record<string, (body: unknown, url: URL) => { status: number; body?: unknown }> = {}) {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user: testUser }) }),
    'GET /tickets': () => ({ status: 200, body: { items: makeItems(), nextCursor: null } }),
    'GET /agents': () => ({ status: 200, body: { items: [agent(), grace] } }),
    'GET /views': () => ({
      status: 200,
      body: [
        {
          id: ids.view,
          name: 'VIP queue',
          shared: true,
          ownerId: null,
          filters: {},
          sort: 'updated_desc',
          position: 0,
          createdAt: '',
          updatedAt: '',
        },
      ],
    }),
    'GET /views/counts': () => ({ status: 200, body: { [ids.view]: { count: 10000, capped: true }, all: { count: 7, capped: false } } }),
    ...extra,
  };
}

// Load the lazy chunk once up front, so the first test does not spend its wait on the import.
beforeAll(() => import('./pages'));

const rowOf = (subject: string) => screen.getByRole('link', { name: subject }).closest('tr') as HTMLElement;

describe('agent inbox', () => {
  it('sends agents to their open tickets and shows status, priority, assignee and SLA', async () => {
    const { requests } = await renderApp('/', staff());
    expect(await screen.findByRole('heading', { name: 'My open tickets' })).toBeTruthy();
    expect(window.location.pathname).toBe('/inbox/view/mine');
    const row = await waitFor(() => rowOf('Printer on fire'));
    expect(within(row).getByText('Open')).toBeTruthy();
    expect(within(row).getByText('Urgent')).toBeTruthy();
    expect(within(row).getByText('#42 · Carl Customer')).toBeTruthy();
    expect(await within(row).findByText('Grace Hopper')).toBeTruthy();
    expect(within(row).getByText('Due in 20 minutes')).toBeTruthy();
    expect(requests.some((r) => r.path === '/tickets')).toBe(true);
    const nav = screen.getByRole('navigation', { name: 'Agent workspace' });
    expect(within(nav).getByRole('link', { name: /VIP queue/ }).textContent).toContain('10,000+');
    // Built-in views get their counts from the same endpoint.
    expect(within(nav).getByRole('link', { name: /All open/ }).textContent).toContain('7');
    expect(within(nav).getByRole('link', { name: 'My open tickets' }).getAttribute('aria-current')).toBe('page');
  });

  it('moves with j/k, selects with x and opens with Enter', async () => {
    await renderApp('/inbox/view/mine', staff());
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Printer on fire' });

    await user.keyboard('j');
    expect(rowOf('Printer on fire').dataset.active).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Printer on fire' }));
    await user.keyboard('j');
    expect(rowOf('Refund please').dataset.active).toBe('true');
    expect(rowOf('Printer on fire').dataset.active).toBeUndefined();
    await user.keyboard('jj');
    expect(rowOf('Where is my order').dataset.active).toBe('true');
    await user.keyboard('k');
    expect(rowOf('Refund please').dataset.active).toBe('true');

    await user.keyboard('x');
    expect((screen.getByRole('checkbox', { name: 'Select ticket #43' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('1 ticket selected')).toBeTruthy();

    // Typing in the search box is not a shortcut.
    await user.click(screen.getByRole('searchbox', { name: 'Search tickets' }));
    await user.keyboard('jx');
    expect(rowOf('Refund please').dataset.active).toBe('true');
    expect(screen.getByText('1 ticket selected')).toBeTruthy();

    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.pathname).toBe(`/inbox/tickets/${ids.ticket2}`));
  });

  it('updates selected tickets in bulk and reports the ones that failed', async () => {
    const { requests } = await renderApp(
      '/inbox/view/mine',
      staff({
        'POST /tickets/bulk': () => ({
          status: 200,
          body: { updated: [ids.ticket], failed: [{ id: ids.ticket3, code: 'ticket.invalid_transition', detail: 'no' }] },
        }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Select ticket #42' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select ticket #44' }));
    expect(screen.getByText('2 tickets selected')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Set status' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Pending', hidden: true }));

    expect(await screen.findByText("Updated 1; 1 couldn't be changed and are still selected.")).toBeTruthy();
    expect(requests.find((r) => r.path === '/tickets/bulk')?.body).toEqual({
      ids: [ids.ticket, ids.ticket3],
      changes: { status: 'pending' },
    });
    expect((screen.getByRole('checkbox', { name: 'Select ticket #44' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Select ticket #42' }) as HTMLInputElement).checked).toBe(false);
  });

  it('searches within the view and shows where the words were found', async () => {
    const { requests } = await renderApp(
      '/inbox/view/all',
      staff({
        'GET /tickets': (_body, url) => ({
          status: 200,
          body: {
            items: url.searchParams.get('q')
              ? [listItem({ subject: 'Refund please', snippet: 'I was charged twice for my order' })]
              : makeItems(),
            nextCursor: null,
          },
        }),
      }),
    );
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Printer on fire' });
    await user.type(screen.getByRole('searchbox', { name: 'Search tickets' }), 'charged twice{Enter}');
    expect(await screen.findByText('I was charged twice for my order')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Printer on fire' })).toBeNull();
    const searched = requests.filter((r) => r.path === '/tickets').at(-1);
    expect(searched).toBeTruthy();
    expect(window.location.search).toBe('?q=charged+twice');
  });

  it('asks for the right filters and shows an empty view', async () => {
    const urls: URL[] = [];
    await renderApp(
      '/inbox/view/unassigned',
      staff({
        'GET /tickets': (_body, url) => {
          urls.push(url);
          return { status: 200, body: { items: [], nextCursor: null } };
        },
      }),
    );
    expect(await screen.findByText('No tickets here. Nice work!')).toBeTruthy();
    expect(urls[0]?.searchParams.get('assignee')).toBe('unassigned');
    expect(urls[0]?.searchParams.get('status')).toBe('new,open,pending,on_hold');
  });

  it.each([
    [
      'a ticket changes anywhere in the workspace',
      'ticket.changed',
      { id: ids.ticket, number: 42, version: 6, status: 'open', lastSeq: 4, type: 'ticket.updated' },
    ],
    [
      'new messages arrive, gathered in one tickets.activity push',
      'tickets.activity',
      { changes: [{ id: ids.ticket, number: 42, version: 5, status: 'open', lastSeq: 7, type: 'message.created', kind: 'reply' }] },
    ],
  ])('refreshes the list when %s', async (_what, event, payload) => {
    let calls = 0;
    const { socket } = await renderApp(
      '/inbox/view/mine',
      staff({
        'GET /tickets': () => {
          calls += 1;
          const subject = calls === 1 ? 'Printer on fire' : 'Printer on fire (again)';
          return { status: 200, body: { items: [listItem({ subject })], nextCursor: null } };
        },
      }),
    );
    await screen.findByRole('link', { name: 'Printer on fire' });
    socket.push(event, payload);
    expect(await screen.findByRole('link', { name: 'Printer on fire (again)' }, { timeout: 2000 })).toBeTruthy();
  });

  it('keeps working when saved views are not available, and shows a failing list as an error', async () => {
    await renderApp(
      '/inbox/view/mine',
      staff({ 'GET /views': () => ({ status: 404 }), 'GET /tickets': () => problem(403, 'auth.forbidden') }),
    );
    expect(await screen.findByText("We couldn't load the tickets.")).toBeTruthy();
    expect(screen.getByText("You don't have permission to do that.")).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Agent workspace' });
    expect(within(nav).getByRole('link', { name: 'Unassigned' })).toBeTruthy();
    expect(within(nav).queryByText("Views couldn't be loaded.")).toBeNull();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('changes availability', async () => {
    const { requests } = await renderApp(
      '/inbox/view/mine',
      staff({
        'PUT /me/availability': (body) => ({ status: 200, body: agent({ availability: (body as { availability: 'away' }).availability }) }),
      }),
    );
    const user = userEvent.setup();
    const nav = await screen.findByRole('navigation', { name: 'Agent workspace' });
    const group = await within(nav).findByRole('radiogroup', { name: 'Availability' });
    await waitFor(() => expect((within(group).getByRole('radio', { name: 'Online' }) as HTMLInputElement).checked).toBe(true));
    await user.click(within(group).getByRole('radio', { name: 'Away' }));
    await waitFor(() => expect(requests.find((r) => r.path === '/me/availability')?.body).toEqual({ availability: 'away' }));
    await waitFor(() => expect((within(group).getByRole('radio', { name: 'Away' }) as HTMLInputElement).checked).toBe(true));
  });

  it('keeps customers out of the agent workspace', async () => {
    await renderApp('/inbox/view/mine', {
      'GET /auth/session': () => ({ status: 200, body: session({ user: { ...testUser, role: 'customer' } }) }),
      'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    });
    expect(await screen.findByRole('heading', { name: 'My tickets' })).toBeTruthy();
    expect(window.location.pathname).toBe('/portal');
  });
});
