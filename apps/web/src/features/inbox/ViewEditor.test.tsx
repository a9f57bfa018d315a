import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Me, View } from '../../api/types';
import { problem, renderApp, session, testUser } from '../../test/renderApp';
import { agent, ids } from '../../test/ticketFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };

const newViewId = '00000000-0000-4000-8000-00000000f002';

const vipQueue: View = {
  id: ids.view,
  name: 'VIP queue',
  shared: true,
  ownerId: null,
  filters: { tags: ['vip'], priority: ['high', 'urgent'] },
  sort: 'priority_desc',
  position: 0,
  createdAt: '',
  updatedAt: '',
};

function staff(user: Me, views: View[], extra: Record<string, Handler> = {}) {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user }) }),
    'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    [`GET /views/${ids.view}/tickets`]: () => ({ status: 200, body: { items: [], nextCursor: null } }),
    [`GET /views/${newViewId}/tickets`]: () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /agents': () => ({ status: 200, body: { items: [agent()] } }),
    'GET /views': () => ({ status: 200, body: views }),
    'GET /views/counts': () => ({ status: 200, body: {} }),
    ...extra,
  } satisfies Record<string, Handler>;
}

const supervisor: Me = { ...testUser, role: 'supervisor', permissions: ['ticket.read', 'ticket.read_all'] };

beforeAll(() => import('./pages'));

describe('view editor', { timeout: 20_000 }, () => {
  it('saves the view on screen as a personal view and refuses an empty name', async () => {
    const created: View = { ...vipQueue, id: newViewId, name: 'Urgent mine', shared: false, ownerId: testUser.id };
    const views: View[] = [];
    const { requests } = await renderApp(
      '/inbox/view/mine',
      staff(testUser, views, {
        'POST /views': () => {
          views.push(created);
          return { status: 201, body: created };
        },
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Save as view' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save as view' });
    // Agents without ticket.read_all cannot share views.
    expect(within(dialog).queryByRole('switch', { name: /Shared/ })).toBeNull();
    expect((within(dialog).getByRole('checkbox', { name: 'Open' }) as HTMLInputElement).checked).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Save view' }));
    expect(within(dialog).getByText('This field is required.')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST' && r.path === '/views')).toBe(false);

    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Urgent mine');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Urgent' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Sort by' }), 'sla_due_asc');
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }));

    await waitFor(() => expect(window.location.pathname).toBe(`/inbox/view/${newViewId}`));
    expect(requests.find((r) => r.method === 'POST' && r.path === '/views')?.body).toEqual({
      name: 'Urgent mine',
      shared: false,
      sort: 'sla_due_asc',
      filters: { assignee: ['me'], status: ['new', 'open', 'pending', 'on_hold'], priority: ['urgent'] },
    });
    const nav = screen.getByRole('navigation', { name: 'Agent workspace' });
    expect(await within(nav).findByRole('link', { name: 'Urgent mine' })).toBeTruthy();
  });

  it('lets a supervisor edit a shared view, showing server field errors, then delete it after confirming', async () => {
    let patches = 0;
    const { requests } = await renderApp(
      `/inbox/view/${ids.view}`,
      staff(supervisor, [vipQueue], {
        [`PATCH /views/${ids.view}`]: (body) => {
          patches += 1;
          if (patches === 1) {
            return problem(400, 'validation.failed', { errors: [{ path: 'filters.tags.0', message: 'bad', code: 'invalid_format' }] });
          }
          return { status: 200, body: { ...vipQueue, ...(body as Partial<View>) } };
        },
        [`DELETE /views/${ids.view}`]: () => ({ status: 204 }),
      }),
    );
    const user = userEvent.setup();
    const nav = await screen.findByRole('navigation', { name: 'Agent workspace' });
    await user.click(await within(nav).findByRole('button', { name: 'Actions for view VIP queue' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit view', hidden: true }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit view “VIP queue”' });
    expect((within(dialog).getByRole('switch', { name: /Shared with the team/ }) as HTMLInputElement).checked).toBe(true);
    expect((within(dialog).getByRole('combobox', { name: 'Sort by' }) as HTMLSelectElement).value).toBe('priority_desc');

    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'VIP');
    await user.click(within(dialog).getByRole('switch', { name: /Shared with the team/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }));
    expect(await within(dialog).findByText('This value has the wrong format.')).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.filter((r) => r.method === 'PATCH').at(-1)?.body).toEqual({
      name: 'VIP',
      shared: false,
      sort: 'priority_desc',
      filters: { tags: ['vip'], priority: ['high', 'urgent'] },
    });

    await user.click(within(nav).getByRole('button', { name: 'Actions for view VIP queue' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete view', hidden: true }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete view “VIP queue”?' });
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: 'Delete view' }));
    await waitFor(() => expect(window.location.pathname).toBe('/inbox/view/mine'));
    expect(requests.some((r) => r.method === 'DELETE' && r.path === `/views/${ids.view}`)).toBe(true);
  });

  it('offers no edit or delete on shared views to agents', async () => {
    await renderApp(`/inbox/view/${ids.view}`, staff(testUser, [vipQueue]));
    const nav = await screen.findByRole('navigation', { name: 'Agent workspace' });
    expect(await within(nav).findByRole('link', { name: 'VIP queue' })).toBeTruthy();
    expect(within(nav).queryByRole('button', { name: 'Actions for view VIP queue' })).toBeNull();
    expect(await screen.findByRole('button', { name: 'Save as view' })).toBeTruthy();
  });
});
