import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { type Client, createWorkspace, signedIn, type TestApp } from '../../test/harness.js';
import { SESSION_COOKIE } from '../identity/index.js';

/** Test helpers for live chat: a channel, visitors over REST, sockets for both sides. */
export class ChatKit {
  sockets: Socket[] = [];
  url = '';
  constructor(readonly app: TestApp) {}

  async listen() {
    await this.app.server.listen({ port: 0, host: '127.0.0.1' });
    this.url = `http://127.0.0.1:${(this.app.server.server.address() as AddressInfo).port}`;
  }

  async workspace(settings: Record<string, unknown> = {}) {
    const ws = await createWorkspace(this.app);
    const admin = await signedIn(this.app, ws.id, 'admin');
    const res = await admin.client.post('/api/v1/channels', { kind: 'web_chat', name: 'Site', settings });
    if (res.statusCode !== 201) throw new Error(`channel: ${res.statusCode} ${res.body}`);
    const { channel, secret } = res.json() as { channel: { id: string; publicKey: string }; secret: string };
    return { ws, admin, channel, secret, key: channel.publicKey };
  }

  async agent(workspaceId: string, availability: 'online' | 'offline' = 'online') {
    const a = await signedIn(this.app, workspaceId, 'agent');
    if (availability === 'online') await a.client.request('PUT', '/api/v1/me/availability', { availability });
    return a;
  }

  async visitor(client: Client, key: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const res = await client.post(`/api/v1/widget/${key}/visitors`, body, headers);
    if (res.statusCode !== 201) throw new Error(`visitor: ${res.statusCode} ${res.body}`);
    return res.json() as { visitorToken: string; visitor: { id: string } };
  }

  async startChat(client: Client, key: string, token: string, text = 'Hello, I need help', extra: Record<string, unknown> = {}) {
    return client.post(
      `/api/v1/widget/${key}/conversations`,
      { message: { clientId: `c-${Math.random()}`, text }, ...extra },
      { 'x-visitor-token': token },
    );
  }

  private connect(opts: Record<string, unknown>): Promise<Socket> {
    const socket = io(this.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, ...opts });
    this.sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  visitorSocket(token: string, embedOrigin?: string) {
    return this.connect({ auth: { visitorToken: token, ...(embedOrigin ? { embedOrigin } : {}) } });
  }

  agentSocket(client: Client) {
    return this.connect({ extraHeaders: { cookie: `${SESSION_COOKIE}=${client.cookies.get(SESSION_COOKIE)}` } });
  }

  closeSockets() {
    for (const s of this.sockets.splice(0)) s.disconnect();
  }
}

export function collect<T = Record<string, unknown>>(socket: Socket, event: string): T[] {
  const got: T[] = [];
  socket.on(event, (p: T) => got.push(p));
  return got;
}
