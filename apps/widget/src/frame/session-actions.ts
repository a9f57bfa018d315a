import type { ChatController } from './controller.js';

/** Ended chats whose rating is still worth asking for. */
const RATE_WINDOW_MS = 24 * 3600_000;

/** The visitor's one-off REST actions on the current conversation: end, leave a message, rate, transcript. */
export function sessionActions(ctl: ChatController) {
  // Read lazily: the controller builds this before its own store exists.
  const store = { set: (patch: Parameters<ChatController['store']['set']>[0]) => ctl.store.set(patch), get: () => ctl.store.get() };

  /** Runs an action with the busy flag and error banner handled; null when it failed. */
  async function act<T>(fn: (sessionId: string) => Promise<T>): Promise<{ value: T } | null> {
    const session = ctl.session();
    if (!session) return null;
    store.set({ busy: true, error: null });
    try {
      return { value: await fn(session.id) };
    } catch (err) {
      ctl.showError(err);
      return null;
    } finally {
      store.set({ busy: false });
    }
  }

  return {
    async end(): Promise<void> {
      const done = await act((id) => ctl.api.end(id));
      if (done) ctl.setSession(done.value);
    },

    async leaveMessage(body: { email: string; name?: string; text?: string }): Promise<void> {
      const done = await act((id) => ctl.api.leaveMessage(id, body));
      if (!done) return;
      ctl.setSession(done.value);
      store.set({ leftMessageTo: body.email });
    },

    async rate(rating: number, comment?: string): Promise<void> {
      const done = await act((id) => ctl.api.rate(id, { rating, ...(comment ? { comment } : {}) }));
      if (done) store.set({ rated: true });
    },

    async transcript(email: string): Promise<void> {
      if (await act((id) => ctl.api.transcript(id, { email }))) store.set({ transcriptTo: email });
    },

    canRate(): boolean {
      const { session, rated } = store.get();
      return (
        !!session && !rated && session.rating === null && (!session.endedAt || Date.now() - Date.parse(session.endedAt) < RATE_WINDOW_MS)
      );
    },
  };
}
