import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp, waitFor } from '../../test/harness.js';
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

const chats = (c: Client, q = '') => c.get(`/api/v1/chats${q}`).then((r) => r.json().items as Array<Record<string, unknown>>);

describe('visitor identity', () => {
  it('issues a visitor token, resumes it, and refuses a bad one', async () => {
    const { key } = await kit.workspace();
    const c = new Client(app);
    const v = await kit.visitor(c, key);
    const again = await kit.visitor(c, key, { visitorToken: v.visitorToken });
    expect(again.visitor.id).toBe(v.visitor.id);
    const bad = await c.get(`/api/v1/widget/${key}/conversations`, { 'x-visitor-token': `${v.visitorToken}x` });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('chat.visitor_token_invalid');
    const other = await kit.workspace();
    // A token is bound to its channel.
    expect((await c.get(`/api/v1/widget/${other.key}/conversations`, { 'x-visitor-token': v.visitorToken })).statusCode).toBe(401);
  });

  it('identifies with a good HMAC, merges the chats into the customer, and rejects a bad one', async () => {
    const { key, secret, admin } = await kit.workspace();
    const c = new Client(app);
    const v = await kit.visitor(c, key);
    expect((await kit.startChat(c, key, v.visitorToken)).statusCode).toBe(201);
    const userId = 'u-42';
    const hash = createHmac('sha256', secret).update(userId).digest('hex');
    const wrong = await c.post(
      `/api/v1/widget/${key}/identify`,
      { userId, email: 'kim@example.com', hash: hash.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')) },
      { 'x-visitor-token': v.visitorToken },
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('chat.identity_invalid');
    const ok = await c.post(
      `/api/v1/widget/${key}/identify`,
      { userId, email: 'kim@example.com', name: 'Kim', hash },
      { 'x-visitor-token': v.visitorToken },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().visitor).toMatchObject({ email: 'kim@example.com', identified: true });
    // The anonymous token is revoked; the new one sees the merged history.
    expect((await c.get(`/api/v1/widget/${key}/conversations`, { 'x-visitor-token': v.visitorToken })).statusCode).toBe(401);
    const list = await c.get(`/api/v1/widget/${key}/conversations`, { 'x-visitor-token': ok.json().visitorToken });
    expect(list.json().items).toHaveLength(1);
    const tickets = await admin.client.get('/api/v1/tickets?channel=web_chat');
    expect(JSON.stringify(tickets.json())).toContain('kim@example.com');
  });

  it('refuses embedding origins the channel does not list, over REST and sockets', async () => {
    const { key } = await kit.workspace({ allowedOrigins: ['https://shop.example.com'] });
    const c = new Client(app);
    const refused = await c.post(`/api/v1/widget/${key}/visitors`, {}, { 'x-switchboard-embed-origin': 'https://evil.example.com' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('chat.origin_not_allowed');
    expect((await c.get(`/api/v1/widget/${key}/config`)).statusCode).toBe(403);
    const v = await kit.visitor(c, key, {}, { 'x-switchboard-embed-origin': 'https://shop.example.com' });
    await expect(kit.visitorSocket(v.visitorToken, 'https://evil.example.com')).rejects.toMatchObject({
      data: { code: 'chat.origin_not_allowed' },
    });
    await expect(kit.visitorSocket(v.visitorToken, 'https://shop.example.com')).resolves.toBeTruthy();
  });
});

describe('conversation over sockets', () => {
  it('acks a persisted message, never duplicates a retry, fans out, syncs after a seq and never leaks a note', async () => {
    const { key, ws } = await kit.workspace();
    const agent = await kit.agent(ws.id);
    const c = new Client(app);
    const v = await kit.visitor(c, key);
    const started = await kit.startChat(c, key, v.visitorToken, 'First question');
    expect(started.statusCode).toBe(201);
    const sessionId = started.json().session.id as string;
    const offer = await waitFor(async () => (await chats(agent.client)).find((x) => x.id === sessionId && x.state === 'offered'));
    expect(offer.offeredAgentId).toBe(agent.user.id);
    expect((await agent.client.post(`/api/v1/chats/${sessionId}/accept`)).statusCode).toBe(200);

    const vs = await kit.visitorSocket(v.visitorToken);
    const as = await kit.agentSocket(agent.client);
    expect(await vs.emitWithAck('subscribe', { room: `chat:${sessionId}` })).toEqual({ ok: true });
    expect(await as.emitWithAck('subscribe', { room: `chat:${sessionId}` })).toEqual({ ok: true });
    const agentGot = collect<{ text: string; seq: number }>(as, 'chat.message');
    const visitorGot = collect<{ text: string; seq: number }>(vs, 'chat.message');
    const everything: string[] = [];
    vs.onAny((_e, payload) => everything.push(JSON.stringify(payload)));

    const ack = await vs.emitWithAck('chat.send', { sessionId, clientId: 'k1', text: 'Are you there?' });
    expect(ack).toMatchObject({ ok: true, duplicate: false });
    const retry = await vs.emitWithAck('chat.send', { sessionId, clientId: 'k1', text: 'Are you there?' });
    expect(retry).toMatchObject({ ok: true, duplicate: true, seq: ack.seq, messageId: ack.messageId });
    await waitFor(() => agentGot.some((m) => m.text === 'Are you there?'));
    const cursors = async () =>
      (await c.get(`/api/v1/widget/${key}/conversations/${sessionId}/messages?afterSeq=0`, { 'x-visitor-token': v.visitorToken })).json()
        .session.cursors;
    // The sender has delivered and read its own line; the agent has not seen it yet.
    expect(await cursors()).toMatchObject({ visitorDeliveredSeq: ack.seq, visitorReadSeq: ack.seq, agentReadSeq: 0 });
    const agentAck = await as.emitWithAck('chat.send', { sessionId, clientId: 'a1', text: 'Hi, one moment' });
    expect(agentAck).toMatchObject({ ok: true, seq: ack.seq + 1 });
    expect(await cursors()).toMatchObject({ visitorReadSeq: ack.seq, agentDeliveredSeq: ack.seq + 1, agentReadSeq: ack.seq + 1 });

    const ticketId = offer.ticketId as string;
    await agent.client.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'note', bodyText: 'SECRET-NOTE visitor seems angry' });
    await agent.client.post(`/api/v1/tickets/${ticketId}/messages`, { kind: 'reply', bodyText: 'Yes, hello!' });
    await waitFor(() => visitorGot.some((m) => m.text === 'Yes, hello!'));
    await app.settle();
    expect(everything.join('\n')).not.toContain('SECRET-NOTE');
    expect(agentGot.filter((m) => m.text === 'Are you there?')).toHaveLength(1);

    const sync = await vs.emitWithAck('chat.sync', { sessionId, afterSeq: ack.seq });
    expect(sync.ok).toBe(true);
    expect(sync.messages.map((m: { text: string }) => m.text)).toEqual(['Hi, one moment', 'Yes, hello!']);
    expect(sync.lastSeq).toBeGreaterThan(ack.seq + 2);
    const full = await c.get(`/api/v1/widget/${key}/conversations/${sessionId}/messages?afterSeq=0`, { 'x-visitor-token': v.visitorToken });
    const seqs = full.json().messages.map((m: { seq: number }) => m.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(full.json().messages.map((m: { text: string }) => m.text)).toEqual([
      'First question',
      'Are you there?',
      'Hi, one moment',
      'Yes, hello!',
    ]);
  });

  it("refuses a socket message into another visitor's chat and writes nothing; the ticket's staff room gets each line once", async () => {
    const { key, ws } = await kit.workspace();
    const agent = await kit.agent(ws.id);
    const c = new Client(app);
    const v = await kit.visitor(c, key);
    const sessionId = (await kit.startChat(c, key, v.visitorToken, 'Mine')).json().session.id as string;
    const offer = await waitFor(async () => (await chats(agent.client)).find((x) => x.id === sessionId && x.state === 'offered'));
    expect((await agent.client.post(`/api/v1/chats/${sessionId}/accept`)).statusCode).toBe(200);
    const as = await kit.agentSocket(agent.client);
    expect(await as.emitWithAck('subscribe', { room: `ticket:${offer.ticketId}` })).toEqual({ ok: true });
    const staffGot = collect<{ bodyText: string; kind: string }>(as, 'message.created');

    const intruder = await kit.visitor(new Client(app), key);
    const other = await kit.workspace();
    const stranger = await kit.visitor(new Client(app), other.key);
    for (const token of [intruder.visitorToken, stranger.visitorToken]) {
      const socket = await kit.visitorSocket(token);
      expect(await socket.emitWithAck('chat.send', { sessionId, clientId: 'x1', text: 'INTRUDER' })).toMatchObject({
        ok: false,
        code: 'chat.not_found',
      });
    }
    const vs = await kit.visitorSocket(v.visitorToken);
    expect(await vs.emitWithAck('chat.send', { sessionId, clientId: 'm1', text: 'Second line' })).toMatchObject({ ok: true });
    await waitFor(() => staffGot.some((m) => m.bodyText === 'Second line'));
    await app.settle();
    expect(staffGot.filter((m) => m.bodyText === 'Second line')).toHaveLength(1);
    const timeline = await agent.client.get(`/api/v1/tickets/${offer.ticketId}/messages?afterSeq=0`);
    const texts = timeline.json().items.map((m: { bodyText: string }) => m.bodyText);
    expect(texts).toContain('Second line');
    expect(texts).not.toContain('INTRUDER');
  });

  it("pushes a live message once to everyone else in the chat, with the agent's name, and a retry pushes nothing", async () => {
    const { key, ws } = await kit.workspace();
    const agent = await kit.agent(ws.id);
    const c = new Client(app);
    const v = await kit.visitor(c, key);
    const sessionId = (await kit.startChat(c, key, v.visitorToken, 'Hi')).json().session.id as string;
    await waitFor(async () => (await chats(agent.client)).find((x) => x.id === sessionId && x.state === 'offered'));
    expect((await agent.client.post(`/api/v1/chats/${sessionId}/accept`)).statusCode).toBe(200);
    const vs = await kit.visitorSocket(v.visitorToken);
    const as = await kit.agentSocket(agent.client);
    // the same agent in a second tab
    const otherTab = await kit.agentSocket(agent.client);
    for (const socket of [vs, as, otherTab])
      expect(await socket.emitWithAck('subscribe', { room: `chat:${sessionId}` })).toEqual({ ok: true });
    type Live = { text: string; seq: number; clientId: string | null; author: { kind: string; name: string | null } };
    const visitorGot = collect<Live>(vs, 'chat.message');
    const senderGot = collect<Live>(as, 'chat.message');
    const otherTabGot = collect<Live>(otherTab, 'chat.message');

    const ack = await as.emitWithAck('chat.send', { sessionId, clientId: 'a1', text: 'Typed live' });
    expect(ack).toMatchObject({ ok: true, duplicate: false });
    expect(await as.emitWithAck('chat.send', { sessionId, clientId: 'a1', text: 'Typed live' })).toMatchObject({ duplicate: true });
    await waitFor(() => visitorGot.some((m) => m.text === 'Typed live') && otherTabGot.some((m) => m.text === 'Typed live'));
    await app.settle();
    expect(visitorGot).toEqual([
      expect.objectContaining({ seq: ack.seq, clientId: 'a1', author: expect.objectContaining({ kind: 'agent', name: agent.user.name }) }),
    ]);
    expect(otherTabGot.filter((m) => m.text === 'Typed live')).toHaveLength(1);
    // the sending socket has the ack; a copy would only cost a write
    expect(senderGot).toEqual([]);

    // a visitor's line: the agent and the visitor's other tab get it, the sending socket only its ack
    const visitorTab = await kit.visitorSocket(v.visitorToken);
    expect(await visitorTab.emitWithAck('subscribe', { room: `chat:${sessionId}` })).toEqual({ ok: true });
    const visitorTabGot = collect<Live>(visitorTab, 'chat.message');
    const line = await vs.emitWithAck('chat.send', { sessionId, clientId: 'v1', text: 'From the visitor' });
    expect(line).toMatchObject({ ok: true, duplicate: false });
    await waitFor(() => visitorTabGot.length === 1 && senderGot.length === 1 && otherTabGot.length === 2);
    await app.settle();
    expect(visitorTabGot).toEqual([expect.objectContaining({ seq: line.seq, clientId: 'v1', text: 'From the visitor' })]);
    expect(senderGot).toEqual([expect.objectContaining({ seq: line.seq, text: 'From the visitor' })]);
    expect(visitorGot).toHaveLength(1);
  });

  it('relays typing both ways and moves read receipts forward only', async () => {
    const { key, ws } = await kit.workspace();
    const agent = await kit.agent(ws.id);
    const c = new Client(app);
    const v = await kit.visitor(c, key);
    const sessionId = (await kit.startChat(c, key, v.visitorToken)).json().session.id as string;
    const vs = await kit.visitorSocket(v.visitorToken);
    const as = await kit.agentSocket(agent.client);
    await vs.emitWithAck('subscribe', { room: `chat:${sessionId}` });
    await as.emitWithAck('subscribe', { room: `chat:${sessionId}` });
    const agentTyping = collect<{ side: string; typing: boolean }>(as, 'chat.typing');
    const visitorTyping = collect<{ side: string; name: string | null }>(vs, 'chat.typing');
    const receipts = collect<{ cursors: { agentReadSeq: number } }>(vs, 'chat.receipt');
    // Typing is a fire-and-forget signal that clients repeat while typing; repeat it here too (one
    // signal was once lost on PostgreSQL + Redis in CI, unexplained; see the session note).
    await waitFor(
      () => {
        if (!agentTyping.length) vs.emit('chat.typing', { sessionId, typing: true });
        if (!visitorTyping.length) as.emit('chat.typing', { sessionId, typing: true });
        return agentTyping.length && visitorTyping.length;
      },
      15_000,
      250,
    );
    expect(agentTyping[0]).toMatchObject({ side: 'visitor', typing: true });
    expect(visitorTyping[0]).toMatchObject({ side: 'agent', name: agent.user.name });
    expect(await as.emitWithAck('chat.read', { sessionId, seq: 1 })).toEqual({ ok: true });
    await waitFor(() => receipts.some((r) => r.cursors.agentReadSeq === 1));
    await as.emitWithAck('chat.read', { sessionId, seq: 0 });
    const s = await c.get(`/api/v1/widget/${key}/conversations/${sessionId}/messages?afterSeq=1`, { 'x-visitor-token': v.visitorToken });
    expect(s.json().session.cursors.agentReadSeq).toBe(1);
  });

  it("answers 404 for another visitor's or another workspace's chat", async () => {
    const a = await kit.workspace();
    const b = await kit.workspace();
    const c = new Client(app);
    const va = await kit.visitor(c, a.key);
    const sessionId = (await kit.startChat(c, a.key, va.visitorToken)).json().session.id as string;
    const vb = await kit.visitor(c, b.key);
    const foreign = await c.get(`/api/v1/widget/${b.key}/conversations/${sessionId}/messages`, { 'x-visitor-token': vb.visitorToken });
    expect(foreign.statusCode).toBe(404);
    const other = await kit.visitor(new Client(app), a.key);
    expect(
      (await c.post(`/api/v1/widget/${a.key}/conversations/${sessionId}/end`, undefined, { 'x-visitor-token': other.visitorToken }))
        .statusCode,
    ).toBe(404);
    const bAgent = await kit.agent(b.ws.id);
    expect((await bAgent.client.get(`/api/v1/chats/${sessionId}`)).statusCode).toBe(404);
  });

  it('rejects messages over the length limit and rate-limits a flood', async () => {
    const { key } = await kit.workspace({ maxMessageLength: 20 });
    const c = new Client(app);
    const v = await kit.visitor(c, key);
    const long = await kit.startChat(c, key, v.visitorToken, 'x'.repeat(21));
    expect(long.json().code).toBe('chat.message_too_long');
    const sessionId = (await kit.startChat(c, key, v.visitorToken, 'short')).json().session.id as string;
    const send = (i: number) =>
      c.post(
        `/api/v1/widget/${key}/conversations/${sessionId}/messages`,
        { clientId: `f${i}`, text: `m${i}` },
        { 'x-visitor-token': v.visitorToken },
      );
    // All at once, so the 10-second window cannot roll over between them on a slow machine.
    const results = await Promise.all(Array.from({ length: 22 }, (_, i) => send(i)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(20);
    const limited = results.filter((r) => r.statusCode === 429);
    expect(limited).toHaveLength(2);
    expect(limited[0]?.json()).toMatchObject({ code: 'rate_limited' });
    expect(limited[0]?.json().retryAfterSeconds).toBeGreaterThan(0);
  });
});
