import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backend, Client, createWorkspace, freshDatabase, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { SESSION_COOKIE } from '../identity/index.js';
import { collect } from './chat-test-kit.js';

const sockets: Socket[] = [];

async function listen(app: TestApp) {
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
}

function connect(url: string, opts: Record<string, unknown>): Promise<Socket> {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, ...opts });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

describe.skipIf(!backend.postgres || !backend.redis)('live chat across two processes (PostgreSQL + Redis)', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let node1: TestApp;
  let node2: TestApp;
  let url1: string;
  let url2: string;

  beforeAll(async () => {
    fresh = await freshDatabase();
    node1 = await startApp({ database: fresh.database });
    node2 = await startApp({ database: fresh.database });
    url1 = await listen(node1);
    url2 = await listen(node2);
  });
  afterAll(async () => {
    await node1?.close();
    await node2?.close();
    await fresh?.drop();
  });

  it('a visitor on node 1 and an agent on node 2: state, messages, typing, receipts and presence cross nodes', async () => {
    const ws = await createWorkspace(node1);
    const admin = await signedIn(node1, ws.id, 'admin');
    const { channel } = (await admin.client.post('/api/v1/channels', { kind: 'web_chat', name: 'Site' })).json();
    const agent = await signedIn(node2, ws.id, 'agent');
    await agent.client.request('PUT', '/api/v1/me/availability', { availability: 'online' });

    const visitor = new Client(node1);
    const token = (await visitor.post(`/api/v1/widget/${channel.publicKey}/visitors`, {})).json().visitorToken as string;
    const started = await visitor.post(
      `/api/v1/widget/${channel.publicKey}/conversations`,
      { message: { clientId: 'c0', text: 'Hi from node 1' } },
      { 'x-visitor-token': token },
    );
    const sessionId = started.json().session.id as string;
    const room = `chat:${sessionId}`;
    const vs = await connect(url1, { auth: { visitorToken: token } });
    const sessions = collect<{ state: string; agent: { name: string } | null }>(vs, 'chat.session');
    const presence = collect<{ agentsHere: Array<{ name: string }> }>(vs, 'chat.presence');
    expect(await vs.emitWithAck('subscribe', { room })).toEqual({ ok: true });
    // Each presence update is awaited before the next change, so none can overtake another.
    await waitFor(() => presence.length === 1);
    expect(presence[0]?.agentsHere).toEqual([]);

    // Accepted through node 2: the visitor on node 1 hears the new state.
    await waitFor(async () => ((await agent.client.get(`/api/v1/chats/${sessionId}`)).json().state === 'offered' ? true : null));
    expect((await agent.client.post(`/api/v1/chats/${sessionId}/accept`)).statusCode).toBe(200);
    await waitFor(() => sessions.some((s) => s.state === 'active' && s.agent?.name === agent.user.name));

    const as = await connect(url2, { extraHeaders: { cookie: `${SESSION_COOKIE}=${agent.client.cookies.get(SESSION_COOKIE)}` } });
    const toAgent = collect<{ text: string }>(as, 'chat.message');
    const toVisitor = collect<{ text: string }>(vs, 'chat.message');
    const agentSawTyping = collect<{ side: string }>(as, 'chat.typing');
    const visitorSawTyping = collect<{ side: string; name: string | null }>(vs, 'chat.typing');
    const receipts = collect<{ cursors: { agentReadSeq: number } }>(vs, 'chat.receipt');
    expect(await as.emitWithAck('subscribe', { room })).toEqual({ ok: true });
    await waitFor(() => presence.length === 2);
    expect(presence[1]?.agentsHere).toEqual([{ name: agent.user.name }]);

    // One signal each way, no repeats: both nodes' adapters are subscribed once the apps are built.
    vs.emit('chat.typing', { sessionId, typing: true });
    as.emit('chat.typing', { sessionId, typing: true });
    await waitFor(() => agentSawTyping.length === 1 && visitorSawTyping.length === 1);
    expect(agentSawTyping[0]).toMatchObject({ side: 'visitor' });
    expect(visitorSawTyping[0]).toMatchObject({ side: 'agent', name: agent.user.name });

    const sent = await vs.emitWithAck('chat.send', { sessionId, clientId: 'x1', text: 'Across nodes?' });
    expect(sent.ok).toBe(true);
    await waitFor(() => toAgent.some((m) => m.text === 'Across nodes?'));
    expect(await as.emitWithAck('chat.read', { sessionId, seq: sent.seq })).toEqual({ ok: true });
    await waitFor(() => receipts.some((r) => r.cursors.agentReadSeq === sent.seq));
    expect((await as.emitWithAck('chat.send', { sessionId, clientId: 'y1', text: 'Yes, from node 2' })).ok).toBe(true);
    await waitFor(() => toVisitor.some((m) => m.text === 'Yes, from node 2'));
    await node1.settle();
    await node2.settle();
    // Both nodes dispatch the outbox: each message still reaches each side exactly once.
    expect(toAgent.filter((m) => m.text === 'Across nodes?')).toHaveLength(1);
    expect(toVisitor.filter((m) => m.text === 'Yes, from node 2')).toHaveLength(1);

    as.disconnect();
    await waitFor(() => presence.length === 3);
    expect(presence[2]?.agentsHere).toEqual([]);
  });
});
