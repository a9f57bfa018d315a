import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, renderApp, session, testUser } from '../../test/renderApp';
import { customerTicket, ids, message } from '../../test/ticketFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };

const carl = { ...testUser, id: ids.customer, name: 'Carl Customer', email: 'carl@example.com', role: 'customer' };
const carlRef = { id: ids.customer, name: 'Carl Customer', email: null, kind: 'customer' as const };
const support = { id: ids.grace, name: 'Grace Hopper', email: null, kind: 'agent' as const };

function customer(extra: Record<string, Handler> = {}) {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user: carl }) }),
    'GET /tickets': () => ({ status: 200, body: { items: [{ ...customerTicket(), snippet: null }], nextCursor: null } }),
    'GET /categories': () => ({ status: 200, body: [] }),
    'GET /custom-fields': () => ({ status: 200, body: [] }),
    ...extra,
  } satisfies Record<string, Handler>;
}

function conversation(status: 'open' | 'solved' | 'closed', extra: Record<string, Handler> = {}) {
  return customer({
    [`GET /tickets/${ids.ticket}`]: () => ({ status: 200, body: customerTicket({ status }) }),
    [`GET /tickets/${ids.ticket}/messages`]: () => ({
      status: 200,
      body: {
        items: [
          message(1, { author: carlRef, bodyHtml: '<p>My printer is on fire.</p>' }),
          message(3, { author: support, authorKind: 'agent', bodyHtml: '<p>Please unplug it.</p>' }),
        ],
      },
    }),
    ...extra,
  });
}

beforeAll(() => import('./pages'));

describe('customer portal', () => {
  it('sends customers to their tickets', async () => {
    await renderApp('/', customer());
    expect(await screen.findByRole('heading', { name: 'My tickets' })).toBeTruthy();
    expect(window.location.pathname).toBe('/portal');
    const list = await screen.findByRole('list', { name: 'My tickets' });
    expect(within(list).getByRole('link', { name: 'Printer on fire' }).getAttribute('href')).toBe(`/portal/tickets/${ids.ticket}`);
    expect(within(list).getByText('Open')).toBeTruthy();
  });

  it('invites a first question when there are no tickets yet', async () => {
    await renderApp('/portal', customer({ 'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }) }));
    expect(await screen.findByText("You haven't asked us anything yet.")).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'New ticket' }).length).toBeGreaterThan(0);
  });

  it('checks the new-ticket form, then shows the server errors next to the fields', async () => {
    const { requests } = await renderApp(
      '/portal/new',
      customer({
        'GET /categories': () => ({
          status: 200,
          body: [{ id: ids.team, name: 'Billing', names: { en: 'Billing', 'zh-CN': '账单' }, description: null }],
        }),
        'POST /tickets': () =>
          problem(400, 'validation.failed', {
            errors: [
              { path: 'body.subject', message: 'Too big', code: 'too_big' },
              { path: 'body.bodyText', message: 'Write a message', code: 'body_required' },
            ],
          }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Submit ticket' }));
    expect(screen.getAllByText('This field is required.')).toHaveLength(2);
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Category' }), ids.team);
    await user.type(screen.getByRole('textbox', { name: /Subject/ }), 'Refund');
    await user.type(screen.getByRole('textbox', { name: /Description/ }), '   x');
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));

    const subject = screen.getByRole('textbox', { name: /Subject/ });
    await waitFor(() => expect(subject.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('This value is too long.')).toBeTruthy();
    expect(screen.getByText('Write a message.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Some fields need your attention.');
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ subject: 'Refund', bodyText: 'x', categoryId: ids.team });
    expect(post?.headers['idempotency-key']).toMatch(/.{16,}/);
  });

  it('sends the fields customers may fill in and opens the new ticket', async () => {
    const field = (key: string, editable: boolean) => ({
      id: `00000000-0000-4000-8000-0000000cf${editable ? '001' : '002'}`,
      key,
      type: 'dropdown',
      label: key,
      labels: { en: key === 'plan' ? 'Plan' : 'Internal rank', 'zh-CN': '套餐' },
      options: [{ value: 'gold', label: 'Gold', labels: { en: 'Gold' } }],
      editable,
    });
    const { requests } = await renderApp(
      '/portal/new',
      conversation('open', {
        'GET /custom-fields': () => ({ status: 200, body: [field('plan', true), field('rank', false)] }),
        'POST /tickets': () => ({ status: 201, body: customerTicket() }),
      }),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /Subject/ }), 'Printer on fire');
    await user.type(screen.getByRole('textbox', { name: /Description/ }), 'Smoke everywhere');
    expect(screen.queryByRole('combobox', { name: 'Category' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Internal rank' })).toBeNull();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Plan' }), 'gold');
    await user.click(screen.getByRole('button', { name: 'Submit ticket' }));
    expect(await screen.findByText('Please unplug it.')).toBeTruthy();
    expect(window.location.pathname).toBe(`/portal/tickets/${ids.ticket}`);
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      subject: 'Printer on fire',
      bodyText: 'Smoke everywhere',
      customFields: { plan: 'gold' },
    });
  });

  it('shows the public conversation, replies and marks the ticket solved', async () => {
    const { requests, socket } = await renderApp(
      `/portal/tickets/${ids.ticket}`,
      conversation('open', {
        [`POST /tickets/${ids.ticket}/messages`]: () => ({
          status: 201,
          body: { message: message(4, { author: carlRef, bodyHtml: '<p>Done, thanks.</p>' }), ticketVersion: 3, status: 'open' },
        }),
        [`PATCH /tickets/${ids.ticket}`]: () => ({ status: 200, body: customerTicket({ status: 'solved' }) }),
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('Please unplug it.')).toBeTruthy();
    expect(screen.getByText('Grace Hopper')).toBeTruthy();
    expect(screen.getByText('You')).toBeTruthy();
    expect(socket.rooms()).toContain(`conversation:${ids.ticket}`);

    await user.type(screen.getByRole('textbox', { name: 'Your reply' }), 'Done, thanks.');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Done, thanks.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ kind: 'reply', bodyText: 'Done, thanks.' });

    socket.push('message.created', message(5, { author: support, authorKind: 'agent', bodyHtml: '<p>Glad to hear it!</p>' }));
    expect(await screen.findByText('Glad to hear it!')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Mark as solved' }));
    expect(await screen.findByRole('heading', { name: 'How did we do?' })).toBeTruthy();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ status: 'solved' });
  });

  it('asks for a rating once the ticket is solved and then thanks the customer', async () => {
    const { requests } = await renderApp(
      `/portal/tickets/${ids.ticket}`,
      conversation('solved', {
        [`POST /tickets/${ids.ticket}/satisfaction`]: (body) => ({
          status: 200,
          body: customerTicket({ status: 'solved', satisfaction: (body as { score: number }).score, satisfactionComment: 'Quick help' }),
        }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Send rating' }));
    expect(screen.getByText('Choose a rating from 1 to 5 stars.')).toBeTruthy();
    expect(requests.some((r) => r.path.endsWith('/satisfaction'))).toBe(false);

    // The visible star is the radio's label (the input itself is visually hidden).
    const fourStars = screen.getByRole('radio', { name: '4 stars' });
    await user.click(document.querySelector(`label[for="${fourStars.id}"]`) as HTMLElement);

    await user.type(screen.getByRole('textbox', { name: 'Comment (optional)' }), 'Quick help');
    await user.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(await screen.findByText('Thanks for your feedback!')).toBeTruthy();
    expect(screen.getByText('Quick help')).toBeTruthy();
    expect(requests.find((r) => r.path.endsWith('/satisfaction'))?.body).toEqual({ score: 4, comment: 'Quick help' });
    // Solved tickets can still be reopened by replying.
    expect(screen.getByRole('textbox', { name: 'Still need help? Reply to reopen' })).toBeTruthy();
  });

  it('offers no reply box on a closed ticket', async () => {
    await renderApp(`/portal/tickets/${ids.ticket}`, conversation('closed'));
    expect(await screen.findByText('This ticket is closed. If you need more help, please open a new ticket.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Your reply' })).toBeNull();
  });

  it('sends staff from the portal to their workspace', async () => {
    await renderApp('/portal', {
      'GET /auth/session': () => ({ status: 200, body: session({ user: testUser }) }),
      'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    });
    expect(await screen.findByRole('heading', { name: 'My open tickets' })).toBeTruthy();
    expect(window.location.pathname).toBe('/inbox/view/mine');
  });
});
