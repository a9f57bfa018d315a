import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, testUser } from '../../test/renderApp';
import { kbAgent, kbArticle, kbRoutes } from './kbFixtures';

beforeAll(() => import('./pages'));

describe('knowledge base list', { timeout: 30_000 }, () => {
  it('shows translation state per article and pages on with the cursor', async () => {
    const second = kbArticle({ id: '00000000-0000-4000-8000-00000000a009', title: 'Change your email', translations: [] });
    const asked: string[] = [];
    await renderApp(
      '/kb',
      kbRoutes(kbAgent, {
        'GET /kb/articles': (_body, url) => {
          asked.push(url.search);
          return url.searchParams.get('cursor') === 'next-1'
            ? { status: 200, body: { items: [second], nextCursor: null } }
            : { status: 200, body: { items: [kbArticle()], nextCursor: 'next-1' } };
        },
      }),
    );
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Articles' });
    const row = within(table).getByRole('row', { name: /Reset your password/ });
    const badges = within(row).getByRole('list', { name: 'Translations' });
    expect(
      within(badges)
        .getAllByRole('listitem')
        .map((b) => b.textContent),
    ).toEqual(['en: source', 'zh-CN: missing']);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByRole('link', { name: 'Change your email' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    await user.selectOptions(screen.getByLabelText('Status'), 'in_review');
    await waitFor(() => expect(asked.at(-1)).toContain('status=in_review'));
    expect(asked.at(-1)).not.toContain('cursor=');
  });

  it('is open from the agent navigation only to staff who may read articles', async () => {
    const reader = { ...testUser, permissions: ['ticket.read'] };
    await renderApp('/kb', kbRoutes(reader, { 'GET /kb/articles': () => ({ status: 200, body: { items: [], nextCursor: null } }) }));
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeTruthy();
  });
});
