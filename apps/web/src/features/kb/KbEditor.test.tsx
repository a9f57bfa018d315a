import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KbArticle } from '../../api/kb.api';
import { problem, renderApp } from '../../test/renderApp';
import { type Handler, kbAgent, kbArticle, kbIds, kbRoutes, kbSupervisor } from './kbFixtures';

beforeAll(() => import('./pages'));

const articlePath = `/kb/articles/${kbIds.article}`;
const apiPath = `/kb/articles/${kbIds.article}`;

function editorRoutes(article: KbArticle, extra: Record<string, Handler> = {}) {
  return {
    [`GET ${apiPath}`]: () => ({ status: 200, body: article }),
    [`GET ${apiPath}/reviews`]: () => ({ status: 200, body: { items: [] } }),
    ...extra,
  };
}

describe('article editor', { timeout: 30_000 }, () => {
  it('saves with If-Match of the loaded version and only the changed fields', async () => {
    const { requests } = await renderApp(
      articlePath,
      kbRoutes(
        kbAgent,
        editorRoutes(kbArticle(), {
          [`PATCH ${apiPath}`]: (body) => ({ status: 200, body: kbArticle({ version: 4, ...(body as object) }) }),
        }),
      ),
    );
    const user = userEvent.setup();
    const title = await screen.findByRole('textbox', { name: /^Title/ });
    await user.clear(title);
    await user.type(title, 'Reset a forgotten password');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe('"3"');
    expect(patch?.body).toEqual({ title: 'Reset a forgotten password' });
    expect(await screen.findByText('Version 4')).toBeTruthy();
  });

  it('explains a conflicting save and offers to reload or compare', async () => {
    let version = 3;
    const { requests } = await renderApp(
      articlePath,
      kbRoutes(
        kbAgent,
        editorRoutes(kbArticle(), {
          [`GET ${apiPath}`]: () => ({
            status: 200,
            body: kbArticle({ version, title: version > 3 ? 'Their title' : 'Reset your password' }),
          }),
          [`PATCH ${apiPath}`]: () => {
            version = 4;
            return problem(409, 'kb_article.version_mismatch');
          },
        }),
      ),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: /^Title/ }), ' now');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Someone else saved this article')).toBeTruthy();
    expect(screen.getByText(/your save was not applied/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reload latest' }));
    await waitFor(() => expect((screen.getByRole('textbox', { name: /^Title/ }) as HTMLInputElement).value).toBe('Their title'));
    expect(screen.queryByText('Someone else saved this article')).toBeNull();
    expect(requests.filter((r) => r.method === 'GET' && r.path === apiPath).length).toBeGreaterThanOrEqual(2);
  });
});

describe('workflow buttons', { timeout: 30_000 }, () => {
  it('offers an author only what the server allows on a draft', async () => {
    await renderApp(articlePath, kbRoutes(kbAgent, editorRoutes(kbArticle({ actions: ['edit', 'submit', 'comment'] }))));
    const group = await screen.findByRole('group', { name: 'Workflow' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Submit for review']);
  });

  it('lets a reviewer request changes with a required comment', async () => {
    const inReview = kbArticle({
      status: 'in_review',
      actions: ['edit', 'approve', 'request_changes', 'publish', 'schedule', 'archive', 'mark_reviewed', 'comment'],
    });
    const { requests } = await renderApp(
      articlePath,
      kbRoutes(
        kbSupervisor,
        editorRoutes(inReview, {
          [`POST ${apiPath}/request-changes`]: () => ({ status: 200, body: kbArticle({ status: 'draft', actions: ['edit', 'publish'] }) }),
        }),
      ),
    );
    const user = userEvent.setup();
    const group = await screen.findByRole('group', { name: 'Workflow' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Approve', 'Request changes', 'Publish', 'Schedule', 'Mark as reviewed', 'Archive']);
    await user.click(within(group).getByRole('button', { name: 'Request changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Request changes' });
    await user.click(within(dialog).getByRole('button', { name: 'Request changes' }));
    expect(await within(dialog).findByText('This field is required.')).toBeTruthy();
    expect(requests.some((r) => r.path.endsWith('/request-changes'))).toBe(false);
    await user.type(within(dialog).getByRole('textbox', { name: /Comment/ }), 'Add a screenshot of step 2');
    await user.click(within(dialog).getByRole('button', { name: 'Request changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.find((r) => r.path.endsWith('/request-changes'))?.body).toEqual({ comment: 'Add a screenshot of step 2' });
    expect(
      within(await screen.findByRole('group', { name: 'Workflow' }))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Publish']);
  });

  it('schedules publishing at the picked local time', async () => {
    const { requests } = await renderApp(
      articlePath,
      kbRoutes(
        kbSupervisor,
        editorRoutes(kbArticle({ actions: ['edit', 'publish', 'schedule'] }), {
          [`POST ${apiPath}/schedule`]: () => ({
            status: 200,
            body: kbArticle({ publishAt: '2031-05-01T09:30:00.000Z', actions: ['edit', 'unschedule'] }),
          }),
        }),
      ),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Schedule' }));
    const dialog = await screen.findByRole('dialog', { name: 'Schedule publishing' });
    await user.type(within(dialog).getByLabelText(/Publish at/), '2031-05-01T09:30');
    await user.click(within(dialog).getByRole('button', { name: 'Schedule publishing' }));
    await waitFor(() => expect(requests.some((r) => r.path.endsWith('/schedule'))).toBe(true));
    expect(requests.find((r) => r.path.endsWith('/schedule'))?.body).toEqual({ publishAt: new Date('2031-05-01T09:30').toISOString() });
    expect(await screen.findByRole('button', { name: 'Cancel scheduled publish' })).toBeTruthy();
  });
});

describe('versions', { timeout: 30_000 }, () => {
  it('renders the diff the API returns, words marked as inserted and deleted', async () => {
    const versions = [3, 2, 1].map((version) => ({
      version,
      title: 'Reset your password',
      authorId: null,
      note: null,
      published: version === 1,
      createdAt: '2026-03-04T11:00:00.000Z',
    }));
    const { requests } = await renderApp(
      articlePath,
      kbRoutes(
        kbAgent,
        editorRoutes(kbArticle(), {
          [`GET ${apiPath}/versions`]: () => ({ status: 200, body: { items: versions } }),
          [`GET ${apiPath}/diff`]: () => ({
            status: 200,
            body: {
              from: 1,
              to: 3,
              title: [{ kind: 'equal', text: 'Reset your password' }],
              body: [
                { kind: 'equal', text: 'Open the sign-in page.\n' },
                { kind: 'removed', text: 'Click the link.\n' },
                {
                  kind: 'added',
                  text: 'Tap the link.\n',
                  words: [
                    { kind: 'removed', text: 'Click' },
                    { kind: 'added', text: 'Tap' },
                    { kind: 'equal', text: ' the link.\n' },
                  ],
                },
              ],
              stats: { addedWords: 1, removedWords: 1 },
            },
          }),
        }),
      ),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'Versions' }));
    await user.click(await screen.findByRole('button', { name: 'Compare version 1 with the current one' }));
    const diff = await screen.findByRole('region', { name: 'Changes from version 1 to version 3' });
    expect(within(diff).getByText('Version 1 → 3: 1 words added, 1 removed')).toBeTruthy();
    expect(diff.querySelector('del')?.textContent).toBe('Click');
    expect(diff.querySelector('ins')?.textContent).toBe('Tap');
    expect(diff.querySelector('[data-kind="removed"]')?.textContent).toContain('Click the link.');
    expect(requests.find((r) => r.path === `${apiPath}/diff`)).toBeTruthy();
  });
});
