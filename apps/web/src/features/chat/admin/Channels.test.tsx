import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../api/chat.api';
import { problem, renderApp, session } from '../../../test/renderApp';
import { adminUser } from '../../admin/adminFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };

const shop: Channel = {
  id: '00000000-0000-4000-8000-0000000c4a0c',
  kind: 'web_chat',
  name: 'Shop',
  publicKey: 'pk_shop',
  settings: { color: '#1f6feb', allowedOrigins: [] },
  enabled: true,
  secretRotatedAt: '2026-03-04T11:00:00.000Z',
  createdAt: '2026-03-04T11:00:00.000Z',
  updatedAt: '2026-03-04T11:00:00.000Z',
};

function admin(channels: () => Channel[], extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user: adminUser }) }),
    'GET /channels': () => ({ status: 200, body: { items: channels() } }),
    'GET /teams': () => ({ status: 200, body: { items: [] } }),
    'GET /business-calendars': () => ({ status: 200, body: { items: [] } }),
    ...extra,
  };
}

/** Typing character by character is slow in happy-dom; pasting exercises the same onChange. */
async function fill(user: ReturnType<typeof userEvent.setup>, element: HTMLElement, text: string) {
  await user.click(element);
  await user.paste(text);
}

const posts = (requests: { method: string; path: string; body: unknown }[], path: string) =>
  requests.filter((r) => r.method !== 'GET' && r.path === path).map((r) => r.body);

beforeAll(() => import('../../admin/pages'));

describe('web chat channels', { timeout: 40_000 }, () => {
  it('checks the form before saving, then shows the secret once with the embed code', async () => {
    let list: Channel[] = [];
    const { requests } = await renderApp(
      '/admin/channels',
      admin(() => list, {
        'POST /channels': (body) => {
          const created = {
            ...shop,
            name: (body as { name: string }).name,
            settings: (body as { settings: Record<string, unknown> }).settings,
          };
          list = [created];
          return { status: 201, body: { channel: created, secret: 'sec_0123456789' } };
        },
      }),
    );
    const user = userEvent.setup();
    expect(await screen.findByText('There are no web chat channels yet.')).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Admin console sections' })).getByRole('link', { name: 'Web chat' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'New web chat channel' }));
    const dialog = await screen.findByRole('dialog', { name: 'New web chat channel' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Some settings need your attention.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');

    await fill(user, name, 'Shop');
    await fill(user, within(dialog).getByRole('textbox', { name: /^Allowed websites/ }), 'ftp://shop.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Add field' }));
    const field = within(dialog).getByRole('group', { name: 'Field 1' });
    await fill(user, within(field).getByRole('textbox', { name: /^Key/ }), 'order');
    await fill(user, within(field).getByRole('textbox', { name: /^Label \(English\)/ }), 'Order number');
    const pattern = within(field).getByRole('textbox', { name: /^Pattern/ });
    await user.click(pattern);
    await user.paste('([');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('This is not a valid regular expression.')).toBeTruthy();
    expect(within(dialog).getByText('Use origins such as https://www.example.com, one per line.')).toBeTruthy();
    expect(posts(requests, '/channels')).toEqual([]);

    await user.clear(pattern);
    await user.paste('^[0-9]{6}$');
    await user.click(within(field).getByRole('checkbox', { name: 'Required' }));
    const origins = within(dialog).getByRole('textbox', { name: /^Allowed websites/ });
    await user.clear(origins);
    await fill(user, origins, 'https://shop.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const secret = await screen.findByRole('dialog', { name: 'Shop is ready' });
    expect(posts(requests, '/channels')).toEqual([
      {
        kind: 'web_chat',
        name: 'Shop',
        enabled: true,
        settings: expect.objectContaining({
          allowedOrigins: ['https://shop.example.com'],
          preChatFields: [{ key: 'order', kind: 'text', label: { en: 'Order number' }, required: true, pattern: '^[0-9]{6}$' }],
          maxMessageLength: 2000,
          teamId: null,
          calendarId: null,
        }),
      },
    ]);
    expect(within(secret).getByTestId('channel-secret').textContent).toBe('sec_0123456789');
    expect(within(secret).getByTestId('embed-snippet').textContent).toBe(
      `<script src="${window.location.origin}/widget/loader.js" data-key="pk_shop" async></script>`,
    );
    expect(within(secret).getByText(/HMAC-SHA256 of the user id/)).toBeTruthy();
    await user.click(within(secret).getByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('cell', { name: 'pk_shop' })).toBeTruthy();
  });

  it('puts server validation errors next to their field when editing', async () => {
    const { requests } = await renderApp(
      '/admin/channels',
      admin(() => [shop], {
        [`PATCH /channels/${shop.id}`]: () =>
          problem(400, 'channel.settings_invalid', {
            errors: [
              { path: 'settings.allowedOrigins.0', message: 'Use an origin such as https://www.example.com', code: 'invalid_format' },
            ],
          }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Shop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Shop' });
    await fill(user, within(dialog).getByRole('textbox', { name: /^Allowed websites/ }), 'https://*.shop.example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const origins = within(dialog).getByRole('textbox', { name: /^Allowed websites/ });
    await waitFor(() => expect(origins.getAttribute('aria-invalid')).toBe('true'));
    expect(posts(requests, `/channels/${shop.id}`)).toEqual([
      {
        name: 'Shop',
        enabled: true,
        settings: expect.objectContaining({ allowedOrigins: ['https://*.shop.example.com'], color: '#1f6feb' }),
      },
    ]);
  });

  it('rotates the secret after confirmation and shows the new one', async () => {
    const { requests } = await renderApp(
      '/admin/channels',
      admin(() => [shop], {
        [`POST /channels/${shop.id}/rotate-secret`]: () => ({ status: 200, body: { channel: shop, secret: 'sec_new' } }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Rotate the secret of Shop' }));
    const confirm = await screen.findByRole('dialog', { name: 'Rotate the signing secret?' });
    await user.click(within(confirm).getByRole('button', { name: 'Rotate secret' }));
    const shown = await screen.findByRole('dialog', { name: 'New signing secret' });
    expect(within(shown).getByTestId('channel-secret').textContent).toBe('sec_new');
    expect(posts(requests, `/channels/${shop.id}/rotate-secret`)).toHaveLength(1);
  });
});
