import { expect } from 'vitest';
import { Client, type TestApp, waitFor } from '../../test/harness.js';
import type { ChatKit } from '../chat/chat-test-kit.js';

export interface VisitorMessage {
  seq: number;
  text: string;
  author: { kind: string };
  quickReplies: string[];
}

/** Publishes an article through the KB API (draft, then publish) and waits for its events. */
export async function publishArticle(app: TestApp, admin: Client, locale: string, title: string, bodyHtml: string) {
  const draft = await admin.post('/api/v1/kb/articles', { locale, title, bodyHtml });
  expect(draft.statusCode, draft.body).toBe(201);
  const { id } = draft.json() as { id: string };
  const published = await admin.post(`/api/v1/kb/articles/${id}/publish`, {});
  expect(published.statusCode, published.body).toBe(200);
  await app.settle();
  return published.json() as { id: string; slug: string };
}

/** A widget visitor talking to the bot over the widget REST API. */
export class VisitorChat {
  readonly client: Client;
  id = '';
  /** The visitor token of this chat's visitor (after start). */
  visitorToken = '';
  private n = 0;

  constructor(
    app: TestApp,
    private readonly kit: ChatKit,
    private readonly key: string,
  ) {
    this.client = new Client(app);
  }

  async start(text: string, locale?: string) {
    this.visitorToken = (await this.kit.visitor(this.client, this.key)).visitorToken;
    const res = await this.kit.startChat(this.client, this.key, this.visitorToken, text, locale ? { locale } : {});
    expect(res.statusCode, res.body).toBe(201);
    this.id = res.json().session.id;
    return res.json() as { session: { id: string; state: string }; messages: VisitorMessage[] };
  }

  async messages(): Promise<VisitorMessage[]> {
    const res = await this.client.get(`/api/v1/widget/${this.key}/conversations/${this.id}/messages`, this.headers());
    return res.json().messages;
  }

  /** Sends `text` and waits for the bot's next message after it. */
  async say(text: string): Promise<VisitorMessage> {
    const res = await this.client.post(
      `/api/v1/widget/${this.key}/conversations/${this.id}/messages`,
      { clientId: `m-${this.n++}`, text },
      this.headers(),
    );
    expect(res.statusCode, res.body).toBeLessThan(300);
    const seq = res.json().seq as number;
    return waitFor(async () => (await this.messages()).find((m) => m.seq > seq && m.author.kind === 'bot'));
  }

  private headers() {
    return { 'x-visitor-token': this.visitorToken };
  }
}
