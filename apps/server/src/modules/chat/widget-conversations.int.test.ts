import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { ChatKit } from './chat-test-kit.js';

let app: TestApp;
let kit: ChatKit;

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
});
afterAll(async () => app.close());

interface HistoryItem {
  id: string;
  ticketNumber: number;
  state: string;
  agent: { name: string } | null;
  preview: string | null;
  endedAt: string | null;
}

const vt = (token: string) => ({ 'x-visitor-token': token });

// Each flow makes several chats; under a loaded CI machine that takes a while.
const SLOW = 120_000;

/** A chat the agent accepted, answered (reply + internal note) and the visitor ended. */
async function answeredChat(c: Client, key: string, token: string, agent: Client, question: string) {
  const started = await kit.startChat(c, key, token, question);
  expect(started.statusCode, started.body).toBe(201);
  const sessionId = started.json().session.id as string;
  const offer = await waitFor(async () => {
    const items = (await agent.get('/api/v1/chats')).json().items as Array<{ id: string; state: string; ticketId: string }>;
    return items.find((x) => x.id === sessionId && x.state === 'offered');
  }, SLOW);
  expect((await agent.post(`/api/v1/chats/${sessionId}/accept`)).statusCode).toBe(200);
  const note = await agent.post(`/api/v1/tickets/${offer.ticketId}/messages`, { kind: 'note', bodyText: 'SECRET-NOTE refund abuse?' });
  expect(note.statusCode, note.body).toBe(201);
  const reply = await agent.post(`/api/v1/tickets/${offer.ticketId}/messages`, { kind: 'reply', bodyText: `Answer to: ${question}` });
  expect(reply.statusCode, reply.body).toBe(201);
  expect((await c.post(`/api/v1/widget/${key}/conversations/${sessionId}/end`, undefined, vt(token))).statusCode).toBe(200);
  return sessionId;
}

describe('conversation history for returning visitors', () => {
  it(
    'lists the visitor’s conversations newest first and shows a transcript without internal notes',
    async () => {
      const { key, ws } = await kit.workspace();
      const agent = await kit.agent(ws.id);
      const c = new Client(app);
      const v = await kit.visitor(c, key);
      const older = await answeredChat(c, key, v.visitorToken, agent.client, 'Where is order SO-1111?');
      const newer = await answeredChat(c, key, v.visitorToken, agent.client, 'Can I change my address?');
      await app.settle();

      const list = await c.get(`/api/v1/widget/${key}/conversations`, vt(v.visitorToken));
      expect(list.statusCode, list.body).toBe(200);
      const items = list.json().items as HistoryItem[];
      expect(items.map((i) => i.id)).toEqual([newer, older]);
      expect(items[1]).toMatchObject({ state: 'ended', preview: 'Where is order SO-1111?', agent: { name: agent.user.name } });
      expect(items[1]?.endedAt).not.toBeNull();
      expect(list.body).not.toContain('SECRET-NOTE');

      const transcript = await c.get(`/api/v1/widget/${key}/conversations/${older}/messages`, vt(v.visitorToken));
      expect(transcript.statusCode, transcript.body).toBe(200);
      const body = transcript.json();
      expect(body.session).toMatchObject({ id: older, state: 'ended' });
      expect(body.messages.map((m: { text: string }) => m.text)).toEqual(['Where is order SO-1111?', 'Answer to: Where is order SO-1111?']);
      expect(body.messages.map((m: { author: { kind: string } }) => m.author.kind)).toEqual(['visitor', 'agent']);
      expect(body.hasMore).toBe(false);
      expect(transcript.body).not.toContain('SECRET-NOTE');
    },
    SLOW,
  );

  it(
    'answers 404 for another visitor’s conversation and lists only one’s own',
    async () => {
      const { key, ws } = await kit.workspace();
      const agent = await kit.agent(ws.id);
      const c = new Client(app);
      const mine = await kit.visitor(c, key);
      const theirs = await kit.visitor(new Client(app), key);
      const sessionId = await answeredChat(c, key, mine.visitorToken, agent.client, 'My private question');

      const peek = await c.get(`/api/v1/widget/${key}/conversations/${sessionId}/messages`, vt(theirs.visitorToken));
      expect(peek.statusCode).toBe(404);
      expect(peek.json().code).toBe('chat.not_found');
      expect(peek.body).not.toContain('My private question');
      const theirList = await c.get(`/api/v1/widget/${key}/conversations`, vt(theirs.visitorToken));
      expect(theirList.json().items).toEqual([]);

      // The same visitor through another channel's key: the token is bound to its channel.
      const other = await kit.workspace();
      const cross = await c.get(`/api/v1/widget/${other.key}/conversations/${sessionId}/messages`, vt(mine.visitorToken));
      expect(cross.statusCode).toBe(401);
      expect(cross.json().code).toBe('chat.visitor_token_invalid');
    },
    SLOW,
  );

  it(
    'refuses a missing or forged token and a malformed id',
    async () => {
      const { key } = await kit.workspace();
      const c = new Client(app);
      const v = await kit.visitor(c, key);
      const none = await c.get(`/api/v1/widget/${key}/conversations`);
      expect(none.statusCode).toBe(401);
      expect(none.json().code).toBe('chat.visitor_token_invalid');
      const forged = await c.get(`/api/v1/widget/${key}/conversations`, vt(`${v.visitorToken}x`));
      expect(forged.statusCode).toBe(401);
      const bad = await c.get(`/api/v1/widget/${key}/conversations/not-a-uuid/messages`, vt(v.visitorToken));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation.failed');
      const unknownKey = await c.get('/api/v1/widget/pk_nope/conversations', vt(v.visitorToken));
      expect(unknownKey.statusCode).toBe(404);
      expect(unknownKey.json().code).toBe('channel.not_found');
    },
    SLOW,
  );

  it(
    'shows an identified customer their chats from another browser',
    async () => {
      const { key, ws, secret } = await kit.workspace();
      const agent = await kit.agent(ws.id);
      const userId = 'host-user-7';
      const identify = {
        userId,
        email: 'mei@example.cn',
        name: 'Mei',
        hash: createHmac('sha256', secret).update(userId).digest('hex'),
      };
      const laptop = new Client(app);
      const first = await kit.visitor(laptop, key, { identify });
      const sessionId = await answeredChat(laptop, key, first.visitorToken, agent.client, 'Asked on my laptop');

      const phone = new Client(app);
      const anonymous = await kit.visitor(phone, key);
      expect((await phone.get(`/api/v1/widget/${key}/conversations`, vt(anonymous.visitorToken))).json().items).toEqual([]);
      const identified = await kit.visitor(phone, key, { visitorToken: anonymous.visitorToken, identify });
      const list = await phone.get(`/api/v1/widget/${key}/conversations`, vt(identified.visitorToken));
      expect((list.json().items as HistoryItem[]).map((i) => [i.id, i.preview])).toEqual([[sessionId, 'Asked on my laptop']]);
      const transcript = await phone.get(`/api/v1/widget/${key}/conversations/${sessionId}/messages`, vt(identified.visitorToken));
      expect(transcript.statusCode).toBe(200);
      expect(transcript.body).not.toContain('SECRET-NOTE');
    },
    SLOW,
  );
});
