import type { ChatMessage } from '@switchboard/contracts';
import type { HistoryItem } from './api.js';
import type { ChatController } from './controller.js';

/** Pages read at most for one transcript (200 rows each on the server). */
const MAX_PAGES = 20;

/** Conversation history for returning visitors: the list of their conversations and read-only transcripts. */
export function historyActions(ctl: ChatController) {
  const view = () => ctl.store.get().history;

  return {
    async open(): Promise<void> {
      ctl.store.set({ history: { items: null, reading: null }, error: null });
      try {
        await ctl.visitor.ensure(ctl.store.get().locale);
        const { items } = await ctl.api.conversations();
        if (view()) ctl.store.set({ history: { items, reading: null } });
      } catch (err) {
        ctl.store.set({ history: null });
        ctl.showError(err);
      }
    },

    async read(item: HistoryItem): Promise<void> {
      const items = view()?.items ?? null;
      ctl.store.set({ history: { items, reading: { item, messages: null } } });
      try {
        const messages: ChatMessage[] = [];
        let afterSeq = 0;
        for (let page = 0; page < MAX_PAGES; page++) {
          const res = await ctl.api.sync(item.id, afterSeq);
          messages.push(...res.messages);
          if (!res.hasMore || res.lastSeq <= afterSeq) break;
          afterSeq = res.lastSeq;
        }
        if (view()?.reading?.item.id === item.id) ctl.store.set({ history: { items, reading: { item, messages } } });
      } catch (err) {
        ctl.store.set({ history: { items, reading: null } });
        ctl.showError(err);
      }
    },

    /** From a transcript back to the list. */
    list(): void {
      const current = view();
      if (current) ctl.store.set({ history: { ...current, reading: null } });
    },

    close(): void {
      ctl.store.set({ history: null });
    },

    /** A new conversation is possible when there is none going on. */
    canStartNew(): boolean {
      const session = ctl.session();
      return !session || session.state === 'ended';
    },

    startNew(): void {
      ctl.store.set({ history: null });
      if (ctl.session()) ctl.newChat();
    },
  };
}
