import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp, waitFor } from '../../test/harness.js';
import type { BotSeat } from './bot-seat.js';
import { ChatKit, collect } from './chat-test-kit.js';

let app: TestApp;
let kit: ChatKit;

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
  await kit.listen();
});
afterAll(async () => app.close());
afterEach(() => kit.closeSockets());

type Chat = { id: string; state: string; offeredAgentId: string | null; agentId: string | null; ticketId: string; offlineMessage: boolean };
const chat = async (c: Client, id: string) => (await c.get(`/api/v1/chats/${id}`)).json() as Chat;

async function newChat(key: string, text = 'Help please') {
  const c = new Client(app);
  const v = await kit.visitor(c, key);
  const res = await kit.startChat(c, key, v.visitorToken, text);
  return { c, v, res, id: res.json().session.id as string };
}

describe('chat routing', () => {
  it('offers to an agent, re-offers to the next on decline, and the second accepts', async () => {
    const { key, ws } = await kit.workspace();
    const a1 = await kit.agent(ws.id);
    const a2 = await kit.agent(ws.id);
    const s1 = await kit.agentSocket(a1.client);
    const offers = collect<{ sessionId: string }>(s1, 'chat.offered');
    const { id } = await newChat(key);
    const first = await waitFor(async () => {
      const x = await chat(a1.client, id);
      return x.state === 'offered' ? x : null;
    });
    const firstAgent = first.offeredAgentId === a1.user.id ? a1 : a2;
    const secondAgent = firstAgent === a1 ? a2 : a1;
    if (firstAgent === a1) await waitFor(() => offers.some((o) => o.sessionId === id));
    expect((await secondAgent.client.post(`/api/v1/chats/${id}/accept`)).json().code).toBe('chat.offer_not_found');
    await firstAgent.client.post(`/api/v1/chats/${id}/decline`);
    const second = await waitFor(async () => {
      const x = await chat(a1.client, id);
      return x.offeredAgentId === secondAgent.user.id ? x : null;
    });
    expect(second.state).toBe('offered');
    const accepted = await secondAgent.client.post(`/api/v1/chats/${id}/accept`);
    expect(accepted.json()).toMatchObject({ state: 'active', agentId: secondAgent.user.id });
    const ticket = (await secondAgent.client.get(`/api/v1/tickets/${second.ticketId}`)).json();
    expect(ticket.ticket?.assigneeId ?? ticket.assigneeId).toBe(secondAgent.user.id);
  });

  it('re-offers after the offer times out', async () => {
    const { key, ws } = await kit.workspace({ offerTimeoutSeconds: 5 });
    const a1 = await kit.agent(ws.id);
    const { id } = await newChat(key);
    const offered = await waitFor(async () => ((await chat(a1.client, id)).state === 'offered' ? true : null));
    expect(offered).toBe(true);
    await app.services.chat.sweep(new Date(Date.now() + 6_000));
    // The only agent timed out: the chat waits in the queue rather than being offered to them again.
    const after = await chat(a1.client, id);
    expect(after).toMatchObject({ state: 'queued', offeredAgentId: null });
    const a2 = await kit.agent(ws.id);
    await waitFor(async () => ((await chat(a1.client, id)).offeredAgentId === a2.user.id ? true : null));
  });

  it('transfers to another agent with an internal note, and re-queues when the agent goes offline', async () => {
    const { key, ws, admin } = await kit.workspace();
    const a1 = await kit.agent(ws.id);
    const { id, c, v } = await newChat(key);
    await waitFor(async () => ((await chat(a1.client, id)).state === 'offered' ? true : null));
    await a1.client.post(`/api/v1/chats/${id}/accept`);
    const a2 = await kit.agent(ws.id);
    const t = await a1.client.post(`/api/v1/chats/${id}/transfer`, { toAgentId: a2.user.id, note: 'billing question' });
    expect(t.json()).toMatchObject({ state: 'offered', offeredAgentId: a2.user.id });
    const x = await chat(a1.client, id);
    const timeline = (await admin.client.get(`/api/v1/tickets/${x.ticketId}/messages`)).json();
    expect(JSON.stringify(timeline)).toContain('billing question');
    const visitorView = await c.get(`/api/v1/widget/${key}/conversations/${id}/messages`, { 'x-visitor-token': v.visitorToken });
    expect(visitorView.body).not.toContain('billing question');
    await a2.client.post(`/api/v1/chats/${id}/accept`);
    await a2.client.request('PUT', '/api/v1/me/availability', { availability: 'offline' });
    await waitFor(async () => {
      const now = await chat(a1.client, id);
      return now.agentId !== a2.user.id && (now.state === 'queued' || now.offeredAgentId === a1.user.id) ? true : null;
    });
  });

  it('switches to leave-a-message when nobody is online, and the message continues the ticket', async () => {
    const { key, admin } = await kit.workspace();
    const cfg = await new Client(app).get(`/api/v1/widget/${key}/config`);
    expect(cfg.json()).toMatchObject({ available: false, agentsOnline: 0 });
    const { id, c, v, res } = await newChat(key);
    expect(res.json().session).toMatchObject({ state: 'offline', offlineMessage: true });
    const left = await c.post(
      `/api/v1/widget/${key}/conversations/${id}/leave-message`,
      { email: 'lee@example.com', name: 'Lee', text: 'Please call me back' },
      { 'x-visitor-token': v.visitorToken },
    );
    expect(left.json()).toMatchObject({ state: 'ended', offlineMessage: true });
    const list = (await admin.client.get('/api/v1/tickets?channel=web_chat')).json();
    expect(JSON.stringify(list)).toContain('lee@example.com');
    const ticketId = (await chat(admin.client, id)).ticketId;
    const texts = (await admin.client.get(`/api/v1/tickets/${ticketId}/messages`))
      .json()
      .items.map((m: { bodyText: string }) => m.bodyText);
    expect(texts.filter((t: string) => t === 'Please call me back')).toHaveLength(1);

    // Without text the first message stands alone: nothing is written twice.
    const second = await newChat(key, 'Only once');
    const h = { 'x-visitor-token': second.v.visitorToken };
    const bare = await second.c.post(`/api/v1/widget/${key}/conversations/${second.id}/leave-message`, { email: 'kai@example.com' }, h);
    expect(bare.json()).toMatchObject({ state: 'ended', offlineMessage: true });
    const secondTicket = (await chat(admin.client, second.id)).ticketId;
    const replies = (await admin.client.get(`/api/v1/tickets/${secondTicket}/messages`))
      .json()
      .items.filter((m: { kind: string }) => m.kind === 'reply');
    expect(replies.map((m: { bodyText: string }) => m.bodyText)).toEqual(['Only once']);
  });

  it('a visitor line keeps a quiet chat from timing out', async () => {
    const { key, ws } = await kit.workspace({ idleTimeoutMinutes: 5 });
    const a1 = await kit.agent(ws.id);
    const { id, c, v } = await newChat(key);
    await waitFor(async () => ((await chat(a1.client, id)).state === 'offered' ? true : null));
    await a1.client.post(`/api/v1/chats/${id}/accept`);
    // quiet for 20 minutes
    await app.platform.db.execute(sql`update chat_sessions set last_activity_at = now() - interval '20 minutes' where id = ${id}`);
    const line = await c.post(
      `/api/v1/widget/${key}/conversations/${id}/messages`,
      { clientId: 'late', text: 'Still there?' },
      {
        'x-visitor-token': v.visitorToken,
      },
    );
    expect(line.statusCode, line.body).toBe(201);
    await app.services.chat.sweep(new Date(Date.now() + 4 * 60_000));
    expect((await chat(a1.client, id)).state).toBe('active');
    await app.services.chat.sweep(new Date(Date.now() + 6 * 60_000));
    expect((await chat(a1.client, id)).state).toBe('ended');
  });

  it('ends idle chats, stores the rating as satisfaction and queues a transcript request', async () => {
    const { key, ws, admin } = await kit.workspace({ idleTimeoutMinutes: 5 });
    const a1 = await kit.agent(ws.id);
    const { id, c, v } = await newChat(key);
    await waitFor(async () => ((await chat(a1.client, id)).state === 'offered' ? true : null));
    await a1.client.post(`/api/v1/chats/${id}/accept`);
    await app.services.chat.sweep(new Date(Date.now() + 4 * 60_000));
    expect((await chat(a1.client, id)).state).toBe('active');
    await app.services.chat.sweep(new Date(Date.now() + 6 * 60_000));
    expect(await chat(a1.client, id)).toMatchObject({ state: 'ended', endedBy: 'system' });
    const h = { 'x-visitor-token': v.visitorToken };
    expect((await c.post(`/api/v1/widget/${key}/conversations/${id}/rating`, { rating: 6 }, h)).statusCode).toBe(400);
    expect((await c.post(`/api/v1/widget/${key}/conversations/${id}/rating`, { rating: 5, comment: 'Great' }, h)).json().rating).toBe(5);
    expect((await c.post(`/api/v1/widget/${key}/conversations/${id}/transcript`, { email: 'me@example.com' }, h)).statusCode).toBe(202);
    const x = await chat(a1.client, id);
    const ticket = (await admin.client.get(`/api/v1/tickets/${x.ticketId}`)).json();
    expect(JSON.stringify(ticket)).toContain('"satisfaction":5');
  });
});

describe('bot seat', () => {
  it('answers, asks with quick replies, then hands off to the queue', async () => {
    const { key, ws } = await kit.workspace();
    const turns: string[] = [];
    const seat: BotSeat = {
      async onVisitorMessage(_ctx, { message }) {
        turns.push(message.text);
        if (message.text.includes('human')) return { kind: 'handoff', reason: 'asked for a human' };
        if (message.text.includes('order')) return { kind: 'ask', text: 'Which order?', quickReplies: ['#1', '#2'] };
        return { kind: 'answer', text: 'Hi, I am the bot' };
      },
    };
    app.services.chat.bots.register(ws.id, seat);
    const a1 = await kit.agent(ws.id);
    const { id, c, v, res } = await newChat(key, 'hello');
    expect(res.json().session.state).toBe('bot');
    const h = { 'x-visitor-token': v.visitorToken };
    const texts = async () =>
      (await c.get(`/api/v1/widget/${key}/conversations/${id}/messages`, h)).json().messages as Array<{
        text: string;
        author: { kind: string };
        quickReplies: string[];
      }>;
    expect((await texts()).map((m) => m.text)).toEqual(['hello', 'Hi, I am the bot']);
    await c.post(`/api/v1/widget/${key}/conversations/${id}/messages`, { clientId: 'b1', text: 'my order' }, h);
    const ask = await waitFor(async () => (await texts()).find((m) => m.text === 'Which order?'));
    expect(ask).toMatchObject({ author: { kind: 'bot' }, quickReplies: ['#1', '#2'] });
    await c.post(`/api/v1/widget/${key}/conversations/${id}/messages`, { clientId: 'b2', text: 'a human please' }, h);
    await waitFor(async () => ((await chat(a1.client, id)).state === 'offered' ? true : null));
    expect(turns).toEqual(['hello', 'my order', 'a human please']);
    app.services.chat.bots.unregister(ws.id);
  });
});
