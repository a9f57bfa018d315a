import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ArticleSuggestions } from './ArticleSuggestions';
import { InsertArticleMenu } from './InsertArticleMenu';
import { kbHit, kbIds, renderWithApi } from './kbFixtures';

describe('insert article menu', { timeout: 30_000 }, () => {
  it('searches as the agent and hands the chosen link to the composer', async () => {
    const onInsert = vi.fn();
    const { requests } = await renderWithApi(<InsertArticleMenu onInsert={onInsert} locale="en" />, {
      'GET /kb/search': () => ({ status: 200, body: { items: [kbHit()], nextCursor: null, fallback: false } }),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Insert article' }));
    await user.type(await screen.findByLabelText('Search articles'), 'password');
    // The popover is still fading in for the accessibility tree; `hidden` finds it anyway.
    const results = await screen.findByRole('list', { name: 'Articles', hidden: true });
    expect(results.textContent).toContain('Reset your password');
    const search = requests.find((r) => r.path === '/kb/search');
    expect(Object.fromEntries(search?.url.searchParams ?? [])).toMatchObject({ q: 'password', source: 'agent', locale: 'en' });
    await user.click(within(results).getByRole('button', { name: 'Insert a link to Reset your password', hidden: true }));
    expect(onInsert).toHaveBeenCalledWith(
      `<a href="${window.location.origin}/hc/en/articles/${kbIds.article}-reset-your-password">Reset your password</a>`,
    );
    await waitFor(() => expect(screen.queryByLabelText('Search articles')).toBeNull());
  });
});

describe('portal article suggestions', { timeout: 30_000 }, () => {
  it('waits for typing to pause, then links up to five articles in a new tab', async () => {
    const hits = [1, 2, 3, 4, 5].map((n) =>
      kbHit({ id: `00000000-0000-4000-8000-00000000b00${n}`, title: `Printer help ${n}`, url: `/hc/zh-CN/articles/p${n}-printer` }),
    );
    const { requests, rerender } = await renderWithApi(<ArticleSuggestions text="" locale="zh-CN" />, {
      'GET /kb/search': () => ({ status: 200, body: { items: hits, nextCursor: null, fallback: false } }),
    });
    // Keystrokes arrive faster than the debounce: only the last text is searched.
    for (const text of ['p', 'pr', 'pri', 'prin', 'printer']) rerender(<ArticleSuggestions text={text} locale="zh-CN" />);
    const section = await screen.findByRole('region', { name: 'These articles may already answer your question' });
    const links = within(section).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(hits.map((h) => h.url));
    expect(links.every((a) => a.getAttribute('target') === '_blank' && a.getAttribute('rel') === 'noopener')).toBe(true);
    const searches = requests.filter((r) => r.path === '/kb/search');
    expect(searches).toHaveLength(1);
    expect(Object.fromEntries(searches[0]?.url.searchParams ?? [])).toEqual({
      q: 'printer',
      source: 'portal',
      locale: 'zh-CN',
      limit: '5',
    });
  });

  it('shows nothing for a short subject and asks nothing', async () => {
    const { requests } = await renderWithApi(<ArticleSuggestions text="a" />, {});
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(screen.queryByRole('region')).toBeNull();
    expect(requests.filter((r) => r.path === '/kb/search')).toHaveLength(0);
  });
});
