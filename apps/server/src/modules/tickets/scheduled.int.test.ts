import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client.js';
import { Client, createUser, createWorkspace, freshDatabase, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';

/**
 * Scheduled replies go out from a durable job. The file shares one database between two app
 * instances: the first schedules and shuts down, the second sends after the restart.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let agent: Awaited<ReturnType<typeof signedIn>>;
let leaver: Awaited<ReturnType<typeof signedIn>>;
let customer: Awaited<ReturnType<typeof signedIn>>;

const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function start(database: Database) {
  return startApp({ database });
}

beforeAll(async () => {
  db = await freshDatabase();
  app = await start(db.database);
  ws = await createWorkspace(app);
  admin = await signedIn(app, ws.id, 'admin');
  agent = await signedIn(app, ws.id, 'agent');
  leaver = await signedIn(app, ws.id, 'agent');
  customer = await signedIn(app, ws.id, 'customer');
});
afterAll(async () => {
  await app?.server.close();
  if (app) fs.rmSync(app.config.dataDir, { recursive: true, force: true });
  await db?.drop();
});

async function portalTicket(subject = 'Order not delivered') {
  const res = await customer.client.post('/api/v1/tickets', { subject, bodyText: 'It has been three weeks.' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: number };
}

async function schedule(client: Client, ticketId: string, body: Record<string, unknown>) {
  return client.post(`/api/v1/tickets/${ticketId}/messages`, body);
}

describe('scheduling', () => {
  it('refuses customers, and times in the past, too soon or more than a year ahead', async () => {
    const t = await portalTicket();
    const byCustomer = await schedule(customer.client, t.id, { bodyText: 'later', sendAt: inSeconds(60) });
    expect(byCustomer.statusCode).toBe(403);
    for (const sendAt of [inSeconds(-60), inSeconds(3), inSeconds(366 * 24 * 3600)]) {
      const res = await schedule(agent.client, t.id, { bodyText: 'later', sendAt });
      expect(res.statusCode, sendAt).toBe(400);
      expect(res.json().errors[0].path).toBe('sendAt');
    }
    const empty = await schedule(agent.client, t.id, { bodyText: '  ', sendAt: inSeconds(60) });
    expect(empty.statusCode).toBe(400);
    expect((await agent.client.get(`/api/v1/tickets/${t.id}/scheduled`)).json().items).toEqual([]);
  });

  it('cancels: the author or staff with ticket.update, only while pending', async () => {
    const t = await portalTicket();
    const role = await admin.client.post('/api/v1/roles', {
      key: 'replier',
      name: 'Replier',
      permissions: ['ticket.read', 'ticket.reply'],
    });
    expect(role.statusCode, role.body).toBe(201);
    const replierUser = await createUser(app, ws.id, 'replier');
    const replier = new Client(app);
    await replier.login(replierUser.email ?? '');

    const own = await schedule(replier, t.id, { bodyText: 'Mine', sendAt: inSeconds(3600) });
    expect(own.statusCode, own.body).toBe(202);
    const theirs = await schedule(agent.client, t.id, { bodyText: 'Theirs', sendAt: inSeconds(3600) });
    expect(theirs.json()).toMatchObject({ state: 'scheduled', authorId: agent.user.id, kind: 'reply' });

    expect((await replier.delete(`/api/v1/scheduled-messages/${theirs.json().id}`)).statusCode).toBe(403);
    expect((await customer.client.delete(`/api/v1/scheduled-messages/${own.json().id}`)).statusCode).toBe(403);
    expect((await replier.delete(`/api/v1/scheduled-messages/${own.json().id}`)).statusCode).toBe(204);
    expect((await leaver.client.delete(`/api/v1/scheduled-messages/${theirs.json().id}`)).statusCode).toBe(204);
    const again = await agent.client.delete(`/api/v1/scheduled-messages/${theirs.json().id}`);
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('scheduled_message.not_pending');

    const listed = (await agent.client.get(`/api/v1/tickets/${t.id}/scheduled`)).json().items;
    expect(listed.map((m: { state: string }) => m.state)).toEqual(['cancelled', 'cancelled']);
    expect((await customer.client.get(`/api/v1/tickets/${t.id}/scheduled`)).statusCode).toBe(403);

    const other = await createWorkspace(app);
    const outsider = await signedIn(app, other.id, 'admin');
    const foreign = await outsider.client.delete(`/api/v1/scheduled-messages/${own.json().id}`);
    expect(foreign.statusCode).toBe(404);
    expect(code(foreign)).toBe('scheduled_message.not_found');
    expect((await outsider.client.get(`/api/v1/tickets/${t.id}/scheduled`)).statusCode).toBe(404);
  });
});

describe('sending', () => {
  it('sends at sendAt even after a restart, as its author, once; a disabled author’s message fails visibly', async () => {
    const t = await portalTicket();
    const other = await portalTicket('Second order');
    const sendAt = inSeconds(11);
    const res = await schedule(agent.client, t.id, { bodyHtml: '<p>Your parcel left the <b>warehouse</b></p>', status: 'pending', sendAt });
    expect(res.statusCode, res.body).toBe(202);
    const scheduled = res.json();
    expect(scheduled).toMatchObject({ state: 'scheduled', thenStatus: 'pending', sendAt: new Date(sendAt).toISOString(), messageId: null });
    const doomed = (await schedule(leaver.client, other.id, { kind: 'note', bodyText: 'check again', sendAt: inSeconds(11) })).json();
    expect((await admin.client.patch(`/api/v1/users/${leaver.user.id}`, { disabled: true })).statusCode).toBe(200);

    // Not sent yet: the customer sees only their own message.
    expect((await customer.client.get(`/api/v1/tickets/${t.id}/messages`)).json().items).toHaveLength(1);

    // Restart: hand the job over, stop this instance, start another on the same database.
    await app.settle();
    await app.server.close();
    fs.rmSync(app.config.dataDir, { recursive: true, force: true });
    app = await start(db.database);
    const staff = new Client(app);
    await staff.login(agent.user.email ?? '');
    const cust = new Client(app);
    await cust.login(customer.user.email ?? '');

    const sent = await waitFor(
      async () => {
        const items = (await staff.get(`/api/v1/tickets/${t.id}/scheduled`)).json().items as Array<{ state: string; messageId: string }>;
        return items.find((m) => m.state === 'sent');
      },
      30_000,
      250,
    );
    const replies = (await cust.get(`/api/v1/tickets/${t.id}/messages`)).json().items;
    expect(replies).toHaveLength(2);
    expect(replies[1]).toMatchObject({
      id: sent.messageId,
      authorKind: 'agent',
      author: { id: agent.user.id },
      bodyText: 'Your parcel left the warehouse',
    });
    expect(new Date(replies[1].createdAt).getTime()).toBeGreaterThanOrEqual(new Date(sendAt).getTime());
    expect((await staff.get(`/api/v1/tickets/${t.id}`)).json().status).toBe('pending');

    // A second run of the job (retry, duplicate delivery) sends nothing more.
    expect(await app.services.tickets.scheduled.send(scheduled.id)).toBe('skipped');
    expect((await cust.get(`/api/v1/tickets/${t.id}/messages`)).json().items).toHaveLength(2);
    expect((await staff.delete(`/api/v1/scheduled-messages/${scheduled.id}`)).statusCode).toBe(409);

    const failed = await waitFor(
      async () => {
        const items = (await staff.get(`/api/v1/tickets/${other.id}/scheduled`)).json().items as Array<{
          id: string;
          state: string;
          error: string;
        }>;
        return items.find((m) => m.id === doomed.id && m.state === 'failed');
      },
      30_000,
      250,
    );
    expect(failed.error).toMatch(/disabled/);
    const otherTimeline = (await staff.get(`/api/v1/tickets/${other.id}/messages`)).json().items as Array<{ kind: string; event: unknown }>;
    expect(otherTimeline.some((m) => m.kind === 'note')).toBe(false);
    expect(otherTimeline.at(-1)?.event).toMatchObject({ type: 'scheduled_message_failed', scheduledMessageId: doomed.id });
  });
});
