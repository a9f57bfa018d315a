import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createUser, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let agent: Awaited<ReturnType<typeof signedIn>>;
let agent2: Awaited<ReturnType<typeof signedIn>>;
let supervisor: Awaited<ReturnType<typeof signedIn>>;
let customer: { user: Awaited<ReturnType<typeof createUser>>; client: Client };

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  agent = await signedIn(app, ws.id, 'agent');
  agent2 = await signedIn(app, ws.id, 'agent');
  supervisor = await signedIn(app, ws.id, 'supervisor');
  // A requester whose name would be markup if it were not escaped.
  const user = await createUser(app, ws.id, 'customer', { name: '<i>Eve</i> & Co', email: `eve-${Date.now()}@example.com` });
  const client = new Client(app);
  await client.login(user.email ?? '');
  customer = { user, client };
});
afterAll(async () => app.close());

const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;

async function portalTicket(subject = 'Where is my refund?') {
  const res = await customer.client.post('/api/v1/tickets', { subject, bodyText: 'I returned the item two weeks ago.' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: number };
}

async function createMacro(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/macros', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; shared: boolean; ownerId: string | null; usageCount: number };
}

const timeline = async (id: string, client: Client = agent.client) =>
  (await client.get(`/api/v1/tickets/${id}/messages`)).json().items as Array<{
    kind: string;
    bodyHtml: string;
    bodyText: string;
    author: { id: string } | null;
  }>;

describe('shared and personal macros', () => {
  it('agents keep personal macros; only macro managers create or edit shared ones', async () => {
    const mine = await createMacro(agent.client, { name: 'My thanks', actions: [{ type: 'reply', bodyHtml: 'Thanks!' }] });
    expect(mine).toMatchObject({ shared: false, ownerId: agent.user.id, usageCount: 0 });
    const refused = await agent.client.post('/api/v1/macros', {
      name: 'Team',
      shared: true,
      actions: [{ type: 'set_priority', value: 'low' }],
    });
    expect(refused.statusCode).toBe(403);
    const shared = await createMacro(supervisor.client, {
      name: 'Escalate',
      shared: true,
      actions: [{ type: 'set_priority', value: 'urgent' }],
    });
    expect(shared).toMatchObject({ shared: true, ownerId: null });
    const theirs = await createMacro(agent2.client, { name: 'Agent 2 only', actions: [{ type: 'note', bodyHtml: 'x' }] });

    const listed = (await agent.client.get('/api/v1/macros')).json().items.map((m: { id: string }) => m.id);
    expect(listed).toEqual(expect.arrayContaining([mine.id, shared.id]));
    expect(listed).not.toContain(theirs.id);

    expect((await agent.client.patch(`/api/v1/macros/${shared.id}`, { name: 'Renamed' })).statusCode).toBe(403);
    expect((await agent.client.delete(`/api/v1/macros/${shared.id}`)).statusCode).toBe(403);
    expect((await agent.client.patch(`/api/v1/macros/${mine.id}`, { shared: true })).statusCode).toBe(403);
    const foreign = await agent.client.patch(`/api/v1/macros/${theirs.id}`, { name: 'Mine now' });
    expect(foreign.statusCode).toBe(404);
    expect(code(foreign)).toBe('macro.not_found');
    // Even a supervisor does not see someone else's personal macro.
    expect((await supervisor.client.delete(`/api/v1/macros/${theirs.id}`)).statusCode).toBe(404);

    const renamed = await agent.client.patch(`/api/v1/macros/${mine.id}`, { name: 'Thank you note' });
    expect(renamed.json()).toMatchObject({ name: 'Thank you note', shared: false });
    expect((await supervisor.client.patch(`/api/v1/macros/${shared.id}`, { description: 'For angry customers' })).statusCode).toBe(200);
    expect((await agent.client.delete(`/api/v1/macros/${mine.id}`)).statusCode).toBe(204);
    const after = (await agent.client.get('/api/v1/macros')).json().items.map((m: { id: string }) => m.id);
    expect(after).not.toContain(mine.id);
  });

  it('refuses invalid actions and keeps customers out', async () => {
    for (const actions of [
      [],
      [{ type: 'delete_everything' }],
      [{ type: 'set_status', value: 'gone' }],
      [
        { type: 'reply', bodyHtml: 'a' },
        { type: 'note', bodyHtml: 'b' },
      ],
    ]) {
      const res = await agent.client.post('/api/v1/macros', { name: 'Bad', actions });
      expect(res.statusCode, JSON.stringify(actions)).toBe(400);
    }
    expect((await customer.client.get('/api/v1/macros')).statusCode).toBe(403);
    expect((await customer.client.post('/api/v1/macros', { name: 'x', actions: [{ type: 'reply', bodyHtml: 'x' }] })).statusCode).toBe(403);
  });
});

describe('applying a macro', () => {
  const body =
    '<p>Hi {{requester.first_name}} ({{ requester.name }}), about #{{ticket.number}} “{{ticket.subject}}” [{{ticket.status}}]: ' +
    'refund sent. {{agent.name}}, {{workspace.name}} {{order.id}}</p>';

  it('preview renders the reply and the changes without writing anything', async () => {
    const t = await portalTicket();
    const macro = await createMacro(agent.client, {
      name: 'Refund sent',
      actions: [
        { type: 'set_priority', value: 'high' },
        { type: 'reply', bodyHtml: body },
      ],
    });
    const before = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json();
    const res = await agent.client.post(`/api/v1/tickets/${t.id}/macros/${macro.id}/preview`);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.changes).toEqual({ priority: 'high' });
    expect(preview.unknownPlaceholders).toEqual(['order.id']);
    expect(preview.message.kind).toBe('reply');
    expect(preview.message.bodyText).toBe(
      `Hi <i>Eve</i> (<i>Eve</i> & Co), about #${t.number} “Where is my refund?” [new]: refund sent. ${agent.user.name}, ${ws.name} {{order.id}}`,
    );
    expect(preview.message.bodyHtml).not.toContain('<i>');
    const after = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json();
    expect(after).toMatchObject({ version: before.version, lastSeq: before.lastSeq, priority: 'normal' });
    const listed = (await agent.client.get('/api/v1/macros')).json().items.find((m: { id: string }) => m.id === macro.id);
    expect(listed.usageCount).toBe(0);
  });

  it('sets fields and sends the filled-in reply in one action, and counts the use', async () => {
    const t = await portalTicket();
    const macro = await createMacro(supervisor.client, {
      name: 'Refund sent (team)',
      shared: true,
      actions: [
        { type: 'set_priority', value: 'high' },
        { type: 'add_tags', value: ['refund'] },
        { type: 'assign_agent', value: 'me' },
        { type: 'set_status', value: 'pending' },
        { type: 'reply', bodyHtml: body },
      ],
    });
    const res = await agent.client.post(`/api/v1/tickets/${t.id}/macros/${macro.id}/apply`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ priority: 'high', tags: ['refund'], assigneeId: agent.user.id, status: 'pending' });
    expect(res.headers.etag).toBe(`"${res.json().version}"`);

    const seen = await timeline(t.id, customer.client);
    const reply = seen.at(-1);
    expect(reply?.author?.id).toBe(agent.user.id);
    expect(reply?.bodyText).toContain(`Hi <i>Eve</i> (<i>Eve</i> & Co), about #${t.number}`);
    // Placeholders render against the ticket before the macro ran.
    expect(reply?.bodyText).toContain('[new]');
    expect(reply?.bodyText).toContain('{{order.id}}');

    const listed = (await agent2.client.get('/api/v1/macros')).json().items.find((m: { id: string }) => m.id === macro.id);
    expect(listed.usageCount).toBe(1);
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('a note macro stays internal; a canned response only replies', async () => {
    const t = await portalTicket();
    const note = await createMacro(agent.client, {
      name: 'Flag',
      actions: [{ type: 'note', bodyHtml: 'INTERNAL-FLAG for {{agent.name}}' }],
    });
    expect((await agent.client.post(`/api/v1/tickets/${t.id}/macros/${note.id}/apply`)).statusCode).toBe(200);
    const canned = await createMacro(agent.client, {
      name: 'Hello',
      actions: [{ type: 'reply', bodyHtml: 'Hello {{requester.first_name}}' }],
    });
    const applied = await agent.client.post(`/api/v1/tickets/${t.id}/macros/${canned.id}/apply`);
    expect(applied.json()).toMatchObject({ priority: 'normal', status: 'open' });
    const staff = await timeline(t.id);
    expect(staff.some((m) => m.kind === 'note' && m.bodyText === `INTERNAL-FLAG for ${agent.user.name}`)).toBe(true);
    const cust = await customer.client.get(`/api/v1/tickets/${t.id}/messages`);
    expect(cust.body).not.toContain('INTERNAL-FLAG');
    expect(cust.json().items.at(-1).bodyText).toBe('Hello <i>Eve</i>');
  });

  it('all or nothing: a refused status change leaves no reply, no field change and no use counted', async () => {
    const t = await portalTicket();
    const macro = await createMacro(agent.client, {
      name: 'Close it',
      actions: [
        { type: 'set_priority', value: 'low' },
        { type: 'set_status', value: 'closed' },
        { type: 'reply', bodyHtml: 'Closing' },
      ],
    });
    const before = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json();
    const res = await agent.client.post(`/api/v1/tickets/${t.id}/macros/${macro.id}/apply`);
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('ticket.invalid_transition');
    const after = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json();
    expect(after).toMatchObject({ version: before.version, lastSeq: before.lastSeq, priority: 'normal' });
    const listed = (await agent.client.get('/api/v1/macros')).json().items.find((m: { id: string }) => m.id === macro.id);
    expect(listed.usageCount).toBe(0);
  });

  it('honours If-Match, and refuses unknown custom fields before touching the ticket', async () => {
    const t = await portalTicket();
    const macro = await createMacro(agent.client, { name: 'Low', actions: [{ type: 'set_priority', value: 'low' }] });
    const { version } = (await agent.client.get(`/api/v1/tickets/${t.id}`)).json();
    const stale = await agent.client.post(`/api/v1/tickets/${t.id}/macros/${macro.id}/apply`, undefined, {
      'if-match': `"${version - 1}"`,
    });
    expect(stale.statusCode).toBe(412);
    const ok = await agent.client.post(`/api/v1/tickets/${t.id}/macros/${macro.id}/apply`, undefined, { 'if-match': `"${version}"` });
    expect(ok.json()).toMatchObject({ priority: 'low', version: version + 1 });

    const bad = await createMacro(agent.client, {
      name: 'Bad field',
      actions: [{ type: 'set_custom_field', value: { key: 'nope', value: 'x' } }],
    });
    const res = await agent.client.post(`/api/v1/tickets/${t.id}/macros/${bad.id}/apply`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('customFields.nope');
  });

  it('is 404 for tickets and macros of another workspace, and 403 for customers', async () => {
    const t = await portalTicket();
    const macro = await createMacro(agent.client, { name: 'Mine', actions: [{ type: 'set_priority', value: 'low' }] });
    const other = await createWorkspace(app);
    const outsider = await signedIn(app, other.id, 'admin');
    const theirs = await createMacro(outsider.client, { name: 'Theirs', shared: true, actions: [{ type: 'set_priority', value: 'low' }] });
    const foreignTicket = await outsider.client.post(`/api/v1/tickets/${t.id}/macros/${theirs.id}/apply`);
    expect(foreignTicket.statusCode).toBe(404);
    expect(code(foreignTicket)).toBe('ticket.not_found');
    const foreignMacro = await agent.client.post(`/api/v1/tickets/${t.id}/macros/${theirs.id}/preview`);
    expect(foreignMacro.statusCode).toBe(404);
    expect(code(foreignMacro)).toBe('macro.not_found');
    expect((await outsider.client.patch(`/api/v1/macros/${macro.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await customer.client.post(`/api/v1/tickets/${t.id}/macros/${macro.id}/apply`)).statusCode).toBe(403);
  });
});
