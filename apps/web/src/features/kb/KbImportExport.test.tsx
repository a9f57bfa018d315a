import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { problem, renderApp } from '../../test/renderApp';
import { type Handler, kbAgent, kbArticle, kbRoutes, kbSupervisor } from './kbFixtures';

beforeAll(() => import('./pages'));
// jsdom has no object URLs: the export test puts its own in and they are put back after.
const objectUrls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
afterEach(() => {
  vi.restoreAllMocks();
  Object.assign(URL, { createObjectURL: objectUrls.create, revokeObjectURL: objectUrls.revoke });
});

const listRoute: Record<string, Handler> = {
  'GET /kb/articles': () => ({ status: 200, body: { items: [kbArticle()], nextCursor: null } }),
};

function zip(name = 'kb.zip', size = 4): File {
  return new File([new Uint8Array(size)], name, { type: 'application/zip' });
}

async function openImport() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Import' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import articles' });
  const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
  return { user, dialog, input };
}

describe('knowledge base export', { timeout: 30_000 }, () => {
  it('downloads the zip in the chosen format', async () => {
    const formats: (string | null)[] = [];
    const createObjectURL = vi.fn(() => 'blob:kb-export');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await renderApp(
      '/kb',
      kbRoutes(kbSupervisor, {
        ...listRoute,
        'GET /kb/export': (_body, url) => {
          formats.push(url.searchParams.get('format'));
          return { status: 200, body: 'PK' };
        },
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'HTML (.html)', hidden: true }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(formats).toEqual(['html']);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(clicked[0]?.download).toBe('knowledge-base-html.zip');
    expect(clicked[0]?.href).toBe('blob:kb-export');
  });

  it('says why an export was refused', async () => {
    await renderApp('/kb', kbRoutes(kbSupervisor, { ...listRoute, 'GET /kb/export': () => problem(403, 'auth.forbidden') }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Markdown (.md)', hidden: true }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The export failed')).toBeTruthy();
    expect(within(alert).getByText("You don't have permission to do that.")).toBeTruthy();
  });

  it('is offered only to staff who may publish, like the API', async () => {
    await renderApp('/kb', kbRoutes(kbAgent, listRoute));
    await screen.findByRole('table', { name: 'Articles' });
    expect(screen.getByRole('link', { name: 'New article' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });
});

describe('knowledge base import', { timeout: 30_000 }, () => {
  it('uploads the zip as multipart "file" and shows what was created and updated', async () => {
    let listed = 0;
    const { requests } = await renderApp(
      '/kb',
      kbRoutes(kbSupervisor, {
        'GET /kb/articles': () => {
          listed += 1;
          return { status: 200, body: { items: [kbArticle()], nextCursor: null } };
        },
        'POST /kb/import': () => ({ status: 200, body: { categories: { created: 2, updated: 1 }, articles: { created: 5, updated: 3 } } }),
      }),
    );
    const { user, dialog, input } = await openImport();
    // Nothing is sent without a file.
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await within(dialog).findByText('Choose a zip file to import.')).toBeTruthy();
    expect(requests.some((r) => r.path === '/kb/import')).toBe(false);

    await user.upload(input, zip('help-center.zip'));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    const report = await within(dialog).findByRole('table', { name: 'Import report' });
    const row = (name: string) =>
      within(within(report).getByRole('rowheader', { name }).closest('tr') as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(row('Categories and sections')).toEqual(['2', '1']);
    expect(row('Articles and translations')).toEqual(['5', '3']);
    const post = requests.find((r) => r.method === 'POST' && r.path === '/kb/import');
    const form = post?.body;
    expect(form).toBeInstanceOf(FormData);
    expect(((form as FormData).get('file') as File).name).toBe('help-center.zip');
    expect(post?.headers['x-csrf-token']).toBe('csrf-1');
    // The article list is reloaded behind the dialog.
    await waitFor(() => expect(listed).toBeGreaterThan(1));
  });

  it('lists every invalid file the server names and imports nothing', async () => {
    await renderApp(
      '/kb',
      kbRoutes(kbSupervisor, {
        ...listRoute,
        'POST /kb/import': () =>
          problem(400, 'kb_import.invalid', {
            errors: [
              { path: 'categories.yaml', message: 'Not valid YAML: bad indentation', code: 'invalid' },
              { path: 'articles/e/en.md', message: 'Unknown section "gone"', code: 'section_unknown' },
              { path: 'articles/f/en.md', message: 'Slug taken', code: 'kb_article.slug_taken' },
            ],
          }),
      }),
    );
    const { user, dialog, input } = await openImport();
    await user.upload(input, zip());
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('Nothing was imported')).toBeTruthy();
    expect(within(alert).getByText('Some files of the archive are invalid.')).toBeTruthy();
    const files = within(within(alert).getByRole('list', { name: 'Files with problems' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(files).toEqual([
      'categories.yaml: Not valid YAML: bad indentation',
      'articles/e/en.md: Its section is neither in categories.yaml nor in this knowledge base.',
      'articles/f/en.md: Another article in this language already uses this URL name.',
    ]);
    expect(within(dialog).queryByRole('table')).toBeNull();
  });

  it('explains other refusals, such as a too large upload', async () => {
    await renderApp('/kb', kbRoutes(kbSupervisor, { ...listRoute, 'POST /kb/import': () => problem(413, 'request.too_large') }));
    const { user, dialog, input } = await openImport();
    await user.upload(input, zip());
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('Nothing was imported')).toBeTruthy();
    expect(within(alert).getByText('That is too large to upload.')).toBeTruthy();
    expect(within(alert).queryByRole('list')).toBeNull();
  });
});
