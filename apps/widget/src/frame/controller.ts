import type { ChatAttachment, ChatMessage, ChatSession, ChatSyncResult, Identify } from '@switchboard/contracts';
import type { HostMessage } from '../shared/bridge.js';
import { ChatError, createWidgetApi, type WidgetApi } from './api.js';
import type { FrameBridge } from './bridge.js';
import { historyActions } from './history.js';
import { type Locale, pickLocale, translator } from './i18n/index.js';
import { newId } from './ids.js';
import { LiveConnection, type LiveOptions } from './live.js';
import { Outbox } from './outbox.js';
import { sessionActions } from './session-actions.js';
import { beep } from './sound.js';
import { lastVisibleSeq, type MessagesAction, messagesReducer, unreadCount } from './state/messages.js';
import { type ChatView, initialView, type ShownError, Store } from './store.js';
import { TypingSignal } from './typing.js';
import { VisitorAuth } from './visitor.js';

export interface ControllerDeps {
  publicKey: string;
  bridge: FrameBridge;
  storage: Storage | null;
  languages: readonly string[];
  api?: WidgetApi;
  connect?: LiveOptions['connect'];
  win?: Window;
}

const AGENT_TYPING_TTL_MS = 8000;

/**
 * Everything the chat frame does, independent of rendering: visitor token, history, the live
 * connection with its send queue (persisted-before-ack, retried with the same clientId, so a
 * flaky network never loses or duplicates a message), receipts, typing, and the bridge to the
 * host page (unread badge, title notification, launcher look).
 */
export class ChatController {
  readonly store: Store<ChatView>;
  readonly api: WidgetApi;
  readonly live: LiveConnection;
  readonly visitor: VisitorAuth;
  readonly actions = sessionActions(this);
  readonly history = historyActions(this);
  private readonly outbox: Outbox;
  private readonly typingSignal: TypingSignal;
  private hostLocale: string | null = null;
  private pageUrl: string | undefined;
  private readSent = 0;
  private deliveredSent = 0;
  private unreadPosted = -1;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: ControllerDeps) {
    this.store = new Store(initialView(pickLocale(null, deps.languages, 'en')));
    this.visitor = new VisitorAuth(() => this.api, deps.storage, deps.publicKey);
    this.api = deps.api ?? createWidgetApi(deps.publicKey, this.visitor.token, deps.bridge.origin);
    this.typingSignal = new TypingSignal((typing) => {
      const session = this.session();
      if (session) this.live.emit('chat.typing', { sessionId: session.id, typing });
    });
    this.live = new LiveConnection(
      {
        token: this.visitor.token,
        embedOrigin: deps.bridge.origin,
        onConnect: () => void this.onConnect(),
        onDisconnect: () => this.store.set({ connected: false }),
        onTokenInvalid: () => void this.tokenInvalid(),
        connect: deps.connect,
        handlers: {
          'chat.message': (m) => this.onLiveMessage(m),
          'chat.session': (s) => this.setSession(s),
          'chat.receipt': (r) => r.sessionId === this.session()?.id && this.dispatch({ type: 'receipt', cursors: r.cursors }),
          'chat.typing': (e) =>
            e.sessionId === this.session()?.id && e.side === 'agent' && this.setAgentTyping(e.typing ? e.name : undefined),
          'chat.presence': (p) => p.sessionId === this.session()?.id && this.store.set({ agentsOnline: p.agentsOnline }),
        },
      },
      deps.win,
    );
    this.outbox = new Outbox(
      {
        session: this.session,
        messages: () => this.store.get().messages,
        dispatch: (a) => this.dispatch(a),
        failed: (clientId, err) => this.failPending(clientId, err),
        ended: () => {
          const s = this.session();
          if (s)
            void this.api.sync(s.id, this.store.get().messages.lastSeq).then(
              (r) => this.applySync(r),
              () => {},
            );
        },
      },
      this.live,
    );
  }

  session = () => this.store.get().session;
  private t = () => translator(this.store.get().locale);

  private dispatch(action: MessagesAction): void {
    this.store.set((s) => ({ messages: messagesReducer(s.messages, action) }));
    this.postUnread();
  }

  showError(err: unknown): void {
    const e = err instanceof ChatError ? err : new ChatError('internal');
    const vars: ShownError['vars'] = { seconds: e.retryAfterSeconds ?? 1 };
    const max = this.store.get().config?.attachments.maxBytes;
    if (max) vars.max = `${Math.round(max / 1024 / 102.4) / 10} MB`;
    this.store.set({ error: { code: e.code, vars } });
  }

  /** Messages from the loader on the host page. */
  onHostMessage(msg: HostMessage): void {
    if (msg.type === 'init') {
      void this.visitor.identify(msg.identify);
      this.hostLocale = msg.locale;
      this.pageUrl = msg.pageUrl.slice(0, 2000);
      this.store.set({ open: msg.open, visible: msg.visible });
      void this.boot();
    } else if (msg.type === 'open' || msg.type === 'close') {
      this.store.set({ open: msg.type === 'open' });
      this.reportSeen();
    } else if (msg.type === 'visibility') {
      this.store.set({ visible: msg.visible });
      this.reportSeen();
    } else if (msg.type === 'locale') {
      this.hostLocale = msg.locale;
      this.applyLocale();
    } else if (msg.type === 'identify') void this.identify(msg.identify);
  }

  /** Loads the channel config, then (for returning or identified visitors) their latest conversation. */
  async boot(): Promise<void> {
    try {
      const config = await this.api.config();
      this.store.set({ config, agentsOnline: config.agentsOnline });
      this.applyLocale();
    } catch (err) {
      const code = err instanceof ChatError ? err.code : 'internal';
      this.store.set({ phase: 'fatal', fatal: code });
      this.deps.bridge.send({ sb: 1, type: 'error', code });
      return;
    }
    this.store.set({ phase: 'ready' });
    if (!this.visitor.known()) return;
    try {
      await this.visitor.ensure(this.store.get().locale);
      const { items } = await this.api.conversations();
      const latest = items[0];
      if (latest) await this.resume(latest);
    } catch (err) {
      this.showError(err);
    }
  }

  private applyLocale(): void {
    const { config } = this.store.get();
    const locale: Locale = pickLocale(this.hostLocale, this.deps.languages, config?.defaultLanguage ?? 'en');
    this.store.set({ locale });
    if (!config) return;
    const t = translator(locale);
    this.deps.bridge.send({
      sb: 1,
      type: 'config',
      color: config.color,
      position: config.position,
      labels: { open: t('launcher.open'), close: t('launcher.close'), unread: t('launcher.unread') },
    });
  }

  private async identify(identity: Identify): Promise<void> {
    try {
      if ((await this.visitor.identify(identity)) && this.live.connected()) this.live.reconnect();
    } catch (err) {
      this.showError(err);
    }
  }

  /** The token was refused: start over as a new visitor (the old conversation is not theirs any more). */
  private async tokenInvalid(): Promise<void> {
    this.visitor.clear();
    this.live.close();
    this.store.set({ session: null, connected: false, error: { code: 'chat.visitor_token_invalid' } });
    this.dispatch({ type: 'reset' });
  }

  private async resume(session: ChatSession): Promise<void> {
    this.setSession(session);
    const sync = await this.api.sync(session.id, 0);
    this.applySync(sync);
    this.readSent = session.cursors.visitorReadSeq;
    this.postUnread();
    if (session.state !== 'ended') this.live.start();
  }

  setSession(session: ChatSession): void {
    const current = this.session();
    if (current && current.id !== session.id) return;
    this.store.set({ session });
    this.dispatch({ type: 'receipt', cursors: session.cursors });
    if (session.state === 'ended') this.setAgentTyping(undefined);
  }

  private applySync(sync: ChatSyncResult): void {
    this.setSession(sync.session);
    this.dispatch({ type: 'received', messages: sync.messages, lastSeq: sync.lastSeq });
  }

  /** The pre-chat form was filled in: its values travel with the first message. */
  setPreChat(values: Record<string, string>): void {
    this.store.set({ preChat: values, preChatDone: true, preChatErrors: [] });
  }

  /**
   * Starts the conversation with its first message (a chat starts with what the visitor says)
   * and the pre-chat values. If the server rejects those, the form comes back with its errors.
   */
  async start(first: { clientId: string; text: string }): Promise<boolean> {
    this.store.set({ busy: true, error: null });
    try {
      await this.visitor.ensure(this.store.get().locale);
      const { locale, preChat } = this.store.get();
      const res = await this.api.start({ preChat, message: first, locale, ...(this.pageUrl ? { pageUrl: this.pageUrl } : {}) });
      this.store.set({ session: res.session, rated: false, leftMessageTo: null, transcriptTo: null });
      this.dispatch({ type: 'received', messages: res.messages, lastSeq: res.session.lastSeq });
      this.dispatch({ type: 'receipt', cursors: res.session.cursors });
      this.live.start();
      if (this.live.connected()) void this.onConnect();
      return true;
    } catch (err) {
      this.failPending(first.clientId, err);
      this.showError(err);
      const fields = err instanceof ChatError ? err.fields.filter((f) => f.path.startsWith('preChat.')) : [];
      if (fields.length) this.store.set({ preChatDone: false, preChatErrors: fields });
      return false;
    } finally {
      this.store.set({ busy: false });
    }
  }

  private failPending(clientId: string, err: unknown): void {
    const e = err instanceof ChatError ? err : new ChatError('internal');
    this.dispatch({ type: 'failed', clientId, code: e.code, ...(e.retryAfterSeconds ? { retryAfterSeconds: e.retryAfterSeconds } : {}) });
  }

  /** The visitor sends a message: shown at once as "sending", delivered when the connection allows. */
  async send(text: string, attachments: ChatAttachment[] = []): Promise<void> {
    const clientId = newId();
    this.dispatch({ type: 'queued', clientId, text, attachments, createdAt: new Date().toISOString() });
    this.typingSignal.stop();
    if (this.session()) void this.outbox.flush();
    else await this.start({ clientId, text });
  }

  /** Uploads a file before it is sent (offered once the conversation exists). */
  async upload(file: File): Promise<ChatAttachment> {
    await this.visitor.ensure(this.store.get().locale);
    return this.api.upload(file);
  }

  retry(clientId: string): void {
    this.dispatch({ type: 'retry', clientId });
    const pending = this.store.get().messages.items.find((m) => m.clientId === clientId);
    if (this.session()) void this.outbox.flush();
    else if (pending) void this.start({ clientId, text: pending.text });
  }

  /** After every (re)connect: join the room, catch up from the last seq held, then send what waited. */
  private async onConnect(): Promise<void> {
    this.store.set({ connected: true });
    const session = this.session();
    if (!session) return;
    try {
      if (!(await this.live.subscribe(session.id))) return;
      for (let more = true; more; ) {
        const ack = await this.live.request<ChatSyncResult>('chat.sync', {
          sessionId: session.id,
          afterSeq: this.store.get().messages.lastSeq,
        });
        if (!ack.ok) throw new ChatError(ack.code, 0, ack.retryAfterSeconds);
        const sync = ack as unknown as ChatSyncResult;
        this.applySync(sync);
        more = sync.hasMore && sync.messages.length > 0;
      }
    } catch (err) {
      if (!(err instanceof ChatError && (err.code === 'timeout' || err.code === 'network'))) this.showError(err);
      return;
    }
    this.reportDelivered();
    this.reportSeen();
    void this.outbox.flush();
  }

  private onLiveMessage(m: ChatMessage): void {
    if (m.sessionId !== this.session()?.id) return;
    const known = this.store.get().messages.items.some((x) => x.id === m.id);
    this.dispatch({ type: 'received', messages: [m] });
    if (known || m.author.kind === 'visitor') return;
    this.setAgentTyping(undefined);
    this.reportDelivered();
    const { open, visible, sound } = this.store.get();
    if (open && visible) {
      this.reportSeen();
      return;
    }
    const t = this.t();
    this.deps.bridge.send({ sb: 1, type: 'notify', title: t('notify.message', { name: m.author.name ?? t('author.agent') }) });
    if (sound) beep();
  }

  private setAgentTyping(name: string | null | undefined): void {
    clearTimeout(this.agentTypingTimer);
    this.store.set({ typing: name === undefined ? null : { name } });
    // A lost "stopped typing" must not leave the indicator on forever.
    if (name !== undefined) this.agentTypingTimer = setTimeout(() => this.store.set({ typing: null }), AGENT_TYPING_TTL_MS);
  }

  private reportDelivered(): void {
    const session = this.session();
    const seq = lastVisibleSeq(this.store.get().messages);
    if (!session || seq <= this.deliveredSent) return;
    this.deliveredSent = seq;
    this.live.emit('chat.delivered', { sessionId: session.id, seq });
  }

  /** Marks everything shown as read once the visitor can actually see the panel. */
  reportSeen(): void {
    const { session, open, visible, messages } = this.store.get();
    const seq = lastVisibleSeq(messages);
    if (session && open && visible && seq > this.readSent) {
      this.readSent = seq;
      this.live.emit('chat.read', { sessionId: session.id, seq });
    }
    this.postUnread();
  }

  postUnread(): void {
    const { messages } = this.store.get();
    const count = unreadCount(messages, Math.max(this.readSent, messages.cursors.visitorReadSeq));
    if (count === this.unreadPosted) return;
    this.unreadPosted = count;
    this.deps.bridge.send({ sb: 1, type: 'unread', count });
  }

  /** Call on every keystroke of the composer. */
  typing(): void {
    const session = this.session();
    if (session && session.state !== 'ended') this.typingSignal.keystroke();
  }

  /** The visitor minimized the panel from inside it; the loader closes it and refocuses the bubble. */
  minimize(): void {
    this.store.set({ open: false });
    this.deps.bridge.send({ sb: 1, type: 'close' });
  }

  /** After an ended chat: back to the start screen (history stays on the server). */
  newChat(): void {
    this.live.close();
    this.readSent = 0;
    this.deliveredSent = 0;
    this.store.set({ session: null, connected: false, typing: null, rated: false, leftMessageTo: null, transcriptTo: null });
    this.dispatch({ type: 'reset' });
  }
}
