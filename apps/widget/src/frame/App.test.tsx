import type { ChatSession, WidgetConfig } from '@switchboard/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameMessage } from '../shared/bridge.js';
import { App } from './App.js';
import type { StartChatBody, WidgetApi } from './api.js';
import { ChatError } from './api.js';
import { ChatController } from './controller.js';

const SESSION_ID = '00000000-0000-7000-8000-000000000001';

/** Preact re-renders on a microtask; a user's next event comes after it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function type(el: HTMLElement, value: string) {
  fireEvent.input(el, { target: { value } });
  await settle();
}

const config: WidgetConfig = {
  publicKey: 'pk',
  name: 'Acme support',
  color: '#0b7a4b',
  position: 'right',
  greeting: { en: 'Hi! Ask us anything.', 'zh-CN': '您好！有什么可以帮您？' },
  avatarUrl: null,
  defaultLanguage: 'en',
  preChatFields: [
    { key: 'name', kind: 'name', label: { en: 'Your name', 'zh-CN': '您的姓名' }, required: true, pattern: null },
    { key: 'order', kind: 'text', label: { en: 'Order number', 'zh-CN': '订单号' }, required: false, pattern: '^SO-\\d{4}$' },
  ],
  maxMessageLength: 20,
  attachments: { enabled: false, maxBytes: 0, types: [] },
  businessHours: { open: false, nextOpenAt: null },
  agentsOnline: 0,
  available: true,
};

const session = (over: Partial<ChatSession> = {}): ChatSession => ({
  id: SESSION_ID,
  ticketNumber: 9,
  state: 'queued',
  queuePosition: 3,
  estimatedWaitSeconds: 240,
  agent: null,
  offlineMessage: false,
  lastSeq: 1,
  cursors: { visitorDeliveredSeq: 1, visitorReadSeq: 1, agentDeliveredSeq: 0, agentReadSeq: 0 },
  rating: null,
  ratingComment: null,
  endedBy: null,
  startedAt: '',
  acceptedAt: null,
  endedAt: null,
  ...over,
});

function mount(overrides: Partial<WidgetApi> = {}, languages = ['en-US'], storage: Storage | null = null) {
  const started: StartChatBody[] = [];
  const sent: FrameMessage[] = [];
  const api = {
    config: async () => config,
    createVisitor: async () => ({
      visitorToken: 'vt',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      visitor: { id: SESSION_ID, name: null, email: null, identified: false },
    }),
    start: async (body: StartChatBody) => {
      started.push(body);
      const author = { kind: 'visitor' as const, name: null, avatarUrl: null };
      const first = {
        id: crypto.randomUUID(),
        sessionId: SESSION_ID,
        seq: 1,
        clientId: body.message.clientId,
        author,
        text: body.message.text,
        html: '',
        attachments: [],
        quickReplies: [],
        createdAt: new Date().toISOString(),
      };
      return { session: session(), messages: [first] };
    },
    ...overrides,
  } as unknown as WidgetApi;
  const socket = { connected: false, on: () => socket, connect: () => socket, disconnect: () => socket, removeAllListeners: () => socket };
  const ctl = new ChatController({
    publicKey: 'pk',
    bridge: { framed: true, origin: () => 'https://shop.example.com', send: (m) => sent.push(m) },
    storage,
    languages,
    api,
    connect: () => socket as never,
  });
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(<App ctl={ctl} />, root);
  ctl.onHostMessage({
    sb: 1,
    type: 'init',
    identify: null,
    locale: null,
    pageUrl: 'https://shop.example.com/cart',
    open: true,
    visible: true,
  });
  return { ctl, root, started, sent };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('chat frame', () => {
  it('validates the pre-chat form inline, then starts the chat with the first message and the values', async () => {
    const { started, sent } = mount();
    await screen.findByText('Hi! Ask us anything.');
    expect(screen.getByText('We are closed right now.')).toBeTruthy();
    expect(sent).toContainEqual(
      expect.objectContaining({ type: 'config', color: '#0b7a4b', labels: expect.objectContaining({ open: 'Open chat' }) }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    const name = screen.getByLabelText('Your name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(name);
    expect(screen.getByRole('alert').textContent).toBe('This field is required.');

    await type(name, 'Li Lei');
    await type(screen.getByLabelText(/Order number/), 'SO-12');
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await screen.findByText('Please check this value.');
    await type(screen.getByLabelText(/Order number/), 'SO-1234');
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));

    const box = await screen.findByLabelText('Message');
    await type(box, 'This message is far too long');
    expect(screen.getByText('8 characters over the limit.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    await type(box, 'Where is it?');
    fireEvent.keyDown(box, { key: 'Enter' });

    const log = await screen.findByRole('log');
    await within(log).findByText('Where is it?');
    expect(started).toEqual([
      expect.objectContaining({
        preChat: { name: 'Li Lei', order: 'SO-1234' },
        message: expect.objectContaining({ text: 'Where is it?' }),
        pageUrl: 'https://shop.example.com/cart',
      }),
    ]);
    await within(log).findByText(/Sent/);
    expect(screen.getByText('You are number 3 in line. Estimated wait: about 4 min.')).toBeTruthy();
  });

  it("sends the visitor back to the form with the server's objections", async () => {
    mount({
      start: async () => Promise.reject(new ChatError('validation.failed', 400, undefined, [{ path: 'preChat.order', message: 'bad' }])),
    });
    await type(await screen.findByLabelText('Your name'), 'Li Lei');
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    const box = await screen.findByLabelText('Message');
    await type(box, 'Hello');
    fireEvent.keyDown(box, { key: 'Enter' });
    await screen.findByText('Please check this value.');
    expect(screen.getByText('Please check the highlighted fields.')).toBeTruthy();
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Li Lei');
  });

  it('speaks Chinese when the browser does, including the launcher labels', async () => {
    const { sent } = mount({}, ['zh-CN', 'en']);
    await screen.findByText('您好！有什么可以帮您？');
    expect(screen.getByLabelText('您的姓名')).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(sent).toContainEqual(
      expect.objectContaining({ type: 'config', labels: { open: '打开聊天', close: '关闭聊天', unread: '{{count}} 条未读' } }),
    );
  });

  it('tells the host page when the channel refuses this site, and shows why', async () => {
    const { sent } = mount({ config: async () => Promise.reject(new ChatError('chat.origin_not_allowed', 403)) });
    await screen.findByText('Chat is not enabled on this website.');
    expect(sent).toContainEqual({ sb: 1, type: 'error', code: 'chat.origin_not_allowed' });
  });

  it('asks to close the panel on Escape', async () => {
    const { sent } = mount();
    fireEvent.keyDown(await screen.findByLabelText('Your name'), { key: 'Escape' });
    expect(sent).toContainEqual({ sb: 1, type: 'close' });
  });

  it('shows a returning visitor their conversations as read-only transcripts and starts a new one', async () => {
    const stored = new Map([['sb.visitor.pk', JSON.stringify({ token: 'vt', expiresAt: new Date(Date.now() + 3600_000).toISOString() })]]);
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: () => {}, removeItem: () => {} } as unknown as Storage;
    const earlier = {
      ...session({
        ticketNumber: 7,
        state: 'ended',
        queuePosition: null,
        estimatedWaitSeconds: null,
        agent: { name: 'Ada', avatarUrl: null },
        startedAt: '2026-05-01T10:00:00.000Z',
        endedAt: '2026-05-01T10:20:00.000Z',
      }),
      preview: 'Where is order SO-1111?',
    };
    const line = (seq: number, kind: 'visitor' | 'agent', text: string) => ({
      id: `00000000-0000-7000-8000-00000000010${seq}`,
      sessionId: SESSION_ID,
      seq,
      clientId: null,
      author: { kind, name: kind === 'agent' ? 'Ada' : null, avatarUrl: null },
      text,
      html: '',
      attachments: [],
      quickReplies: [],
      createdAt: earlier.startedAt,
    });
    const read: string[] = [];
    mount(
      {
        // The newest conversation is resumed on load (ended: read-only), and listed in the history.
        conversations: async () => ({ items: [earlier] }),
        sync: async (id: string, afterSeq: number) => {
          read.push(`${id}@${afterSeq}`);
          return {
            session: earlier,
            messages: [line(1, 'visitor', 'Where is order SO-1111?'), line(2, 'agent', 'It ships tomorrow.')],
            lastSeq: 3,
            hasMore: false,
          };
        },
      },
      ['en-US'],
      storage,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Your conversations' }));
    const row = await screen.findByRole('button', { name: /Where is order SO-1111\?.*with Ada · Ended/ });
    fireEvent.click(row);
    await screen.findByText('It ships tomorrow.');
    expect(screen.getByRole('heading', { name: 'Conversation #7' })).toBeTruthy();
    expect(screen.queryByLabelText('Message')).toBeNull();
    // Once when the ended conversation was resumed on load, once to read it from the list.
    expect(read).toEqual([`${SESSION_ID}@0`, `${SESSION_ID}@0`]);

    fireEvent.click(screen.getByRole('button', { name: /All conversations/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Start a new conversation' }));
    await screen.findByLabelText('Your name');
    expect(screen.queryByText('It ships tomorrow.')).toBeNull();
  });
});
