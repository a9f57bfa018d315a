/**
 * Messages the writer pushed to the chat room itself right after commit (chat.send), so the
 * outbox listener does not push them again. Ids are added inside the transaction, before the
 * outbox can see the event; bounded, because another node may handle the event instead (it
 * then recognises the message by `meta.livePush`).
 */
export class LivePushes {
  private readonly ids = new Set<string>();

  constructor(private readonly max = 10_000) {}

  add(messageId: string): void {
    this.ids.add(messageId);
    if (this.ids.size > this.max) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }

  /** True (once) when the message was pushed by this node. */
  take(messageId: string): boolean {
    return this.ids.delete(messageId);
  }
}

/** Marks a message as pushed at commit by its writer (stored in the message's meta). */
export const LIVE_PUSH_META = 'livePush';
