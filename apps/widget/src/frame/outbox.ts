import type { ChatSession, SendChatMessageResult } from '@switchboard/contracts';
import { ChatError } from './api.js';
import type { LiveConnection } from './live.js';
import { type MessagesAction, type MessagesState, pendingMessages } from './state/messages.js';

const RETRY_MS = 3000;

export interface OutboxHost {
  session(): ChatSession | null;
  messages(): MessagesState;
  dispatch(action: MessagesAction): void;
  /** A send was refused for good (code shown on the bubble). */
  failed(clientId: string, err: ChatError): void;
  /** The conversation ended under us: reload its state. */
  ended(): void;
}

/**
 * Sends the visitor's pending messages one at a time, in the order written, each with its
 * clientId so a retry after a lost ack is answered from what the server already stored. A dead
 * connection leaves messages pending; the next connect (or a short retry timer) sends them.
 */
export class Outbox {
  private flushing = false;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: OutboxHost,
    private readonly live: LiveConnection,
  ) {}

  async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.again = false;
        for (const m of pendingMessages(this.host.messages())) {
          if (
            !(await this.sendOne(
              m.clientId,
              m.text,
              m.attachments.map((a) => a.id),
            ))
          )
            return;
        }
      } while (this.again);
    } finally {
      this.flushing = false;
    }
  }

  /** False when sending has to stop for now (no session, no connection, no ack). */
  private async sendOne(clientId: string | null, text: string, attachmentIds: string[]): Promise<boolean> {
    const session = this.host.session();
    if (!session || clientId === null || !this.live.connected()) return false;
    let ack: Awaited<ReturnType<LiveConnection['request']>>;
    try {
      ack = await this.live.request<SendChatMessageResult>('chat.send', { sessionId: session.id, clientId, text, attachmentIds });
    } catch {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.flush(), RETRY_MS);
      return false;
    }
    if (ack.ok) {
      const r = ack as unknown as SendChatMessageResult;
      this.host.dispatch({ type: 'acked', clientId, messageId: r.messageId, seq: r.seq, createdAt: r.createdAt });
    } else {
      this.host.failed(clientId, new ChatError(ack.code, 0, ack.retryAfterSeconds));
      if (ack.code === 'chat.ended') this.host.ended();
    }
    return true;
  }
}
