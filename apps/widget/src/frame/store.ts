import type { ChatMessage, ChatSession, WidgetConfig } from '@switchboard/contracts';
import { useEffect, useState } from 'preact/hooks';
import type { HistoryItem } from './api.js';
import type { Locale } from './i18n/index.js';
import { emptyMessages, type MessagesState } from './state/messages.js';

/** A problem to show, by code; `vars` fill the message's placeholders (seconds, max size). */
export interface ShownError {
  code: string;
  vars?: Record<string, string | number>;
}

/** The history screen: the list (null while loading) and the transcript being read, if any. */
export interface HistoryView {
  items: HistoryItem[] | null;
  reading: { item: HistoryItem; messages: ChatMessage[] | null } | null;
}

export interface ChatView {
  phase: 'loading' | 'ready' | 'fatal';
  /** Why the widget cannot work at all here (unknown key, origin not allowed, channel off). */
  fatal: string | null;
  config: WidgetConfig | null;
  locale: Locale;
  session: ChatSession | null;
  /** Pre-chat values given before the first message, and whether the form is done with. */
  preChat: Record<string, string>;
  preChatDone: boolean;
  /** The server's field errors for the pre-chat values (paths `preChat.<key>`). */
  preChatErrors: Array<{ path: string }>;
  messages: MessagesState;
  /** The live connection is up (only meaningful while there is a session). */
  connected: boolean;
  /** The agent side is typing (with their name when known). */
  typing: { name: string | null } | null;
  agentsOnline: number;
  error: ShownError | null;
  /** Panel open on the host page, and the page visible and focused. */
  open: boolean;
  visible: boolean;
  sound: boolean;
  /** Confirmations after leave-a-message / transcript / rating. */
  leftMessageTo: string | null;
  transcriptTo: string | null;
  rated: boolean;
  /** Something is being submitted (forms disable their buttons). */
  busy: boolean;
  /** The visitor is browsing their earlier conversations (null: the chat is shown). */
  history: HistoryView | null;
}

export const initialView = (locale: Locale): ChatView => ({
  phase: 'loading',
  fatal: null,
  config: null,
  locale,
  session: null,
  preChat: {},
  preChatDone: false,
  preChatErrors: [],
  messages: emptyMessages(),
  connected: false,
  typing: null,
  agentsOnline: 0,
  error: null,
  open: false,
  visible: true,
  sound: true,
  leftMessageTo: null,
  transcriptTo: null,
  rated: false,
  busy: false,
  history: null,
});

/** The smallest observable store that does the job: one state object, replaced on every change. */
export class Store<T> {
  private listeners = new Set<(s: T) => void>();
  constructor(private state: T) {}

  get(): T {
    return this.state;
  }

  set(patch: Partial<T> | ((s: T) => Partial<T>)): void {
    const next = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...next };
    for (const fn of this.listeners) fn(this.state);
  }

  subscribe(fn: (s: T) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

export function useStore<T>(store: Store<T>): T {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(setState);
  }, [store]);
  return state;
}
