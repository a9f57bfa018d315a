import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { AUTO_CLOSE_JOB, closeSolvedTickets } from './auto-close.jobs.js';
import { tickets } from './tickets.schema.js';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const code = (res: LightMyRequestResponse) => (res.json() as { code: string }).code;
const closeAt = (now: Date) => closeSolvedTickets(app.services.tickets.core, now);

/** A workspace with an admin, an agent and a customer. */
async function team() {
  const ws = await createWorkspace(app);
  return {
    ws,
    admin: (await signedIn(app, ws.id, 'admin')).client,
    agent: (await signedIn(app, ws.id, 'agent')).client,
    customer: (await signedIn(app, ws.id, 'customer')).client,
  };
}

/** A portal ticket the agent solved; returns its id and when it was solved. */
async function solvedTicket(customer: Client, agent: Client) {
  const res = await customer.post('/api/v1/tickets', { subject: 'Reset link expired', bodyText: 'Please send another' });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const solved = await agent.post(`/api/v1/tickets/${id}/messages`, { bodyText: 'Sent a new link', status: 'solved' });
  expect(solved.statusCode, solved.body).toBe(201);
  const ticket = (await agent.get(`/api/v1/tickets/${id}`)).json();
  expect(ticket.status).toBe('solved');
  return { id, solvedAt: new Date(ticket.solvedAt as string) };
}

const statusOf = async (agent: Client, id: string) => (await agent.get(`/api/v1/tickets/${id}`)).json().status as string;

describe('the setting', () => {
  it('defaults to 4 days; admins change it within 1..365; agents cannot', async () => {
    const { admin, agent } = await team();
    expect((await agent.get('/api/v1/workspace')).json().autoCloseDays).toBe(4);
    for (const bad of [0, 366, 2.5, '7']) {
      const res = await admin.patch('/api/v1/workspace', { autoCloseDays: bad });
      expect(res.statusCode, String(bad)).toBe(400);
    }
    expect((await agent.patch('/api/v1/workspace', { autoCloseDays: 10 })).statusCode).toBe(403);
    const ok = await admin.patch('/api/v1/workspace', { autoCloseDays: 365 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().autoCloseDays).toBe(365);
    expect((await agent.get('/api/v1/workspace')).json().autoCloseDays).toBe(365);
  });
});

describe('closing solved tickets', () => {
  it('closes after the workspace’s days and not a minute before, as automation, on the timeline', async () => {
    const { agent, customer } = await team();
    const { id, solvedAt } = await solvedTicket(customer, agent);
    await closeAt(new Date(solvedAt.getTime() + 4 * DAY - MINUTE));
    expect(await statusOf(agent, id)).toBe('solved');
    await closeAt(new Date(solvedAt.getTime() + 4 * DAY + MINUTE));
    const ticket = (await agent.get(`/api/v1/tickets/${id}`)).json();
    expect(ticket).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const events = (await agent.get(`/api/v1/tickets/${id}/messages`)).json().items.filter((m: { kind: string }) => m.kind === 'event');
    expect(events.at(-1)).toMatchObject({
      authorKind: 'automation',
      event: { type: 'fields_changed', changes: [{ field: 'status', from: 'solved', to: 'closed' }] },
    });
    // A closed ticket takes no more replies or changes.
    const reply = await customer.post(`/api/v1/tickets/${id}/messages`, { bodyText: 'Thanks, one more thing' });
    expect(reply.statusCode).toBe(409);
    expect(code(reply)).toBe('ticket.closed');
    const reopen = await agent.patch(`/api/v1/tickets/${id}`, { status: 'open' });
    expect(reopen.statusCode).toBe(409);
  });

  it('uses each workspace’s own setting', async () => {
    const quick = await team();
    const slow = await team();
    expect((await quick.admin.patch('/api/v1/workspace', { autoCloseDays: 1 })).statusCode).toBe(200);
    const a = await solvedTicket(quick.customer, quick.agent);
    const b = await solvedTicket(slow.customer, slow.agent);
    const later = new Date(Math.max(a.solvedAt.getTime(), b.solvedAt.getTime()) + DAY + MINUTE);
    await closeAt(later);
    expect(await statusOf(quick.agent, a.id)).toBe('closed');
    expect(await statusOf(slow.agent, b.id)).toBe('solved');
    // Raising the setting postpones tickets already solved.
    expect((await slow.admin.patch('/api/v1/workspace', { autoCloseDays: 10 })).statusCode).toBe(200);
    await closeAt(new Date(b.solvedAt.getTime() + 5 * DAY));
    expect(await statusOf(slow.agent, b.id)).toBe('solved');
    await closeAt(new Date(b.solvedAt.getTime() + 10 * DAY + MINUTE));
    expect(await statusOf(slow.agent, b.id)).toBe('closed');
  });

  it('leaves open, pending and reopened tickets alone, and counts what it closed', async () => {
    const { agent, customer } = await team();
    const open = await customer.post('/api/v1/tickets', { subject: 'Open one', bodyText: 'Still waiting' });
    const pending = await customer.post('/api/v1/tickets', { subject: 'Pending one', bodyText: 'Waiting on me' });
    await agent.post(`/api/v1/tickets/${pending.json().id}/messages`, { bodyText: 'Which browser?', status: 'pending' });
    const reopened = await solvedTicket(customer, agent);
    await customer.post(`/api/v1/tickets/${reopened.id}/messages`, { bodyText: 'It broke again' });
    const done = await solvedTicket(customer, agent);
    const closed = await closeAt(new Date(Date.now() + 30 * DAY));
    expect(closed).toBeGreaterThanOrEqual(1);
    expect(await statusOf(agent, open.json().id)).toBe('new');
    expect(await statusOf(agent, pending.json().id)).toBe('pending');
    expect(await statusOf(agent, reopened.id)).toBe('open');
    expect(await statusOf(agent, done.id)).toBe('closed');
    // Nothing left to close: a second run is a no-op.
    expect(await closeAt(new Date(Date.now() + 30 * DAY))).toBe(0);
  });

  it('runs as an hourly job that closes tickets solved long enough ago', async () => {
    const schedules = await app.platform.jobs.pgBoss.getSchedules(AUTO_CLOSE_JOB);
    expect(schedules.map((s) => s.cron)).toEqual(['41 * * * *']);
    const { agent, customer } = await team();
    const { id } = await solvedTicket(customer, agent);
    await app.platform.db
      .update(tickets)
      .set({ solvedAt: new Date(Date.now() - 5 * DAY) })
      .where(eq(tickets.id, id));
    await app.platform.jobs.send(AUTO_CLOSE_JOB, {});
    await waitFor(async () => (await statusOf(agent, id)) === 'closed');
  });
});
