import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../modules/identity/index.js';
import { backend, Client, createWorkspace, freshDatabase, signedIn, startApp, type TestApp, waitFor } from '../test/harness.js';

const sockets: Socket[] = [];

async function listen(app: TestApp): Promise<string> {
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function socketTo(url: string, opts: { cookie?: string; token?: string } = {}): Socket {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(opts.cookie ? { extraHeaders: { cookie: opts.cookie } } : {}),
    ...(opts.token ? { auth: { token: opts.token } } : {}),
  });
  sockets.push(socket);
  return socket;
}

/** Resolves once connected; rejects with the server's refusal. */
function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

function refusal(socket: Socket): Promise<Error & { data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but should have been refused')));
    socket.once('connect_error', (err) => resolve(err as Error & { data?: { code?: string } }));
  });
}

function nextMessage<T = unknown>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, (payload: T) => resolve(payload)));
}

function disconnection(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

const sessionCookie = (client: Client) => `${SESSION_COOKIE}=${client.cookies.get(SESSION_COOKIE)}`;

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

describe('realtime (Socket.IO)', () => {
  let app: TestApp;
  let url: string;
  let workspaceId: string;

  beforeAll(async () => {
    app = await startApp();
    url = await listen(app);
    workspaceId = (await createWorkspace(app)).id;
  });
  afterAll(async () => app.close());

  it('refuses a connection without credentials', async () => {
    const err = await refusal(socketTo(url));
    expect(err.message).toBe('auth.unauthenticated');
    expect(err.data?.code).toBe('auth.unauthenticated');
  });

  it('refuses a made-up session cookie or API token', async () => {
    expect((await refusal(socketTo(url, { cookie: `${SESSION_COOKIE}=not-a-session` }))).message).toBe('auth.unauthenticated');
    expect((await refusal(socketTo(url, { token: 'sbp_bogus_0000000000000000' }))).message).toBe('auth.unauthenticated');
  });

  it('accepts the session cookie of a signed-in user, and events for that user reach only them', async () => {
    const a = await signedIn(app, workspaceId, 'agent');
    const b = await signedIn(app, workspaceId, 'agent');
    const socketA = await connected(socketTo(url, { cookie: sessionCookie(a.client) }));
    const socketB = await connected(socketTo(url, { cookie: sessionCookie(b.client) }));

    const gotA = nextMessage(socketA, 'test:ping');
    const firstForB = nextMessage(socketB, 'test:ping');
    app.platform.realtime?.emit(`user:${a.user.id}`, 'test:ping', { for: 'a' });
    app.platform.realtime?.emit(`user:${b.user.id}`, 'test:ping', { for: 'b' });
    expect(await gotA).toEqual({ for: 'a' });
    // Messages to one socket arrive in order: B's first message is its own, not A's.
    expect(await firstForB).toEqual({ for: 'b' });
  });

  it('accepts an API token in the handshake, and stops accepting it once revoked', async () => {
    const { client, user } = await signedIn(app, workspaceId, 'agent');
    const created = await client.post('/api/v1/me/tokens', { name: 'realtime test', scopes: ['ticket.read'] });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };

    const socket = await connected(socketTo(url, { token }));
    const got = nextMessage(socket, 'test:ping');
    app.platform.realtime?.emit(`user:${user.id}`, 'test:ping', { via: 'token' });
    expect(await got).toEqual({ via: 'token' });

    expect((await client.delete(`/api/v1/me/tokens/${id}`)).statusCode).toBe(204);
    expect((await refusal(socketTo(url, { token }))).message).toBe('auth.unauthenticated');
  });

  it('logout-all disconnects every live socket of that user, and their cookie no longer connects', async () => {
    const { client, user } = await signedIn(app, workspaceId, 'agent');
    const other = await signedIn(app, workspaceId, 'agent');
    const cookie = sessionCookie(client);
    const socket = await connected(socketTo(url, { cookie }));
    const bystander = await connected(socketTo(url, { cookie: sessionCookie(other.client) }));
    const gone = disconnection(socket);

    const res = await client.post('/api/v1/auth/logout-all');
    expect(res.statusCode).toBe(204);
    expect(await gone).toBe('io server disconnect');

    expect((await refusal(socketTo(url, { cookie }))).message).toBe('auth.unauthenticated');
    // Another user's socket is untouched.
    expect(bystander.connected).toBe(true);
    const got = nextMessage(bystander, 'test:ping');
    app.platform.realtime?.emit(`user:${other.user.id}`, 'test:ping', 'still here');
    expect(await got).toBe('still here');
    expect(user.id).not.toBe(other.user.id);
  });

  it('logging out one session disconnects only that session’s socket', async () => {
    const { client, user } = await signedIn(app, workspaceId, 'agent');
    const secondDevice = new Client(app);
    await secondDevice.login(user.email ?? '');
    const first = await connected(socketTo(url, { cookie: sessionCookie(client) }));
    const second = await connected(socketTo(url, { cookie: sessionCookie(secondDevice) }));
    const gone = disconnection(first);

    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect(await gone).toBe('io server disconnect');
    // The same user's other session keeps its socket.
    const got = nextMessage(second, 'test:ping');
    app.platform.realtime?.emit(`user:${user.id}`, 'test:ping', 'second device');
    expect(await got).toBe('second device');
    expect(second.connected).toBe(true);
  });
});

describe.skipIf(!backend.postgres || !backend.redis)('realtime across nodes (PostgreSQL + Redis)', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let node1: TestApp;
  let node2: TestApp;
  let url1: string;

  beforeAll(async () => {
    fresh = await freshDatabase();
    node1 = await startApp({ database: fresh.database });
    node2 = await startApp({ database: fresh.database });
    expect(node1.config.REDIS_URL).toBeTruthy();
    url1 = await listen(node1);
    await listen(node2);
  });
  afterAll(async () => {
    await node1?.close();
    await node2?.close();
    await fresh?.drop();
  });

  it('an event emitted on one node reaches a socket connected to another', async () => {
    const ws = await createWorkspace(node1);
    const { client, user } = await signedIn(node1, ws.id, 'agent');
    const socket = await connected(socketTo(url1, { cookie: sessionCookie(client) }));
    // The Redis adapter's subscription is asynchronous: retry the emit until it lands.
    let got: unknown = null;
    socket.on('test:ping', (payload) => {
      got = payload;
    });
    await waitFor(
      () => {
        node2.platform.realtime?.emit(`user:${user.id}`, 'test:ping', { from: 'node2' });
        return got;
      },
      5_000,
      100,
    );
    expect(got).toEqual({ from: 'node2' });
  });

  it('logout-all through one node disconnects the user’s socket on the other', async () => {
    const ws = await createWorkspace(node1);
    const { client, user } = await signedIn(node1, ws.id, 'agent');
    const socket = await connected(socketTo(url1, { cookie: sessionCookie(client) }));
    const gone = disconnection(socket);

    // The same browser session, talking to node 2 behind a load balancer.
    const viaNode2 = new Client(node2);
    viaNode2.cookies = new Map(client.cookies);
    viaNode2.csrf = client.csrf;
    expect((await viaNode2.get('/api/v1/me')).json().id).toBe(user.id);
    // Only node 2 dispatches events, so the disconnect must travel through Redis.
    await node1.platform.outbox.stop();
    try {
      expect((await viaNode2.post('/api/v1/auth/logout-all')).statusCode).toBe(204);
      expect(await gone).toBe('io server disconnect');
    } finally {
      node1.platform.outbox.start();
    }
  });
});
