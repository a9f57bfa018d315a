import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { problem, renderApp, session, testUser } from '../../test/renderApp';
import { ids } from '../../test/ticketFixtures';

const carl = { ...testUser, id: ids.customer, name: 'Carl Customer', email: 'carl@example.com', role: 'customer' };

beforeAll(() => import('./pages'));
afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('portal profile', { timeout: 20_000 }, () => {
  it('saves name, language and time zone, and the UI switches language', async () => {
    const { requests } = await renderApp('/portal/profile', {
      'GET /auth/session': () => ({ status: 200, body: session({ user: carl }) }),
      'PATCH /me': (body) => ({ status: 200, body: { ...carl, ...(body as object) } }),
    });
    const user = userEvent.setup();
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Carl C.');
    const form = screen.getByRole('form', { name: 'My profile' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Language' }), 'zh-CN');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ name: 'Carl C.', locale: 'zh-CN', timezone: 'UTC' }),
    );
    expect(await screen.findByRole('heading', { name: '我的资料' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '修改密码和安全设置' })).toBeTruthy();
  });

  it('shows a server field error next to the field', async () => {
    await renderApp('/portal/profile', {
      'GET /auth/session': () => ({ status: 200, body: session({ user: carl }) }),
      'PATCH /me': () => problem(400, 'validation.failed', { errors: [{ path: 'body.name', message: 'Too long', code: 'too_big' }] }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText(/Too long|too long/i)).toBeTruthy();
  });
});
