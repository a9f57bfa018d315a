import { PERMISSIONS } from '@switchboard/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { problem, renderApp, session } from '../../test/renderApp';
import { adminUser, agentUser, calendarFixture, roleFixtures, userFixture } from './adminFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };

function signedInAs(user: typeof adminUser, extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user }) }),
    'GET /roles': () => ({ status: 200, body: roleFixtures }),
    'GET /permissions': () => ({ status: 200, body: [...PERMISSIONS] }),
    'GET /users': () => ({ status: 200, body: { items: [userFixture], nextCursor: null } }),
    'GET /invitations': () => ({ status: 200, body: [] }),
    ...extra,
  };
}

// Load the lazy chunk once up front, so the first test does not spend its wait on the import.
beforeAll(() => import('./pages'));

describe('admin console access', { timeout: 30_000 }, () => {
  it('refuses agents and never asks the server for admin data', async () => {
    const { requests } = await renderApp('/admin/users', signedInAs(agentUser));
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeTruthy();
    expect(requests.some((r) => r.path === '/users' || r.path === '/roles')).toBe(false);
    await userEvent.setup().click(screen.getByRole('button', { name: /Account menu/ }));
    expect(await screen.findByRole('menuitem', { name: 'Security settings', hidden: true })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: 'Admin console', hidden: true })).toBeNull();
  });

  it('opens for admins from the user menu, with every section in the side navigation', async () => {
    await renderApp('/account', signedInAs(adminUser));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Account menu/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Admin console', hidden: true }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeTruthy();
    expect(window.location.pathname).toBe('/admin/users');
    const nav = screen.getByRole('navigation', { name: 'Admin console sections' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Users',
      'Roles',
      'Teams & skills',
      'Categories & types',
      'Custom fields',
      'SLA & business hours',
      'Routing rules',
      'Macros',
      'Web chat',
      'Workspace settings',
      'Settings & thresholds',
      'Q&A pairs',
      'Flows',
      'Handoff rules',
      'Model provider',
      'Try it',
      'Intents',
      'Insights',
    ]);
    expect(await screen.findByText('Grace Hopper')).toBeTruthy();
  });
});

describe('admin forms', { timeout: 30_000 }, () => {
  it('shows a server field error next to the field it belongs to', async () => {
    const { requests } = await renderApp(
      '/admin/fields',
      signedInAs(adminUser, {
        'GET /custom-fields': () => ({ status: 200, body: [] }),
        'POST /custom-fields': () => problem(409, 'custom_field.key_taken'),
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('There are no custom fields yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'New field' }));
    const dialog = await screen.findByRole('dialog', { name: 'New custom field' });
    await user.type(within(dialog).getByLabelText(/Label \(English\)/), 'Order number');
    const key = within(dialog).getByLabelText(/^Key/) as HTMLInputElement;
    expect(key.value).toBe('order_number');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(key.getAttribute('aria-invalid')).toBe('true'));
    const errorId =
      key
        .getAttribute('aria-describedby')
        ?.split(' ')
        .find((id) => id.includes('error')) ?? '';
    expect(document.getElementById(errorId)?.textContent).toBe('A field with this key already exists.');
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      key: 'order_number',
      type: 'text',
      labels: { en: 'Order number' },
    });
  });

  it('builds a custom role from the picked permissions', async () => {
    const { requests } = await renderApp(
      '/admin/roles',
      signedInAs(adminUser, {
        'POST /roles': (body) => ({
          status: 201,
          body: { id: '00000000-0000-4000-8000-0000000000a9', system: false, userCount: 0, ...(body as object) },
        }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New role' }));
    const dialog = await screen.findByRole('dialog', { name: 'New custom role' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Billing Team');
    await user.click(await within(dialog).findByRole('checkbox', { name: 'All permissions in Knowledge base' }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Reply to customers/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Read internal articles/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.find((r) => r.method === 'POST' && r.path === '/roles')?.body).toEqual({
      key: 'billing-team',
      name: 'Billing Team',
      permissions: ['ticket.reply', 'kb.write', 'kb.review', 'kb.publish'],
    });
  });
});

describe('SLA policy form', { timeout: 30_000 }, () => {
  const routes = (post: Handler) =>
    signedInAs(adminUser, {
      'GET /sla-policies': () => ({ status: 200, body: { items: [] } }),
      'GET /business-calendars': () => ({ status: 200, body: { items: [calendarFixture] } }),
      'GET /organizations': () => ({ status: 200, body: { items: [], nextCursor: null } }),
      'POST /sla-policies': post,
    });

  it('sends targets in business minutes with the chosen calendar', async () => {
    const { requests } = await renderApp(
      '/admin/sla',
      routes(() => problem(400, 'validation.failed', { errors: [{ path: 'calendarId', message: 'Unknown', code: 'calendar_not_found' }] })),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('There are no SLA policies yet; tickets have no targets.')).toBeTruthy();
    expect(await screen.findByText('Berlin office')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'New SLA policy' }));
    const dialog = await screen.findByRole('dialog', { name: 'New SLA policy' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Urgent tickets');
    await user.type(within(dialog).getByRole('textbox', { name: 'First response' }), '4');
    await user.type(within(dialog).getByRole('textbox', { name: 'Resolution' }), '90');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Unit of Resolution' }), 'minutes');
    await user.selectOptions(within(dialog).getByLabelText(/^Business hours/), calendarFixture.id);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Urgent tickets',
      enabled: true,
      conditions: {},
      calendarId: calendarFixture.id,
      firstResponseMinutes: 240,
      nextResponseMinutes: null,
      resolutionMinutes: 90,
      warnBeforeMinutes: 15,
    });
    const calendar = within(dialog).getByLabelText(/^Business hours/);
    await waitFor(() => expect(calendar.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('This calendar no longer exists.')).toBeTruthy();
  });

  it('asks for at least one target before sending anything', async () => {
    const { requests } = await renderApp(
      '/admin/sla',
      routes(() => ({ status: 500 })),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New SLA policy' }));
    const dialog = await screen.findByRole('dialog', { name: 'New SLA policy' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Nothing measured');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('This field is required.')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });
});
