import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { SESSION_COOKIE } from '../identity/index.js';

const sockets: Socket[] = [];
let app: TestApp;
let url: string;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let agent: Awaited<ReturnType<typeof signedIn>>;
let agent2: Awaited<ReturnType<typeof signedIn>>;
let customer: Awaited<ReturnType<typeof signedIn>>;

function socketOf(client: Client): Promise<Socket> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: `${SESSION_COOKIE}=${client.cookies.get(SESSION_COOKIE)}` },
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Collects every payload of `event` on the socket. */
function collect<T = Record<string, unknown>>(socket: Socket, event: string): T[] {
  const got: T[] = [];
  socket.on(event, (p: T) => got.push(p));
  return got;
}

async function subscribe(socket: Socket, room: string): Promise<{ ok: boolean; code?: string }> {
  return socket.emitWithAck('subscribe', { room });
}

beforeAll(async () => {
  app = await startApp();
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  ws = await createWorkspace(app);
  agent = await signedIn(app, ws.id, 'agent');
  agent2 = await signedIn(app, ws.id, 'agent');
  customer = await signedIn(app, ws.id, 'customer');
});
afterAll(async () => app.close());
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

async function newTicket() {
  const res = await customer.client.post('/api/v1/tickets', { subject: 'Live', bodyText: 'Hello?' });
  return res.json().id as string;
}

describe('ticket realtime', () => {
  it('pushes a new ticket to the staff room and a public reply to the customer live, but never a note', async () => {
    const staff = await socketOf(agent.client);
    const cust = await socketOf(customer.client);
    const changes = collect(staff, 'ticket.changed');
    const id = await newTicket();
    await waitFor(() => changes.some((c) => c.id === id && c.type === 'ticket.created'));

    expect(await subscribe(cust, `conversation:${id}`)).toEqual({ ok: true });
    expect(await subscribe(staff, `ticket:${id}`)).toEqual({ ok: true });
    const custMessages = collect<{ kind: string; bodyText: string }>(cust, 'message.created');
    const staffMessages = collect<{ kind: string; bodyText: string }>(staff, 'message.created');
    const custAll: string[] = [];
    cust.onAny((_event, payload) => custAll.push(JSON.stringify(payload)));

    await agent.client.post(`/api/v1/tickets/${id}/messages`, { kind: 'note', bodyText: 'INTERNAL-ONLY remark' });
    await agent.client.post(`/api/v1/tickets/${id}/messages`, { kind: 'reply', bodyText: 'Public answer' });
    await waitFor(() => custMessages.length >= 1 && staffMessages.length >= 2);
    await app.settle();
    expect(staffMessages.map((m) => m.kind)).toEqual(['note', 'reply']);
    expect(custMessages.map((m) => m.bodyText)).toEqual(['Public answer']);
    expect(custAll.join('\n')).not.toContain('INTERNAL-ONLY');
  });

  it('tells the staff room about new messages gathered: the latest of each ticket, not one event per message; customers hear none of it', async () => {
    const [a, b] = [await newTicket(), await newTicket()];
    await app.settle();
    const staff = await socketOf(agent2.client);
    const cust = await socketOf(customer.client);
    const activity = collect<{ changes: Array<{ id: string; lastSeq: number; kind: string }> }>(staff, 'tickets.activity');
    const custActivity = collect(cust, 'tickets.activity');
    const perMessage = collect<{ type: string }>(staff, 'ticket.changed');
    const seqs = new Map<string, number>();
    for (const [id, text] of [
      [a, 'one'],
      [b, 'two'],
      [a, 'three'],
    ] as const) {
      const res = await agent.client.post(`/api/v1/tickets/${id}/messages`, { kind: 'note', bodyText: text });
      expect(res.statusCode, res.body).toBe(201);
      seqs.set(id, res.json().message.seq);
    }
    // Up to each ticket's newest note (or later: triage may still add an event to a new ticket).
    await waitFor(() => {
      const latest = new Map(activity.flatMap((e) => e.changes).map((c) => [c.id, c.lastSeq]));
      return [a, b].every((id) => (latest.get(id) ?? 0) >= (seqs.get(id) ?? Number.POSITIVE_INFINITY));
    });
    // Each event names a ticket once (its latest), and nothing goes out per message.
    for (const e of activity) expect(new Set(e.changes.map((c) => c.id)).size).toBe(e.changes.length);
    expect(perMessage.filter((c) => c.type === 'message.created')).toEqual([]);
    await app.settle();
    expect(custActivity).toEqual([]);
  });

  it('tells open screens of both tickets when they are linked, and tells customers nothing', async () => {
    const [a, b] = [await newTicket(), await newTicket()];
    const staff = await socketOf(agent2.client);
    const cust = await socketOf(customer.client);
    const changes = collect<{ id: string; type: string }>(staff, 'ticket.changed');
    const custChanges = collect<{ id: string; type: string }>(cust, 'ticket.changed');
    const res = await agent.client.post(`/api/v1/tickets/${a}/links`, { otherId: b });
    expect(res.statusCode, res.body).toBeLessThan(300);
    await waitFor(() => [a, b].every((id) => changes.some((c) => c.id === id && c.type === 'ticket.linked')));
    await app.settle();
    expect(custChanges.filter((c) => c.type === 'ticket.linked')).toEqual([]);
  });

  it('refuses the staff room to customers and rooms of tickets the caller cannot see', async () => {
    const id = await newTicket();
    const cust = await socketOf(customer.client);
    expect(await subscribe(cust, `ticket:${id}`)).toMatchObject({ ok: false });
    const stranger = await signedIn(app, ws.id, 'customer');
    const s = await socketOf(stranger.client);
    expect(await subscribe(s, `conversation:${id}`)).toMatchObject({ ok: false });
    const other = await signedIn(app, (await createWorkspace(app)).id, 'agent');
    const o = await socketOf(other.client);
    expect(await subscribe(o, `ticket:${id}`)).toMatchObject({ ok: false });
  });

  it('shows who is viewing and who is typing on a ticket', async () => {
    const id = await newTicket();
    const a = await socketOf(agent.client);
    const b = await socketOf(agent2.client);
    const viewersSeenByA = collect<{ viewers: Array<{ userId: string }> }>(a, 'ticket.viewers');
    await subscribe(a, `ticket:${id}`);
    await subscribe(b, `ticket:${id}`);
    await waitFor(() => viewersSeenByA.some((v) => v.viewers.length === 2));
    const typing = collect<{ userId: string; typing: boolean }>(a, 'ticket.typing');
    b.emit('ticket.typing', { ticketId: id, typing: true });
    await waitFor(() => typing.length > 0);
    expect(typing[0]).toMatchObject({ userId: agent2.user.id, typing: true });
    b.disconnect();
    await waitFor(() => viewersSeenByA.at(-1)?.viewers.length === 1);
    expect(viewersSeenByA.at(-1)?.viewers[0]?.userId).toBe(agent.user.id);
  });

  it('tells an agent mentioned in a note, and refuses mentioning a customer', async () => {
    const id = await newTicket();
    const b = await socketOf(agent2.client);
    const mentions = collect<{ ticketId: string; byUserId: string }>(b, 'mention');
    const note = await agent.client.post(`/api/v1/tickets/${id}/messages`, {
      kind: 'note',
      bodyHtml: `<p><span data-mention="${agent2.user.id}">@agent2</span> can you check this?</p>`,
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json().message.mentions).toEqual([agent2.user.id]);
    await waitFor(() => mentions.length > 0);
    expect(mentions[0]).toMatchObject({ ticketId: id, byUserId: agent.user.id });
    const bad = await agent.client.post(`/api/v1/tickets/${id}/messages`, {
      kind: 'note',
      bodyHtml: `<p><span data-mention="${customer.user.id}">@customer</span></p>`,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('ignores typing signals for tickets the socket did not join', async () => {
    const id = await newTicket();
    const a = await socketOf(agent.client);
    await subscribe(a, `ticket:${id}`);
    const typing = collect(a, 'ticket.typing');
    const outsider = await socketOf((await signedIn(app, (await createWorkspace(app)).id, 'agent')).client);
    outsider.emit('ticket.typing', { ticketId: id, typing: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(typing).toEqual([]);
  });
});
