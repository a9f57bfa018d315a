import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, session, testUser } from '../../test/renderApp';
import { agent, ids, message, ticket } from '../../test/ticketFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };

function staff(extra: Record<string, Handler> = {}) {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user: { ...testUser, timezone: 'Asia/Shanghai' } }) }),
    [`GET /tickets/${ids.ticket}`]: () => ({ status: 200, body: ticket() }),
    [`GET /tickets/${ids.ticket}/messages`]: () => ({ status: 200, body: { items: [message(1, { bodyHtml: '<p>Help</p>' })] } }),
    [`GET /tickets/${ids.ticket}/scheduled`]: () => ({ status: 200, body: { items: [] } }),
    'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /agents': () => ({ status: 200, body: { items: [agent(), agent({ id: ids.grace, name: 'Grace Hopper' })] } }),
    'GET /views': () => ({ status: 200, body: [] }),
    ...extra,
  } satisfies Record<string, Handler>;
}

const posted = (requests: { method: string; path: string; body: unknown }[]) =>
  requests.filter((r) => r.method === 'POST' && r.path === `/tickets/${ids.ticket}/messages`).map((r) => r.body);

beforeAll(() => import('./pages'));

describe('rich composer', { timeout: 30_000 }, () => {
  it('mentions a teammate in a note with the markup the server reads', async () => {
    const { requests } = await renderApp(
      `/inbox/tickets/${ids.ticket}`,
      staff({
        [`POST /tickets/${ids.ticket}/messages`]: () => ({ status: 201, body: { message: null, ticketVersion: 2, status: 'open' } }),
      }),
    );
    const user = userEvent.setup();
    await screen.findByText('Help');
    await user.click(screen.getByRole('radio', { name: 'Internal note' }));
    const editor = await screen.findByRole('textbox', { name: /Internal note/ });
    await user.click(editor);
    await user.keyboard('@gr');
    const list = await screen.findByRole('listbox', { name: 'Mention a teammate' });
    const option = within(list).getByRole('option', { name: 'Grace Hopper' });
    expect(option.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    await user.keyboard('please check');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(posted(requests)).toHaveLength(1));
    const body = posted(requests)[0] as { kind: string; bodyHtml: string };
    expect(body.kind).toBe('note');
    expect(body.bodyHtml).toContain(`<span data-mention="${ids.grace}" class="mention">@Grace Hopper</span>`);
  });

  it('schedules a reply for tomorrow 9:00 in the agent’s time zone', async () => {
    const { requests } = await renderApp(
      `/inbox/tickets/${ids.ticket}`,
      staff({
        [`POST /tickets/${ids.ticket}/messages`]: (body) => ({
          status: 202,
          body: {
            id: ids.macro,
            ticketId: ids.ticket,
            authorId: testUser.id,
            kind: 'reply',
            bodyHtml: (body as { bodyHtml: string }).bodyHtml,
            attachmentIds: [],
            thenStatus: null,
            sendAt: (body as { sendAt: string }).sendAt,
            state: 'scheduled',
            messageId: null,
            error: null,
            createdAt: '',
            updatedAt: '',
          },
        }),
      }),
    );
    const user = userEvent.setup();
    await screen.findByText('Help');
    await user.type(await screen.findByRole('textbox', { name: 'Reply to Carl Customer' }), 'Morning!');
    await user.click(screen.getByRole('button', { name: 'Send later options' }));
    await user.click(await screen.findByRole('menuitem', { name: /Tomorrow at 9:00/ }));
    await waitFor(() => expect(posted(requests)).toHaveLength(1));
    const body = posted(requests)[0] as { kind: string; bodyHtml: string; sendAt: string };
    expect(body).toMatchObject({ kind: 'reply', bodyHtml: '<p>Morning!</p>' });
    // 9:00 in Shanghai is 01:00 UTC
    expect(body.sendAt).toMatch(/T01:00:00\.000Z$/);
    expect(new Date(body.sendAt).getTime()).toBeGreaterThan(Date.now());
    expect(await screen.findByText(/^Scheduled for /)).toBeTruthy();
  });
});
