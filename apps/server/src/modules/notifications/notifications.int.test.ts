import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../platform/events/outbox.schema.js';
import { type Client, createWorkspace, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { SESSION_COOKIE } from '../identity/index.js';

let app: TestApp;
let url: string;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let customer: Awaited<ReturnType<typeof signedIn>>;

type Staff = Awaited<ReturnType<typeof signedIn>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startApp();
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  ws = await createWorkspace(app);
  customer = await signedIn(app, ws.id, 'customer');
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app?.close();
});

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

async function newTicket(subject = 'Printer on fire'): Promise<{ id: string; number: number }> {
  const res = await customer.client.post('/api/v1/tickets', { subject, bodyText: 'Please help' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function mention(author: Staff, target: Staff, ticketId: string) {
  const res = await author.client.post(`/api/v1/tickets/${ticketId}/messages`, {
    kind: 'note',
    bodyHtml: `<p><span data-mention="${target.user.id}">@${target.user.name}</span> could you look?</p>`,
  });
  expect(res.statusCode, res.body).toBe(201);
}

const listOf = async (s: Staff, query = '') => (await s.client.get(`/api/v1/notifications${query}`)).json();
const unread = async (s: Staff) => (await s.client.get('/api/v1/notifications/unread-count')).json().count as number;
const mailsTo = (s: Staff) => app.mailer.sent.filter((m) => m.to === s.user.email);

describe('notifications from events', () => {
  it('a mention notifies the mentioned agent in the app, live, and by email in their language', async () => {
    const author = await signedIn(app, ws.id, 'agent');
    const target = await signedIn(app, ws.id, 'agent');
    await target.client.patch('/api/v1/me', { locale: 'zh-CN' });
    const socket = await socketOf(target.client);
    const pushed: { kind: string; ticketId: string }[] = [];
    socket.on('notification.created', (n) => pushed.push(n));
    const t = await newTicket('Mention me');

    await mention(author, target, t.id);
    await app.settle();

    const page = await listOf(target);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      kind: 'mention',
      ticketId: t.id,
      ticketNumber: t.number,
      ticketSubject: 'Mention me',
      actor: { id: author.user.id, name: author.user.name },
      readAt: null,
    });
    expect(await unread(target)).toBe(1);
    expect(await unread(author)).toBe(0);
    await waitFor(() => pushed.length === 1);
    expect(pushed[0]).toMatchObject({ kind: 'mention', ticketId: t.id });
    const mail = await waitFor(() => mailsTo(target)[0]);
    expect(mail.subject).toContain(`#${t.number}`);
    expect(mail.subject).toContain('提到了您');
    expect(mail.text).toContain(`/inbox/tickets/${t.id}`);
  });

  it('assignment notifies the new assignee but not someone who assigned themselves', async () => {
    const lead = await signedIn(app, ws.id, 'supervisor');
    const agent = await signedIn(app, ws.id, 'agent');
    const t = await newTicket();
    expect((await lead.client.patch(`/api/v1/tickets/${t.id}`, { assigneeId: agent.user.id })).statusCode).toBe(200);
    const own = await newTicket();
    expect((await agent.client.patch(`/api/v1/tickets/${own.id}`, { assigneeId: agent.user.id })).statusCode).toBe(200);
    await app.settle();

    const items = (await listOf(agent)).items as { kind: string; ticketId: string }[];
    expect(items.map((n) => [n.kind, n.ticketId])).toEqual([['assignment', t.id]]);
    const mail = await waitFor(() => mailsTo(agent)[0]);
    expect(mail.subject).toBe(`Ticket #${t.number} was assigned to you: Printer on fire`);
  });

  it('a customer reply notifies the assignee; the opening message and staff replies do not', async () => {
    const agent = await signedIn(app, ws.id, 'agent');
    const t = await newTicket();
    await agent.client.patch(`/api/v1/tickets/${t.id}`, { assigneeId: agent.user.id });
    await agent.client.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'reply', bodyText: 'On it' });
    const reply = await customer.client.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'reply', bodyText: 'Still broken' });
    expect(reply.statusCode, reply.body).toBe(201);
    await app.settle();

    const items = (await listOf(agent)).items as { kind: string; actor: { id: string } | null }[];
    expect(items.map((n) => n.kind)).toEqual(['customer_reply']);
    expect(items[0]?.actor?.id).toBe(customer.user.id);
    // customer replies are in-app only by default
    await app.settle();
    expect(mailsTo(agent)).toHaveLength(0);
  });

  it('sends nothing for a kind switched off, and email only when asked', async () => {
    const author = await signedIn(app, ws.id, 'agent');
    const target = await signedIn(app, ws.id, 'agent');
    const put = await target.client.request('PUT', '/api/v1/me/notification-preferences', {
      kinds: { mention: { inApp: false, email: false }, customer_reply: { inApp: false, email: true } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().kinds.mention).toEqual({ inApp: false, email: false });
    expect(put.json().kinds.assignment).toEqual({ inApp: true, email: true });
    expect((await target.client.get('/api/v1/me/notification-preferences')).json()).toEqual(put.json());

    const t = await newTicket();
    await mention(author, target, t.id);
    await author.client.patch(`/api/v1/tickets/${t.id}`, { assigneeId: target.user.id });
    await customer.client.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'reply', bodyText: 'Any news?' });
    await app.settle();
    // On PostgreSQL + Redis the listeners can still be running after settle(): wait for the one that must arrive.
    await waitFor(async () => (await listOf(target)).items.length >= 1);

    expect(((await listOf(target)).items as { kind: string }[]).map((n) => n.kind)).toEqual(['assignment']);
    await waitFor(() => mailsTo(target).length === 2);
    expect(
      mailsTo(target)
        .map((m) => m.subject.split(' ')[0])
        .sort(),
    ).toEqual(['New', 'Ticket']);
  });

  it('does not notify twice when an event is delivered again', async () => {
    const author = await signedIn(app, ws.id, 'agent');
    const target = await signedIn(app, ws.id, 'agent');
    const t = await newTicket();
    await mention(author, target, t.id);
    await app.settle();
    await waitFor(() => mailsTo(target).length === 1);

    const redelivered = await app.platform.db
      .update(outboxEvents)
      .set({ dispatchedAt: null })
      .where(and(eq(outboxEvents.type, 'mention.created'), eq(outboxEvents.subjectId, t.id)))
      .returning();
    expect(redelivered).toHaveLength(1);
    await app.settle();
    await new Promise((r) => setTimeout(r, 1500));

    expect((await listOf(target)).items).toHaveLength(1);
    expect(mailsTo(target)).toHaveLength(1);
  });
});

describe('reading notifications', () => {
  async function withNotifications(n: number) {
    const author = await signedIn(app, ws.id, 'agent');
    const target = await signedIn(app, ws.id, 'agent');
    for (let i = 0; i < n; i++) await mention(author, target, (await newTicket(`T${i}`)).id);
    await app.settle();
    await waitFor(async () => (await listOf(target)).items.length >= n);
    return { author, target };
  }

  it('pages newest first, marks one read, then all, and filters unread', async () => {
    const { target } = await withNotifications(3);
    const first = await listOf(target, '?limit=2');
    expect(first.items.map((n: { ticketSubject: string }) => n.ticketSubject)).toEqual(['T2', 'T1']);
    const second = await listOf(target, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n: { ticketSubject: string }) => n.ticketSubject)).toEqual(['T0']);
    expect(second.nextCursor).toBeNull();

    const read = await target.client.post(`/api/v1/notifications/${first.items[0].id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect(await unread(target)).toBe(2);
    expect((await listOf(target, '?unread=true')).items.map((n: { ticketSubject: string }) => n.ticketSubject)).toEqual(['T1', 'T0']);

    const all = await target.client.post('/api/v1/notifications/read-all');
    expect(all.json()).toEqual({ updated: 2 });
    expect(await unread(target)).toBe(0);
    expect((await listOf(target, '?unread=true')).items).toEqual([]);
  });

  it('treats another user’s notification as unknown, and refuses a bad cursor', async () => {
    const { author, target } = await withNotifications(1);
    const id = (await listOf(target)).items[0].id as string;
    const res = await author.client.post(`/api/v1/notifications/${id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('notification.not_found');
    expect(await unread(target)).toBe(1);
    const bad = await target.client.get('/api/v1/notifications?cursor=bm9wZQ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation.failed');
  });

  it('refuses customers and rejects unknown kinds in preferences', async () => {
    expect((await customer.client.get('/api/v1/notifications')).statusCode).toBe(403);
    expect((await customer.client.get('/api/v1/me/notification-preferences')).statusCode).toBe(403);
    const agent = await signedIn(app, ws.id, 'agent');
    const bad = await agent.client.request('PUT', '/api/v1/me/notification-preferences', {
      kinds: { birthday: { inApp: true, email: true } },
    });
    expect(bad.statusCode).toBe(400);
    const defaults = (await agent.client.get('/api/v1/me/notification-preferences')).json();
    expect(defaults.kinds.mention).toEqual({ inApp: true, email: true });
    expect(defaults.kinds.sla_breach).toEqual({ inApp: true, email: false });
  });
});
