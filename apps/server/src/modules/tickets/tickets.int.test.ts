import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createUser, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let agent: Awaited<ReturnType<typeof signedIn>>;
let agent2: Awaited<ReturnType<typeof signedIn>>;
let customer: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  agent = await signedIn(app, ws.id, 'agent');
  agent2 = await signedIn(app, ws.id, 'agent');
  customer = await signedIn(app, ws.id, 'customer');
});
afterAll(async () => app.close());

const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;

async function portalTicket(client: Client = customer.client, subject = 'Cannot log in') {
  const res = await client.post('/api/v1/tickets', { subject, bodyText: 'The login page says my password is wrong.' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: number };
}

describe('creating tickets', () => {
  it('a customer opens a ticket in the portal: numbered, new, their words as the first message', async () => {
    const t = await portalTicket();
    expect(t.number).toBeGreaterThan(0);
    const seen = await agent.client.get(`/api/v1/tickets/${t.id}`);
    expect(seen.json()).toMatchObject({ status: 'new', channel: 'portal', requester: { id: customer.user.id }, priority: 'normal' });
    expect(seen.headers.etag).toBe('"1"');
    const timeline = (await agent.client.get(`/api/v1/tickets/${t.id}/messages`)).json().items;
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      kind: 'reply',
      authorKind: 'customer',
      seq: 1,
      bodyText: 'The login page says my password is wrong.',
    });
  });

  it('numbers tickets one after another per workspace', async () => {
    const a = await portalTicket();
    const b = await portalTicket();
    expect(b.number).toBe(a.number + 1);
    const other = await createWorkspace(app);
    const c = await signedIn(app, other.id, 'customer');
    expect((await portalTicket(c.client)).number).toBe(1);
  });

  it('refuses staff-only fields from customers, and a missing body', async () => {
    const res = await customer.client.post('/api/v1/tickets', { subject: 'x', bodyText: 'y', priority: 'urgent' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('priority');
    const empty = await customer.client.post('/api/v1/tickets', { subject: 'x', bodyText: '   ' });
    expect(empty.statusCode).toBe(400);
  });

  it('staff open a ticket for a new email address: the customer is created without a password', async () => {
    const res = await agent.client.post('/api/v1/tickets', {
      subject: 'Phone call: refund',
      bodyText: 'Caller wants a refund for order 1234',
      requester: { email: 'New.Caller@Example.com', name: 'New Caller' },
      channel: 'phone',
      priority: 'high',
      tags: ['Refund', 'phone'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      requester: { email: 'new.caller@example.com', name: 'New Caller' },
      priority: 'high',
      tags: ['phone', 'refund'],
    });
  });

  it('the same Idempotency-Key replays the first response instead of creating a duplicate', async () => {
    const body = { subject: 'Retry me', bodyText: 'network flaked' };
    const key = `k-${Date.now()}`;
    const first = await customer.client.post('/api/v1/tickets', body, { 'idempotency-key': key });
    const again = await customer.client.post('/api/v1/tickets', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const reused = await customer.client.post('/api/v1/tickets', { ...body, subject: 'Other' }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(422);
    expect(code(reused)).toBe('idempotency.key_reused');
    // Concurrent retries with one key still create one ticket.
    const k2 = `k2-${Date.now()}`;
    const both = await Promise.all([1, 2, 3].map(() => customer.client.post('/api/v1/tickets', body, { 'idempotency-key': k2 })));
    const ids = new Set(both.filter((r) => r.statusCode === 201).map((r) => r.json().id));
    expect(ids.size).toBe(1);
    for (const r of both) expect([201, 409]).toContain(r.statusCode);
  });
});

describe('conversation and status', () => {
  it('an agent reply opens a new ticket and records first response; a customer reply reopens pending', async () => {
    const t = await portalTicket();
    const reply = await agent.client.post(`/api/v1/tickets/${t.id}/messages`, {
      kind: 'reply',
      bodyText: 'Try resetting it',
      status: 'pending',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    let ticket = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json();
    expect(ticket.status).toBe('pending');
    expect(ticket.firstResponseAt).not.toBeNull();
    await customer.client.post(`/api/v1/tickets/${t.id}/messages`, { bodyText: 'Still broken' });
    ticket = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json();
    expect(ticket.status).toBe('open');
  });

  it('a customer reply to a solved ticket reopens it and counts the reopening', async () => {
    const t = await portalTicket();
    await agent.client.post(`/api/v1/tickets/${t.id}/messages`, { bodyText: 'Fixed', status: 'solved' });
    await customer.client.post(`/api/v1/tickets/${t.id}/messages`, { bodyText: 'No it is not' });
    const ticket = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json();
    expect(ticket).toMatchObject({ status: 'open', reopenedCount: 1, solvedAt: null });
  });

  it('refuses transitions the table does not allow, with a stable code', async () => {
    const t = await portalTicket();
    const back = await agent.client.patch(`/api/v1/tickets/${t.id}`, { status: 'closed' });
    expect(back.statusCode).toBe(409);
    expect(code(back)).toBe('ticket.invalid_transition');
    const custPending = await customer.client.patch(`/api/v1/tickets/${t.id}`, { status: 'pending' });
    expect(custPending.statusCode).toBe(409);
    expect((await customer.client.patch(`/api/v1/tickets/${t.id}`, { status: 'solved' })).statusCode).toBe(200);
    expect((await agent.client.patch(`/api/v1/tickets/${t.id}`, { status: 'closed' })).statusCode).toBe(200);
    const closedReply = await customer.client.post(`/api/v1/tickets/${t.id}/messages`, { bodyText: 'one more thing' });
    expect(closedReply.statusCode).toBe(409);
    expect(code(closedReply)).toBe('ticket.closed');
  });

  it('internal notes never reach the customer: not in the timeline, not in the ticket', async () => {
    const t = await portalTicket();
    await agent.client.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'note', bodyText: 'VIP, be careful: SECRET-NOTE' });
    await agent.client.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'reply', bodyText: 'Public answer' });
    const staffView = (await agent.client.get(`/api/v1/tickets/${t.id}/messages`)).json().items;
    expect(staffView.map((m: { kind: string }) => m.kind)).toContain('note');
    const custView = await customer.client.get(`/api/v1/tickets/${t.id}/messages`);
    expect(custView.body).not.toContain('SECRET-NOTE');
    expect(custView.json().items.every((m: { kind: string }) => m.kind === 'reply')).toBe(true);
    const custTicket = await customer.client.get(`/api/v1/tickets/${t.id}`);
    expect(custTicket.json()).not.toHaveProperty('tags');
    expect(custTicket.json()).not.toHaveProperty('sla');
    const note = await customer.client.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'note', bodyText: 'sneaky' });
    expect(note.statusCode).toBe(403);
  });

  it('sanitizes HTML bodies and keeps a plain-text copy', async () => {
    const t = await portalTicket();
    const res = await agent.client.post(`/api/v1/tickets/${t.id}/messages`, {
      bodyHtml: '<p onclick="x()">Hello <script>alert(1)</script><a href="javascript:alert(2)">link</a> <b>bold</b></p>',
    });
    const m = res.json().message;
    expect(m.bodyHtml).not.toMatch(/script|onclick|javascript:/);
    expect(m.bodyHtml).toContain('<b>bold</b>');
    expect(m.bodyText).toContain('Hello');
  });

  it('warns an agent who did not see a newer reply, and sends when forced', async () => {
    const t = await portalTicket();
    const opened = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json();
    await agent2.client.post(`/api/v1/tickets/${t.id}/messages`, { bodyText: 'I got this one' });
    const stale = await agent.client.post(`/api/v1/tickets/${t.id}/messages`, { bodyText: 'Hi!', seenSeq: opened.lastSeq });
    expect(stale.statusCode).toBe(409);
    expect(code(stale)).toBe('ticket.new_activity');
    const forced = await agent.client.post(`/api/v1/tickets/${t.id}/messages`, { bodyText: 'Hi!', seenSeq: opened.lastSeq, force: true });
    expect(forced.statusCode).toBe(201);
  });
});

describe('editing', () => {
  it('two agents editing the same version: the second gets 412 instead of overwriting', async () => {
    const t = await portalTicket();
    const v = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json().version;
    const [a, b] = await Promise.all([
      agent.client.patch(`/api/v1/tickets/${t.id}`, { priority: 'high' }, { 'if-match': `"${v}"` }),
      agent2.client.patch(`/api/v1/tickets/${t.id}`, { priority: 'low' }, { 'if-match': `"${v}"` }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const loser = a.statusCode === 412 ? a : b;
    expect(code(loser)).toBe('ticket.version_mismatch');
  });

  it('records every field change in the timeline with who did it', async () => {
    const t = await portalTicket();
    await agent.client.patch(`/api/v1/tickets/${t.id}`, { priority: 'urgent', addTags: ['vip'], assigneeId: agent.user.id });
    const events = (await agent.client.get(`/api/v1/tickets/${t.id}/messages`))
      .json()
      .items.filter((m: { kind: string }) => m.kind === 'event');
    const changes = events.flatMap((e: { event: { changes: Array<{ field: string; to: unknown }> } }) => e.event.changes);
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'priority', from: 'normal', to: 'urgent' },
        { field: 'tags', from: [], to: ['vip'] },
        { field: 'assigneeId', from: null, to: agent.user.id },
        { field: 'status', from: 'new', to: 'open' },
      ]),
    );
    expect(events[0].author.id).toBe(agent.user.id);
  });

  it('refuses assigning to a customer and tickets of another workspace are 404', async () => {
    const t = await portalTicket();
    const bad = await agent.client.patch(`/api/v1/tickets/${t.id}`, { assigneeId: customer.user.id });
    expect(bad.statusCode).toBe(400);
    const other = await createWorkspace(app);
    const outsider = await signedIn(app, other.id, 'agent');
    expect((await outsider.client.get(`/api/v1/tickets/${t.id}`)).statusCode).toBe(404);
    const stranger = await signedIn(app, ws.id, 'customer');
    expect((await stranger.client.get(`/api/v1/tickets/${t.id}`)).statusCode).toBe(404);
  });

  it('bulk update reports each ticket', async () => {
    const a = await portalTicket();
    const b = await portalTicket();
    await agent.client.patch(`/api/v1/tickets/${b.id}`, { status: 'solved' });
    await agent.client.patch(`/api/v1/tickets/${b.id}`, { status: 'closed' });
    const res = await agent.client.post('/api/v1/tickets/bulk', { ids: [a.id, b.id], changes: { priority: 'high' } });
    expect(res.json()).toEqual({ updated: [a.id], failed: [{ id: b.id, code: 'ticket.closed', detail: expect.any(String) }] });
  });

  it('a follower customer sees the ticket; the requester rates it once solved', async () => {
    const t = await portalTicket();
    const colleague = await createUser(app, ws.id, 'customer');
    await agent.client.patch(`/api/v1/tickets/${t.id}`, { followerIds: [colleague.id] });
    const early = await customer.client.post(`/api/v1/tickets/${t.id}/satisfaction`, { score: 5 });
    expect(early.statusCode).toBe(409);
    await agent.client.patch(`/api/v1/tickets/${t.id}`, { status: 'solved' });
    const rated = await customer.client.post(`/api/v1/tickets/${t.id}/satisfaction`, { score: 4, comment: 'Quick, thanks' });
    expect(rated.json()).toMatchObject({ satisfaction: 4, satisfactionComment: 'Quick, thanks' });
  });
});
