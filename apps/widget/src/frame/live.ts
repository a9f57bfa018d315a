import type { ChatAck, ChatClientEvents, ChatServerEvents } from '@switchboard/contracts';
import { io, type Socket } from 'socket.io-client';
import { ChatError } from './api.js';

export type ServerHandlers = { [K in keyof ChatServerEvents]?: (payload: ChatServerEvents[K]) => void };

export interface LiveOptions {
  token(): string | null;
  embedOrigin(): string | null;
  onConnect(): void;
  onDisconnect(): void;
  /** The handshake was refused because the visitor token is no longer valid. */
  onTokenInvalid(): void;
  handlers: ServerHandlers;
  /** Tests pass a fake; the widget connects to its own origin. */
  connect?: (auth: (cb: (data: object) => void) => void) => Socket;
}

const ACK_TIMEOUT_MS = 10_000;

/**
 * The visitor's Socket.IO connection. The token is read on every (re)connect, so a refreshed
 * token is used without rebuilding the socket. The browser's offline/online events drop and
 * restore the connection at once instead of waiting for a ping timeout.
 */
export class LiveConnection {
  private socket: Socket | null = null;

  constructor(
    private readonly opts: LiveOptions,
    private readonly win: Window = window,
  ) {}

  private readonly goOffline = () => this.socket?.disconnect();
  private readonly goOnline = () => this.socket?.connect();

  start(): void {
    if (this.socket) {
      if (!this.socket.connected && this.win.navigator.onLine !== false) this.socket.connect();
      return;
    }
    const auth = (cb: (data: object) => void) => cb({ visitorToken: this.opts.token(), embedOrigin: this.opts.embedOrigin() });
    const socket = this.opts.connect
      ? this.opts.connect(auth)
      : io(this.win.location.origin, { path: '/socket.io', auth, reconnectionDelayMax: 5000, autoConnect: false });
    this.socket = socket;
    socket.on('connect', () => this.opts.onConnect());
    socket.on('disconnect', () => this.opts.onDisconnect());
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      if (err.data?.code === 'chat.visitor_token_invalid' || err.message === 'chat.visitor_token_invalid') this.opts.onTokenInvalid();
    });
    for (const [event, fn] of Object.entries(this.opts.handlers)) socket.on(event, fn as (p: unknown) => void);
    this.win.addEventListener('offline', this.goOffline);
    this.win.addEventListener('online', this.goOnline);
    socket.connect();
  }

  connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Reconnect after the token changed (a refused handshake does not retry by itself). */
  reconnect(): void {
    this.socket?.disconnect().connect();
  }

  async subscribe(sessionId: string): Promise<boolean> {
    const res = await this.request<Record<never, never>>('subscribe', { room: `chat:${sessionId}` });
    return res.ok;
  }

  /** Emits with an ack; a missing ack (dead connection) rejects with `timeout` so callers can retry later. */
  async request<T>(event: keyof ChatClientEvents | 'subscribe', payload: object): Promise<ChatAck<T>> {
    const socket = this.socket;
    if (!socket?.connected) throw new ChatError('network');
    try {
      return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as ChatAck<T>;
    } catch {
      throw new ChatError('timeout');
    }
  }

  /** Fire and forget (typing): dropped while disconnected instead of buffered. */
  emit(event: keyof ChatClientEvents, payload: object): void {
    if (this.socket?.connected) this.socket.emit(event, payload);
  }

  close(): void {
    this.win.removeEventListener('offline', this.goOffline);
    this.win.removeEventListener('online', this.goOnline);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }
}
