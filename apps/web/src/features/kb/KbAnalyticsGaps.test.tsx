import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KbAnalytics } from '../../api/kb.api';
import type { Me } from '../../api/types';
import { renderApp } from '../../test/renderApp';
import { kbIds, kbRoutes, kbSupervisor } from './kbFixtures';

beforeAll(() => import('./pages'));

const report: KbAnalytics = {
  from: '2026-02-01T00:00:00.000Z',
  to: '2026-03-01T00:00:00.000Z',
  articles: [
    {
      articleId: kbIds.article,
      title: 'Reset your password',
      locale: 'en',
      views: 12,
      uniqueViews: 9,
      helpful: 3,
      notHelpful: 1,
      helpfulRatio: 0.75,
      approvedComments: 0,
    },
  ],
  topSearches: [{ query: 'password', searches: 7, avgResults: 2.46 }],
  noResultSearches: [{ query: 'refund & returns', searches: 4, avgResults: 0 }],
  deflection: { viewers: 10, deflected: 8, rate: 0.8, pending: 1 },
};

const routes = (user: Me) => kbRoutes(user, { 'GET /kb/analytics': () => ({ status: 200, body: report }) });

describe('knowledge base analytics: from numbers to action', { timeout: 30_000 }, () => {
  it('links articles to their editor, shows result counts and turns a failed search into a new article', async () => {
    await renderApp('/kb/analytics', routes(kbSupervisor));
    const user = userEvent.setup();
    const articles = await screen.findByRole('table', { name: 'Articles' });
    expect(within(articles).getByRole('link', { name: 'Reset your password' }).getAttribute('href')).toBe(`/kb/articles/${kbIds.article}`);
    const top = screen.getByRole('table', { name: 'Top searches' });
    expect(within(top).getByRole('columnheader', { name: 'Avg. results' })).toBeTruthy();
    expect(within(within(top).getByRole('row', { name: /password/ })).getByText('2.5')).toBeTruthy();

    const none = screen.getByRole('table', { name: 'Searches without results' });
    const write = within(none).getByRole('link', { name: 'Write an article for “refund & returns”' });
    expect(write.getAttribute('href')).toBe('/kb/articles/new?title=refund+%26+returns');
    await user.click(write);
    const title = await screen.findByRole('textbox', { name: /^Title/ });
    expect((title as HTMLInputElement).value).toBe('refund & returns');
  });

  it('offers no writing to a reporter who may not write articles', async () => {
    const reporter: Me = { ...kbSupervisor, permissions: kbSupervisor.permissions.filter((p) => p !== 'kb.write') };
    await renderApp('/kb/analytics', routes(reporter));
    const none = await screen.findByRole('table', { name: 'Searches without results' });
    expect(within(none).getByText('refund & returns')).toBeTruthy();
    expect(within(none).queryByRole('link')).toBeNull();
  });
});
