import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../api/types';
import { i18n } from '../../i18n/i18n';
import { problem, renderApp, session, testUser } from '../../test/renderApp';
import { agent, ids, message, ticket } from '../../test/ticketFixtures';

type Handler = (body: unknown, url: URL) => { status: number; body?: unknown };

const ada = { id: testUser.id, name: 'Ada Lovelace', email: testUser.email, kind: 'agent' as const };

const timeline: Message[] = [
  message(1, { bodyHtml: '<p>My printer is on fire.</p>' }),
  message(2, { kind: 'note', author: ada, authorKind: 'agent', bodyHtml: '<p>Check the warranty first.</p>' }),
  message(3, {
    kind: 'event',
    author: ada,
    authorKind: 'agent',
    bodyHtml: '',
    event: { type: 'fields_changed', changes: [{ field: 'priority', from: 'normal', to: 'high' }] },
  }),
];

function staff(extra: Record<string, Handler> = {}) {
  return {
    'GET /auth/session': () => ({ status: 200, body: session({ user: testUser }) }),
    [`GET /tickets/${ids.ticket}`]: () => ({ status: 200, body: ticket({ priority: 'high' }) }),
    [`GET /tickets/${ids.ticket}/messages`]: (_body: unknown, url: URL) => ({
      status: 200,
      body: { items: timeline.filter((m) => m.seq > Number(url.searchParams.get('afterSeq') ?? 0)) },
    }),
    'GET /tickets': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'GET /agents': () => ({ status: 200, body: { items: [agent(), agent({ id: ids.grace, name: 'Grace Hopper' })] } }),
    'GET /views': () => ({ status: 200, body: [] }),
    ...extra,
  } satisfies Record<string, Handler>;
}

const path = `/inbox/tickets/${ids.ticket}`;
const sent = (requests: { method: string; path: string; body: unknown }[]) =>
  requests.filter((r) => r.method === 'POST' && r.path === `/tickets/${ids.ticket}/messages`).map((r) => r.body);

beforeAll(() => import('./pages'));

afterEach(async () => {
  await i18n.changeLanguage('en');
});

// The rich editor (ProseMirror) types slowly in happy-dom on a busy machine.
describe('ticket page', { timeout: 20_000 }, () => {
  it('shows replies, yellow internal notes and events as sentences', async () => {
    await renderApp(path, staff());
    expect(await screen.findByRole('heading', { name: '#42 Printer on fire' })).toBeTruthy();
    const conversation = await screen.findByRole('list', { name: 'Conversation' });
    expect(within(conversation).getByText('My printer is on fire.')).toBeTruthy();
    const note = within(conversation).getByText('Check the warranty first.').closest('[data-kind]') as HTMLElement;
    expect(note.dataset.kind).toBe('note');
    expect(within(note).getByText('Internal note')).toBeTruthy();
    expect(within(conversation).getByText('Ada Lovelace changed the priority from Normal to High')).toBeTruthy();
  });

  it('renders the timeline in Chinese', async () => {
    // The UI follows the language saved in the agent's profile.
    const chinese = { ...testUser, locale: 'zh-CN' as const };
    await renderApp(path, staff({ 'GET /auth/session': () => ({ status: 200, body: session({ user: chinese }) }) }), 'zh-CN');
    expect(await screen.findByText('Ada Lovelace 将优先级从“普通”改为“高”')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: '对话' })).getByText('内部备注')).toBeTruthy();
  });

  it('sends a reply with what the agent has seen, then a note that also sets the status', async () => {
    const { requests } = await renderApp(
      path,
      staff({
        [`POST /tickets/${ids.ticket}/messages`]: (body) => {
          const { kind, bodyHtml } = body as { kind: 'reply' | 'note'; bodyHtml: string };
          const created = message(4 + sent(requests).length - 1, {
            kind,
            bodyHtml,
            author: ada,
            authorKind: 'agent',
          });
          return { status: 201, body: { message: created, ticketVersion: 6, status: 'open' } };
        },
      }),
    );
    const user = userEvent.setup();
    const reply = await screen.findByRole('textbox', { name: 'Reply to Carl Customer' });
    await screen.findByText('My printer is on fire.');
    await user.type(reply, 'Please unplug it.');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Please unplug it.')).toBeTruthy();
    expect(sent(requests)[0]).toEqual({ kind: 'reply', bodyHtml: '<p>Please unplug it.</p>', seenSeq: 3 });
    expect(screen.getByRole('textbox', { name: 'Reply to Carl Customer' }).textContent).toBe('');

    await user.click(screen.getByRole('radio', { name: 'Internal note' }));
    await user.type(await screen.findByRole('textbox', { name: /Internal note/ }), 'Waiting for the fire brigade.');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Then set status' }), 'pending');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(sent(requests)).toHaveLength(2));
    expect(sent(requests)[1]).toEqual({ kind: 'note', bodyHtml: '<p>Waiting for the fire brigade.</p>', status: 'pending', seenSeq: 4 });
  });

  it('warns about a reply that arrived meanwhile and can send anyway', async () => {
    let attempts = 0;
    const { requests } = await renderApp(
      path,
      staff({
        [`POST /tickets/${ids.ticket}/messages`]: () => {
          attempts += 1;
          if (attempts === 1) return problem(409, 'ticket.new_activity');
          return {
            status: 201,
            body: { message: message(9, { author: ada, authorKind: 'agent', bodyHtml: '<p>Sent.</p>' }), ticketVersion: 7, status: 'open' },
          };
        },
      }),
    );
    const user = userEvent.setup();
    await screen.findByText('My printer is on fire.');
    await user.type(await screen.findByRole('textbox', { name: 'Reply to Carl Customer' }), 'Try turning it off.');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('New activity on this ticket')).toBeTruthy();
    // The draft is kept so nothing is lost.
    expect(screen.getByRole('textbox', { name: 'Reply to Carl Customer' }).textContent).toBe('Try turning it off.');
    await user.click(screen.getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(sent(requests)).toHaveLength(2));
    expect(sent(requests)[1]).toMatchObject({ kind: 'reply', bodyHtml: '<p>Try turning it off.</p>', force: true });
    await waitFor(() => expect(screen.queryByText('New activity on this ticket')).toBeNull());
  });

  it('saves a field with If-Match and explains a conflicting change', async () => {
    let gets = 0;
    const { requests } = await renderApp(
      path,
      staff({
        [`GET /tickets/${ids.ticket}`]: () => {
          gets += 1;
          return { status: 200, body: ticket(gets === 1 ? { priority: 'high' } : { priority: 'urgent', version: 6 }) };
        },
        [`PATCH /tickets/${ids.ticket}`]: () => problem(412, 'ticket.version_mismatch'),
      }),
    );
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Priority' }), 'low');
    expect(await screen.findByText(/Someone else changed this ticket in the meantime/)).toBeTruthy();
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ priority: 'low' });
    expect(patch?.headers['if-match']).toBe('"5"');
    // The latest version is loaded and shown instead of the agent's stale choice.
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Priority' }) as HTMLSelectElement).value).toBe('urgent'));
  });

  it('shows server field errors next to the field', async () => {
    await renderApp(
      path,
      staff({
        [`PATCH /tickets/${ids.ticket}`]: () =>
          problem(400, 'validation.failed', {
            errors: [{ path: 'assigneeId', message: 'Assign to an active staff member', code: 'assignee_invalid' }],
          }),
      }),
    );
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Assignee' }), ids.grace);
    const field = screen.getByRole('combobox', { name: 'Assignee' });
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Choose an active team member.')).toBeTruthy();
  });

  it('joins the ticket room and shows live messages, viewers and typing', async () => {
    const { socket } = await renderApp(path, staff());
    await screen.findByText('My printer is on fire.');
    expect(socket.rooms()).toContain(`ticket:${ids.ticket}`);
    socket.push('ticket.viewers', {
      ticketId: ids.ticket,
      viewers: [
        { userId: testUser.id, name: 'Ada Lovelace' },
        { userId: ids.grace, name: 'Grace Hopper' },
      ],
    });
    expect(screen.getByRole('img', { name: 'Also viewing: Grace Hopper' })).toBeTruthy();
    socket.push('ticket.typing', { ticketId: ids.ticket, userId: ids.grace, typing: true });
    expect(screen.getByText('Grace Hopper is typing…')).toBeTruthy();
    socket.push('message.created', message(4, { bodyHtml: '<p>It is out now, thanks!</p>' }));
    expect(await screen.findByText('It is out now, thanks!')).toBeTruthy();
    // Someone else's ticket never leaks into this one.
    socket.push('message.created', message(5, { ticketId: ids.ticket2, bodyHtml: '<p>Other ticket</p>' }));
    expect(screen.queryByText('Other ticket')).toBeNull();
  });

  it('tells the others while the agent types', async () => {
    const { socket } = await renderApp(path, staff());
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Reply to Carl Customer' }), 'Hi');
    expect(socket.sent).toContainEqual({ event: 'ticket.typing', payload: { ticketId: ids.ticket, typing: true } });
  });

  it('uploads dropped files and sends them with the reply', async () => {
    const attachment = {
      id: '00000000-0000-4000-8000-0000000aa001',
      filename: 'photo.png',
      contentType: 'image/png',
      size: 2048,
      sha256: 'x',
      url: '/api/v1/attachments/a1',
      previewable: true,
      createdAt: '',
    };
    const { requests } = await renderApp(
      path,
      staff({
        'POST /attachments': () => ({ status: 201, body: attachment }),
        [`POST /tickets/${ids.ticket}/messages`]: () => ({ status: 201, body: { message: null, ticketVersion: 6, status: 'open' } }),
      }),
    );
    const user = userEvent.setup();
    const reply = await screen.findByRole('textbox', { name: 'Reply to Carl Customer' });
    const file = new File(['png'], 'photo.png', { type: 'image/png' });
    fireEvent.drop(reply, { dataTransfer: { files: [file], types: ['Files'] } });
    expect(await screen.findByText(/photo\.png · 3 bytes/)).toBeTruthy();
    const upload = requests.find((r) => r.path === '/attachments');
    expect(upload?.body).toBeInstanceOf(FormData);
    expect((upload?.body as FormData | undefined)?.get('file')).toBeInstanceOf(File);
    await user.type(reply, 'See photo');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(sent(requests)[0]).toMatchObject({ attachmentIds: [attachment.id] }));
  });

  it('previews and applies a macro with If-Match', async () => {
    const macro = {
      id: ids.macro,
      name: 'Escalate',
      description: 'Hand to tier 2',
      shared: true,
      ownerId: null,
      actions: [],
      usageCount: 0,
      lastUsedAt: null,
      createdAt: '',
      updatedAt: '',
    };
    const { requests } = await renderApp(
      path,
      staff({
        'GET /macros': () => ({ status: 200, body: { items: [macro] } }),
        [`POST /tickets/${ids.ticket}/macros/${ids.macro}/preview`]: () => ({
          status: 200,
          body: {
            message: { kind: 'reply', bodyHtml: '<p>Hi Carl</p>', bodyText: 'Hi Carl, we escalated this.' },
            changes: { priority: 'urgent', addTags: ['tier2'] },
            unknownPlaceholders: [],
          },
        }),
        [`POST /tickets/${ids.ticket}/macros/${ids.macro}/apply`]: () => ({
          status: 200,
          body: ticket({ priority: 'urgent', version: 6 }),
        }),
      }),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Macros' }));
    await user.click(await screen.findByRole('menuitem', { name: /Escalate/, hidden: true }));
    expect(await screen.findByText('Hi Carl, we escalated this.')).toBeTruthy();
    expect(screen.getByText('Priority: Urgent')).toBeTruthy();
    expect(screen.getByText('Adds tags: tier2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Apply macro' }));
    await waitFor(() => expect(requests.some((r) => r.path.endsWith('/apply'))).toBe(true));
    expect(requests.find((r) => r.path.endsWith('/apply'))?.headers['if-match']).toBe('"5"');
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Priority' }) as HTMLSelectElement).value).toBe('urgent'));
  });

  it('says so when the ticket does not exist', async () => {
    await renderApp(path, staff({ [`GET /tickets/${ids.ticket}`]: () => problem(404, 'ticket.not_found') }));
    expect(await screen.findByRole('heading', { name: 'Ticket not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to tickets' })).toBeTruthy();
  });
});
