import type { ChatMessage, ChatSession, WidgetConfig } from '@switchboard/contracts';
import type { Socket } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import type { FrameMessage } from '../shared/bridge.js';
import type { WidgetApi } from './api.js';
import { ChatController } from './controller.js';
import { statusOf } from './state/messages.js';

const SESSION_ID = '00000000-0000-7000-8000-000000000001';

/** The server side of one conversation: idempotent on clientId, gap-free seqs, as the contract says. */
class FakeServer {
  messages: ChatMessage[] = [];
  seq = 0;
  /** Store the next message but never answer (an ack lost with the connection). */
  loseNextAck = false;

  add(author: ChatMessage['author'], text: string, clientId: string | null): ChatMessage {
    const m: ChatMessage = {
      id: crypto.randomUUID(),
      sessionId: SESSION_ID,
      seq: ++this.seq,
      clientId,
      author,
      text,
      html: '',
      attachments: [],
      quickReplies: [],
      createdAt: new Date().toISOString(),
    };
    this.messages.push(m);
    return m;
  }
  send(clientId: string, text: string) {
    const existing = this.messages.find((m) => m.clientId === clientId);
    const m = existing ?? this.add({ kind: 'visitor', name: null, avatarUrl: null }, text, clientId);
    return { ok: true, messageId: m.id, seq: m.seq, createdAt: m.createdAt, duplicate: !!existing };
  }
  session(): ChatSession {
    const cursors = { visitorDeliveredSeq: 0, visitorReadSeq: 0, agentDeliveredSeq: 0, agentReadSeq: 0 };
    return {
      id: SESSION_ID,
      ticketNumber: 7,
      state: 'active',
      queuePosition: null,
      estimatedWaitSeconds: null,
      agent: { name: 'Ada', avatarUrl: null },
      offlineMessage: false,
      lastSeq: this.seq,
      cursors,
      rating: null,
      ratingComment: null,
      endedBy: null,
      startedAt: '',
      acceptedAt: null,
      endedAt: null,
    };
  }
  sync(afterSeq: number) {
    return {
      ok: true,
      session: this.session(),
      messages: this.messages.filter((m) => m.seq > afterSeq),
      lastSeq: this.seq,
      hasMore: false,
    };
  }
}

/** Enough of a socket.io client socket for the controller: connect/disconnect, acks, plain emits. */
class FakeSocket {
  connected = false;
  emitted: Array<[string, unknown]> = [];
  private handlers = new Map<string, Array<(p: unknown) => void>>();
  constructor(private server: FakeServer) {}
  on(event: string, fn: (p: unknown) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  fire(event: string, payload?: unknown) {
    for (const fn of this.handlers.get(event) ?? []) fn(payload);
  }
  connect() {
    if (!this.connected) {
      this.connected = true;
      queueMicrotask(() => this.fire('connect'));
    }
    return this;
  }
  disconnect() {
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect');
    }
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  emit(event: string, payload: unknown) {
    this.emitted.push([event, payload]);
    return this;
  }
  timeout() {
    return {
      emitWithAck: async (event: string, payload: Record<string, unknown>) => {
        if (!this.connected) throw new Error('timeout');
        if (event === 'subscribe') return { ok: true };
        if (event === 'chat.sync') return this.server.sync(payload.afterSeq as number);
        if (event === 'chat.send') {
          const ack = this.server.send(payload.clientId as string, payload.text as string);
          if (this.server.loseNextAck) {
            this.server.loseNextAck = false;
            throw new Error('timeout');
          }
          return ack;
        }
        return { ok: true };
      },
    };
  }
}

const config = {
  publicKey: 'pk',
  name: 'Acme',
  color: '#1f6feb',
  position: 'right',
  greeting: {},
  avatarUrl: null,
  defaultLanguage: 'en',
  preChatFields: [],
  maxMessageLength: 2000,
  attachments: { enabled: true, maxBytes: 1, types: [] },
  businessHours: { open: true, nextOpenAt: null },
  agentsOnline: 1,
  available: true,
} satisfies WidgetConfig;

function setup() {
  const server = new FakeServer();
  const socket = new FakeSocket(server);
  const sent: FrameMessage[] = [];
  const api = {
    config: async () => config,
    createVisitor: async () => ({
      visitorToken: 'vt',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      visitor: { id: SESSION_ID, name: null, email: null, identified: false },
    }),
    conversations: async () => ({ items: [] }),
    start: async (body: { message?: { clientId: string; text: string } }) => {
      if (body.message) server.send(body.message.clientId, body.message.text);
      return { session: server.session(), messages: server.messages };
    },
  } as unknown as WidgetApi;
  const ctl = new ChatController({
    publicKey: 'pk',
    bridge: { framed: true, origin: () => 'https://shop.example.com', send: (m) => sent.push(m) },
    storage: null,
    languages: ['en'],
    api,
    connect: () => socket as unknown as Socket,
  });
  ctl.onHostMessage({ sb: 1, type: 'init', identify: null, locale: null, pageUrl: 'https://shop.example.com/', open: true, visible: true });
  const view = () => ctl.store.get();
  const statuses = () => view().messages.items.map((m) => `${m.text}:${statusOf(m, view().messages.cursors)}`);
  return { ctl, server, socket, sent, view, statuses };
}

describe('chat controller', () => {
  it('keeps messages written while offline and sends each exactly once, in order, when back online', async () => {
    const { ctl, server, socket, view, statuses } = setup();
    await vi.waitFor(() => expect(view().phase).toBe('ready'));
    await ctl.send('hello');
    await vi.waitFor(() => expect(view().connected).toBe(true));
    await vi.waitFor(() => expect(statuses()).toEqual(['hello:sent']));

    window.dispatchEvent(new Event('offline'));
    expect(socket.connected).toBe(false);
    await ctl.send('one');
    await ctl.send('two');
    expect(statuses()).toEqual(['hello:sent', 'one:sending', 'two:sending']);
    server.add({ kind: 'agent', name: 'Ada', avatarUrl: null }, 'are you there?', null);

    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(statuses()).toEqual(['hello:sent', 'are you there?:null', 'one:sent', 'two:sent']));
    expect(server.messages.map((m) => m.text)).toEqual(['hello', 'are you there?', 'one', 'two']);
  });

  it('does not send again a message the server stored before its ack was lost', async () => {
    const { ctl, server, socket, view, statuses } = setup();
    await vi.waitFor(() => expect(view().phase).toBe('ready'));
    await ctl.send('first');
    await vi.waitFor(() => expect(statuses()).toEqual(['first:sent']));
    server.loseNextAck = true;
    await ctl.send('lost ack');
    await vi.waitFor(() => expect(server.messages).toHaveLength(2));
    expect(statuses()).toEqual(['first:sent', 'lost ack:sending']);

    socket.disconnect();
    socket.connect();
    await vi.waitFor(() => expect(statuses()).toEqual(['first:sent', 'lost ack:sent']));
    expect(server.messages.map((m) => m.text)).toEqual(['first', 'lost ack']);
  });

  it('notifies the host page and counts unread replies while the panel is closed, and reads them when it opens', async () => {
    const { ctl, server, socket, sent, view } = setup();
    await vi.waitFor(() => expect(view().phase).toBe('ready'));
    await ctl.send('hi');
    await vi.waitFor(() => expect(view().connected).toBe(true));
    ctl.onHostMessage({ sb: 1, type: 'close' });
    const reply = server.add({ kind: 'agent', name: 'Ada', avatarUrl: null }, 'Hello! How can I help?', null);
    socket.fire('chat.message', reply);
    socket.fire('chat.message', reply);
    expect(view().messages.items).toHaveLength(2);
    expect(sent).toContainEqual({ sb: 1, type: 'notify', title: 'New message from Ada' });
    expect(sent.filter((m) => m.type === 'unread').at(-1)).toEqual({ sb: 1, type: 'unread', count: 1 });
    expect(socket.emitted).toContainEqual(['chat.delivered', { sessionId: SESSION_ID, seq: reply.seq }]);

    ctl.onHostMessage({ sb: 1, type: 'open' });
    expect(socket.emitted).toContainEqual(['chat.read', { sessionId: SESSION_ID, seq: reply.seq }]);
    expect(sent.filter((m) => m.type === 'unread').at(-1)).toEqual({ sb: 1, type: 'unread', count: 0 });
  });

  it('shows the agent typing and clears it when their message arrives', async () => {
    const { ctl, server, socket, view } = setup();
    await vi.waitFor(() => expect(view().phase).toBe('ready'));
    await ctl.send('hi');
    await vi.waitFor(() => expect(view().connected).toBe(true));
    socket.fire('chat.typing', { sessionId: SESSION_ID, side: 'agent', name: 'Ada', typing: true });
    expect(view().typing).toEqual({ name: 'Ada' });
    socket.fire('chat.message', server.add({ kind: 'agent', name: 'Ada', avatarUrl: null }, 'Sure', null));
    expect(view().typing).toBeNull();
  });
});
