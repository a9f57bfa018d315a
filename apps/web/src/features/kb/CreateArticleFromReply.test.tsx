import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../api/types';
import { problem, renderApp, session, testUser } from '../../test/renderApp';
import { agent, ids, message, ticket } from '../../test/ticketFixtures';
import { type Handler, kbAgent, kbArticle, kbCategory, kbIds } from './kbFixtures';

const ticketPath = `/inbox/tickets/${ids.ticket}`;
const customerReply = message(1, { bodyText: 'My printer is on fire.' });
const agentReply = message(2, {
  author: { id: testUser.id, name: 'Ada Lovelace', email: 'ada@example.com', kind: 'agent' },
  authorKind: 'agent',
  bodyHtml: '<p>Unplug it, then hold the reset button for ten seconds.</p>',
  bodyText: 'Unplug it, then hold the reset button for ten seconds.',
});

function ticketRoutes(user: Me, extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user }) }),
    [`GET /tickets/${ids.ticket}`]: () => ({ status: 200, body: ticket({ subject: 'Printer on fire', language: 'zh-CN' }) }),
    [`GET /tickets/${ids.ticket}/messages`]: (_body, url) => ({
      status: 200,
      body: { items: Number(url.searchParams.get('afterSeq') ?? 0) ? [] : [customerReply, agentReply] },
    }),
    [`GET /tickets/${ids.ticket}/links`]: () => ({ status: 200, body: { items: [] } }),
    'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /agents': () => ({ status: 200, body: { items: [agent()] } }),
    'GET /views': () => ({ status: 200, body: [] }),
    'GET /kb/categories': () => ({
      status: 200,
      body: { items: [kbCategory(kbIds.category, null, 'Hardware'), kbCategory(kbIds.section, kbIds.category, 'Printers')] },
    }),
    [`GET /kb/articles/${kbIds.article}/reviews`]: () => ({ status: 200, body: { items: [] } }),
    ...extra,
  };
}

const action = 'Create article from this reply';

beforeAll(() => Promise.all([import('../inbox/pages'), import('./pages')]));

describe('create article from a reply', { timeout: 30_000 }, () => {
  it('drafts from the staff reply into the chosen section and opens the editor', async () => {
    const draft = kbArticle({ title: 'Printer on fire', locale: 'zh-CN', sectionId: kbIds.section, version: 1 });
    const { requests } = await renderApp(
      ticketPath,
      ticketRoutes(kbAgent, {
        'POST /kb/articles/from-message': () => ({ status: 201, body: draft }),
        [`GET /kb/articles/${kbIds.article}`]: () => ({ status: 200, body: draft }),
      }),
    );
    const user = userEvent.setup();
    const timeline = await screen.findByRole('list', { name: 'Conversation' });
    // Only on the agent's answer, never on the customer's own message.
    await within(timeline).findByText('Unplug it, then hold the reset button for ten seconds.');
    expect(within(timeline).getAllByRole('button', { name: action })).toHaveLength(1);
    const [customerCard, agentCard] = within(timeline).getAllByRole('listitem');
    expect(within(customerCard as HTMLElement).queryByRole('button', { name: action })).toBeNull();
    await user.click(within(agentCard as HTMLElement).getByRole('button', { name: action }));

    const dialog = await screen.findByRole('dialog', { name: 'New article from this reply' });
    expect((within(dialog).getByRole('textbox', { name: /^Title/ }) as HTMLInputElement).value).toBe('Printer on fire');
    // The server drafts in the ticket's language.
    expect((within(dialog).getByRole('textbox', { name: /^Language/ }) as HTMLInputElement).value).toBe('简体中文');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Section' }), kbIds.section);
    await user.click(within(dialog).getByRole('button', { name: 'Create draft' }));

    await waitFor(() => expect(window.location.pathname).toBe(`/kb/articles/${kbIds.article}`));
    const post = requests.find((r) => r.method === 'POST' && r.path === '/kb/articles/from-message');
    expect(post?.body).toEqual({ messageId: agentReply.id, sectionId: kbIds.section });
    // The title was kept, so no second save.
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
    expect(await screen.findByRole('textbox', { name: /^Title/ })).toBeTruthy();
  });

  it('saves an edited title onto the new draft', async () => {
    const draft = kbArticle({ title: 'Printer on fire', version: 1 });
    const { requests } = await renderApp(
      ticketPath,
      ticketRoutes(kbAgent, {
        'POST /kb/articles/from-message': () => ({ status: 201, body: draft }),
        [`PATCH /kb/articles/${kbIds.article}`]: (body) => ({ status: 200, body: { ...draft, version: 2, ...(body as object) } }),
        [`GET /kb/articles/${kbIds.article}`]: () => ({ status: 200, body: { ...draft, version: 2, title: 'Reset a printer' } }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: action }));
    const dialog = await screen.findByRole('dialog');
    const title = within(dialog).getByRole('textbox', { name: /^Title/ });
    await user.clear(title);
    await user.click(within(dialog).getByRole('button', { name: 'Create draft' }));
    // Required: nothing is sent without a title.
    expect(await within(dialog).findByText('This field is required.')).toBeTruthy();
    expect(requests.some((r) => r.path === '/kb/articles/from-message')).toBe(false);
    await user.type(title, 'Reset a printer');
    await user.click(within(dialog).getByRole('button', { name: 'Create draft' }));
    await waitFor(() => expect(window.location.pathname).toBe(`/kb/articles/${kbIds.article}`));
    expect(requests.find((r) => r.method === 'POST' && r.path === '/kb/articles/from-message')?.body).toEqual({
      messageId: agentReply.id,
      sectionId: null,
    });
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers['if-match']).toBe('"1"');
    expect(patch?.body).toEqual({ title: 'Reset a printer' });
  });

  it('shows why the server refused and stays on the ticket', async () => {
    await renderApp(ticketPath, ticketRoutes(kbAgent, { 'POST /kb/articles/from-message': () => problem(404, 'message.not_found') }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: action }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Create draft' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe("This message doesn't exist.");
    expect(window.location.pathname).toBe(ticketPath);
  });

  it('keeps the draft reachable when only the edited title could not be saved', async () => {
    await renderApp(
      ticketPath,
      ticketRoutes(kbAgent, {
        'POST /kb/articles/from-message': () => ({ status: 201, body: kbArticle({ title: 'Printer on fire', version: 1 }) }),
        [`PATCH /kb/articles/${kbIds.article}`]: () => problem(409, 'kb_article.slug_taken'),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: action }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /^Title/ }), ' (fixed)');
    await user.click(within(dialog).getByRole('button', { name: 'Create draft' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('The draft was created, but its title could not be saved');
    expect(alert.textContent).toContain('Another article in this language already uses this URL name.');
    expect(within(alert).getByRole('link', { name: 'Open the draft' }).getAttribute('href')).toBe(`/kb/articles/${kbIds.article}`);
    // A second click would draft the reply twice.
    expect((within(dialog).getByRole('button', { name: 'Create draft' }) as HTMLButtonElement).disabled).toBe(true);
    expect(window.location.pathname).toBe(ticketPath);
  });

  it('is not offered to staff who may not write articles', async () => {
    const reader: Me = { ...kbAgent, permissions: kbAgent.permissions.filter((p) => p !== 'kb.write') };
    await renderApp(ticketPath, ticketRoutes(reader));
    const timeline = await screen.findByRole('list', { name: 'Conversation' });
    await within(timeline).findByText('Unplug it, then hold the reset button for ten seconds.');
    expect(screen.queryByRole('button', { name: action })).toBeNull();
  });
});
