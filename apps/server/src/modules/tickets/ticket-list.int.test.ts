import { SYSTEM_ROLES } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.js';
import { Client, createUser, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { organizations } from '../identity/index.js';
import { teamMembers, teams } from '../routing/index.js';
import { ticketListService } from './ticket-list.js';
import { customFields, tickets, ticketTaxonomies, views } from './tickets.schema.js';
import { viewerFor } from './tickets.service.js';

/** The ticket list and saved views through the HTTP API: filters, sorts, keyset pages, access, views. */

type SignedIn = Awaited<ReturnType<typeof signedIn>>;
type Item = { id: string; subject: string; tags?: string[]; priority?: string };

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let agent: SignedIn;
let agent2: SignedIn;
let supervisor: SignedIn;
let admin: SignedIn;
let customer: SignedIn;
let customer2: Awaited<ReturnType<typeof createUser>>;
const ids = { teamA: uuidv7(), teamB: uuidv7(), org: uuidv7(), category: uuidv7(), type: uuidv7() };
/** Fixture tickets by subject. */
const t: Record<string, string> = {};

const HOUR = 3_600_000;
const BASE = Date.parse('2024-03-01T00:00:00Z');

async function update(id: string, set: Partial<typeof tickets.$inferInsert>) {
  await app.platform.db.update(tickets).set(set).where(eq(tickets.id, id));
}

async function staffTicket(subject: string, body: Record<string, unknown> = {}, client: Client = agent.client) {
  const res = await client.post('/api/v1/tickets', { subject, bodyText: `About ${subject}`, requesterId: customer.user.id, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function list(client: Client, query = ''): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await client.get(`/api/v1/tickets${query ? `?${query}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Subjects of the fixture tickets a query finds, sorted (order-insensitive checks). Supervisors see every team's tickets. */
async function found(query: string, client: Client = supervisor.client): Promise<string[]> {
  const page = await list(client, `limit=200&${query}`);
  return page.items
    .map((i) => i.subject)
    .filter((s) => s in t)
    .sort();
}

/** Every page of a query, following nextCursor. */
async function allPages(client: Client, query: string, between?: () => Promise<void>): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page = await list(client, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return out;
    await between?.();
  }
  throw new Error('too many pages');
}

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  [agent, agent2, supervisor, admin, customer] = await Promise.all([
    signedIn(app, ws.id, 'agent'),
    signedIn(app, ws.id, 'agent'),
    signedIn(app, ws.id, 'supervisor'),
    signedIn(app, ws.id, 'admin'),
    signedIn(app, ws.id, 'customer'),
  ]);
  customer2 = await createUser(app, ws.id, 'customer');
  const db = app.platform.db;
  await db.insert(teams).values([
    { id: ids.teamA, workspaceId: ws.id, name: 'Team A', strategy: 'manual' },
    { id: ids.teamB, workspaceId: ws.id, name: 'Team B', strategy: 'manual' },
  ]);
  await db.insert(teamMembers).values({ teamId: ids.teamA, userId: agent.user.id, workspaceId: ws.id });
  await db.insert(organizations).values({ id: ids.org, workspaceId: ws.id, name: 'Acme' });
  await db.insert(ticketTaxonomies).values([
    { id: ids.category, workspaceId: ws.id, kind: 'category', name: 'Billing' },
    { id: ids.type, workspaceId: ws.id, kind: 'type', name: 'Question' },
  ]);
  await db.insert(customFields).values([
    {
      id: uuidv7(),
      workspaceId: ws.id,
      key: 'plan',
      label: 'Plan',
      type: 'dropdown',
      options: ['gold', 'silver'].map((v) => ({ value: v, label: v })),
    },
    {
      id: uuidv7(),
      workspaceId: ws.id,
      key: 'features',
      label: 'Features',
      type: 'multi_select',
      options: ['sso', 'api'].map((v) => ({ value: v, label: v })),
    },
    { id: uuidv7(), workspaceId: ws.id, key: 'seats', label: 'Seats', type: 'number' },
    { id: uuidv7(), workspaceId: ws.id, key: 'vip', label: 'VIP', type: 'checkbox', customerVisible: true },
  ]);

  t.alpha = await staffTicket('alpha', {
    priority: 'low',
    channel: 'email',
    tags: ['vip'],
    language: 'en',
    customFields: { plan: 'gold' },
  });
  t.bravo = await staffTicket('bravo', {
    priority: 'high',
    channel: 'phone',
    tags: ['vip', 'billing'],
    assigneeId: agent.user.id,
    customFields: { plan: 'silver', features: ['sso', 'api'] },
  });
  t.charlie = await staffTicket('charlie', { priority: 'urgent', tags: ['billing'], language: 'zh-CN', customFields: { seats: 5 } });
  t.delta = await staffTicket('delta', {
    tags: ['spam'],
    assigneeId: agent2.user.id,
    categoryId: ids.category,
    typeId: ids.type,
    customFields: { vip: true },
  });
  t.echo = await staffTicket('echo', { channel: 'email', requesterId: customer2.id });
  t.foxtrot = await staffTicket('foxtrot', { priority: 'high' });
  const fixtures: Array<[string, Partial<typeof tickets.$inferInsert>]> = [
    ['alpha', { status: 'new', slaState: 'ok', slaDueAt: new Date(BASE + 50 * HOUR) }],
    ['bravo', { status: 'open', slaState: 'at_risk', slaDueAt: new Date(BASE + 10 * HOUR) }],
    ['charlie', { status: 'pending', teamId: ids.teamA, channel: 'portal' }],
    ['delta', { status: 'solved', slaState: 'met' }],
    ['echo', { status: 'open', teamId: ids.teamB, organizationId: ids.org, slaState: 'breached', slaDueAt: new Date(BASE + 5 * HOUR) }],
    ['foxtrot', { status: 'on_hold' }],
  ];
  // created in subject order a day apart; updated in a different order (foxtrot most recent ... bravo oldest)
  const updatedRank = { alpha: 3, bravo: 0, charlie: 4, delta: 2, echo: 1, foxtrot: 5 } as Record<string, number>;
  for (const [i, [name, set]] of fixtures.entries()) {
    await update(t[name] as string, {
      ...set,
      createdAt: new Date(BASE + i * 24 * HOUR),
      updatedAt: new Date(BASE + 10 * 24 * HOUR + (updatedRank[name] as number) * HOUR),
    });
  }
  // A merged ticket never shows in lists.
  t.merged = await staffTicket('merged', { tags: ['vip'] });
  await update(t.merged, { mergedIntoId: t.alpha, status: 'closed' });
});
afterAll(async () => app?.close());

const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;
const fieldPaths = (res: { json(): unknown }) => (res.json() as { errors: Array<{ path: string }> }).errors.map((e) => e.path);

describe('filters', () => {
  const all = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];

  it('lists every visible ticket of the workspace by default, without merged ones, as the agent presenter', async () => {
    expect(await found('')).toEqual(all);
    const page = await list(supervisor.client, 'limit=200');
    const bravo = page.items.find((i) => i.subject === 'bravo') as Record<string, unknown>;
    expect(bravo).toMatchObject({ priority: 'high', tags: ['billing', 'vip'], assigneeId: agent.user.id, snippet: null });
    expect(bravo).not.toHaveProperty('followerIds');
    expect(bravo).not.toHaveProperty('searchVector');
  });

  it.each([
    ['status=open,pending', ['bravo', 'charlie', 'echo']],
    ['status=open&status=new', ['alpha', 'bravo', 'echo']],
    ['priority=urgent,high', ['bravo', 'charlie', 'foxtrot']],
    ['channel=email', ['alpha', 'echo']],
    ['channel=portal,phone', ['bravo', 'charlie']],
    ['assignee=unassigned', ['alpha', 'charlie', 'echo', 'foxtrot']],
    ['team=none', ['alpha', 'bravo', 'delta', 'foxtrot']],
    ['tags=vip', ['alpha', 'bravo']],
    ['tags=vip,billing', ['alpha', 'bravo', 'charlie']],
    ['tags=vip,billing&tagsMode=all', ['bravo']],
    ['tags=VIP', ['alpha', 'bravo']],
    ['excludeTags=billing,spam', ['alpha', 'echo', 'foxtrot']],
    ['sla=breached,at_risk', ['bravo', 'echo']],
    ['sla=none', ['charlie', 'foxtrot']],
    ['language=zh-CN', ['charlie']],
    ['createdFrom=2024-03-02T00:00:00Z&createdTo=2024-03-04T00:00:00Z', ['bravo', 'charlie']],
    // from is inclusive, to exclusive
    ['createdFrom=2024-03-05T00:00:00Z', ['echo', 'foxtrot']],
    ['createdFrom=2024-03-05T00:00:00.001Z', ['foxtrot']],
    ['createdTo=2024-03-02T00:00:00Z', ['alpha']],
    ['updatedTo=2024-03-11T02:00:00Z', ['bravo', 'echo']],
    ['updatedFrom=2024-03-11T04:00:00Z&updatedTo=2024-03-11T06:00:00%2B01:00', ['charlie']],
    ['cf.plan=gold', ['alpha']],
    ['cf.plan=gold,silver', ['alpha', 'bravo']],
    ['cf.features=api', ['bravo']],
    ['cf.features=api,nothing', ['bravo']],
    ['cf.seats=5', ['charlie']],
    ['cf.seats=6', []],
    ['cf.vip=true', ['delta']],
    ['cf.plan=gold&cf.features=sso', []],
    ['status=open,new,pending&priority=high,urgent&excludeTags=vip', ['charlie']],
  ])('%s', async (query, expected) => {
    expect(await found(query)).toEqual(expected);
  });

  // The agent role lacks ticket.read_all: echo (team B, not the agent's) stays out of every answer.
  it.each([
    ['assignee=me', ['bravo']],
    ['assignee=me,unassigned', ['alpha', 'bravo', 'charlie', 'foxtrot']],
    ['team=mine', ['charlie']],
    ['status=open&tags=vip&assignee=me', ['bravo']],
    ['channel=email', ['alpha']],
  ])('as the agent: %s', async (query, expected) => {
    expect(await found(query, agent.client)).toEqual(expected);
  });

  it('filters by ids: assignee, team, category, type, requester and organization', async () => {
    expect(await found(`assignee=${agent2.user.id}`)).toEqual(['delta']);
    expect(await found(`assignee=unassigned,${agent2.user.id}`)).toEqual(['alpha', 'charlie', 'delta', 'echo', 'foxtrot']);
    expect(await found(`team=${ids.teamB}`)).toEqual(['echo']);
    expect(await found(`team=none,${ids.teamB}`)).toEqual(['alpha', 'bravo', 'delta', 'echo', 'foxtrot']);
    expect(await found(`categoryId=${ids.category}`)).toEqual(['delta']);
    expect(await found(`typeId=${ids.type}`)).toEqual(['delta']);
    expect(await found(`requesterId=${customer2.id}`)).toEqual(['echo']);
    expect(await found(`organizationId=${ids.org}`)).toEqual(['echo']);
  });

  it('team=mine of someone in no team matches nothing, not everything', async () => {
    expect(await found('team=mine', agent2.client)).toEqual([]);
    expect(await found('team=mine,none', agent2.client)).toEqual(['alpha', 'bravo', 'delta', 'foxtrot']);
  });

  it('answers 400 with the offending parameter for bad values', async () => {
    const cases: Array<[string, string]> = [
      ['status=open,bogus', 'status'],
      ['priority=asap', 'priority'],
      ['assignee=someone', 'assignee'],
      ['team=not-a-uuid', 'team'],
      ['tags=a%20b', 'tags'],
      ['sla=late', 'sla'],
      ['createdFrom=yesterday', 'createdFrom'],
      ['updatedTo=2024-13-01', 'updatedTo'],
      ['requesterId=1', 'requesterId'],
      ['sort=oldest', 'sort'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['tagsMode=some', 'tagsMode'],
    ];
    for (const [query, path] of cases) {
      const res = await agent.client.get(`/api/v1/tickets?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(code(res), query).toBe('validation.failed');
      expect(fieldPaths(res), query).toContain(path);
    }
    const cf = await agent.client.get(`/api/v1/tickets?cf.${'k'.repeat(61)}=x`);
    expect(cf.statusCode).toBe(400);
    expect(fieldPaths(cf)[0]).toMatch(/^cf\./);
  });

  it('refuses forged, foreign and garbage cursors with 400 instead of failing in SQL', async () => {
    const first = await list(agent.client, 'limit=2&sort=created_asc');
    expect(first.nextCursor).not.toBeNull();
    const other = await agent.client.get(`/api/v1/tickets?limit=2&sort=priority_desc&cursor=${first.nextCursor}`);
    expect(other.statusCode).toBe(400);
    expect(fieldPaths(other)).toEqual(['cursor']);
    const forged = Buffer.from(
      JSON.stringify({ s: 'created_asc', m: 'list', k: ["2024'); drop table tickets; --"], id: t.alpha }),
    ).toString('base64url');
    for (const cursor of ['garbage', forged, Buffer.from('null').toString('base64url')]) {
      const res = await agent.client.get(`/api/v1/tickets?limit=2&sort=created_asc&cursor=${cursor}`);
      expect(res.statusCode, cursor).toBe(400);
    }
  });
});

describe('sort orders and keyset pages', () => {
  const order = async (sort: string) =>
    (await list(supervisor.client, `limit=200&sort=${sort}`)).items.map((i) => i.subject).filter((s) => s in t);

  it('sorts by each sort key', async () => {
    expect(await order('updated_desc')).toEqual(['foxtrot', 'charlie', 'alpha', 'delta', 'echo', 'bravo']);
    expect(await order('updated_asc')).toEqual(['bravo', 'echo', 'delta', 'alpha', 'charlie', 'foxtrot']);
    expect(await order('created_desc')).toEqual(['foxtrot', 'echo', 'delta', 'charlie', 'bravo', 'alpha']);
    expect(await order('created_asc')).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']);
    // urgent, then high (most recently updated first), then normal, then low
    expect(await order('priority_desc')).toEqual(['charlie', 'foxtrot', 'bravo', 'delta', 'echo', 'alpha']);
    // due soonest first, tickets without a due date last
    expect((await order('sla_due_asc')).slice(0, 3)).toEqual(['echo', 'bravo', 'alpha']);
    const numbers = (await list(supervisor.client, 'limit=200&sort=number_desc')).items.map(
      (i) => (i as unknown as { number: number }).number,
    );
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    // no sort given and no search: most recently updated first
    expect(await order('updated_desc')).toEqual(
      (await list(supervisor.client, 'limit=200')).items.map((i) => i.subject).filter((s) => s in t),
    );
  });

  it.each(['updated_desc', 'updated_asc', 'created_desc', 'created_asc', 'priority_desc', 'sla_due_asc', 'number_desc'])(
    '%s: pages of 2 add up to the single page, in the same order',
    async (sort) => {
      const whole = (await list(supervisor.client, `limit=200&sort=${sort}`)).items.map((i) => i.id);
      const paged = (await allPages(supervisor.client, `limit=2&sort=${sort}`)).map((i) => i.id);
      expect(paged).toEqual(whole);
    },
  );
});

describe('pagination stays stable while tickets arrive', () => {
  let other: Awaited<ReturnType<typeof createWorkspace>>;
  let staff: SignedIn;
  let requester: Awaited<ReturnType<typeof createUser>>;
  const existing: string[] = [];
  const priorities = ['low', 'normal', 'high', 'urgent'] as const;

  beforeAll(async () => {
    other = await createWorkspace(app);
    staff = await signedIn(app, other.id, 'agent');
    requester = await createUser(app, other.id, 'customer');
    for (let i = 0; i < 13; i++) {
      const res = await staff.client.post('/api/v1/tickets', {
        subject: `existing ${i}`,
        bodyText: 'x',
        requesterId: requester.id,
        priority: priorities[i % 4],
      });
      existing.push(res.json().id);
    }
    // Ties on the sort key: only the id tells these apart.
    const tie = new Date('2024-05-05T05:05:05.123456Z');
    for (const id of existing.slice(0, 6)) await update(id, { updatedAt: tie, createdAt: tie });
  });

  let n = 0;
  /** Between the first pages: one ticket that sorts first and one that sorts last in every order. */
  const inserter = () => {
    let turns = 0;
    return async () => {
      if (turns++ >= 3) return;
      for (const priority of ['urgent', 'low'] as const) {
        const res = await staff.client.post('/api/v1/tickets', {
          subject: `new ${n++}`,
          bodyText: 'x',
          requesterId: requester.id,
          priority,
        });
        expect(res.statusCode).toBe(201);
      }
    };
  };

  it.each(['updated_desc', 'updated_asc', 'created_desc', 'created_asc', 'priority_desc', 'number_desc', 'sla_due_asc'])(
    '%s: every ticket that existed is seen exactly once',
    async (sort) => {
      const seen = (await allPages(staff.client, `limit=4&sort=${sort}`, inserter())).map((i) => i.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => existing.includes(id)).sort()).toEqual([...existing].sort());
    },
  );
});

describe('who sees what', () => {
  it('customers list their own and followed tickets only, in the customer shape', async () => {
    const own = await staffTicket('customer own');
    const followed = await staffTicket('followed', { requesterId: customer2.id, followerIds: [customer.user.id] });
    const page = await list(customer.client, 'limit=200');
    const subjects = page.items.map((i) => i.subject);
    expect(subjects).toEqual(expect.arrayContaining(['customer own', 'followed', 'alpha', 'bravo']));
    expect(subjects).not.toContain('echo');
    expect(subjects).not.toContain('merged');
    const item = page.items.find((i) => i.id === followed) as Record<string, unknown>;
    expect(item).toMatchObject({ following: true, snippet: null });
    for (const hidden of ['tags', 'priority', 'teamId', 'sla', 'assigneeId']) expect(item).not.toHaveProperty(hidden);
    expect(page.items.find((i) => i.id === own)).toMatchObject({ following: false });
    const other = await list(await signedInAs(customer2), 'limit=200');
    expect(other.items.map((i) => i.subject)).not.toContain('customer own');
  });

  it('customers may filter on what they can see, not on tags, team or internal fields', async () => {
    const ok = await customer.client.get('/api/v1/tickets?status=open,new&cf.vip=true');
    expect(ok.statusCode, ok.body).toBe(200);
    for (const [query, path] of [
      ['tags=vip', 'tags'],
      ['assignee=unassigned', 'assignee'],
      ['cf.plan=gold', 'cf.plan'],
      ['sla=breached', 'sla'],
    ]) {
      const res = await customer.client.get(`/api/v1/tickets?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(fieldPaths(res)).toEqual([path]);
    }
  });

  it('a role without ticket.read_all sees unassigned-team tickets, its teams’ and its own', async () => {
    const role = await admin.client.post('/api/v1/roles', {
      key: 'team-agent',
      name: 'Team agent',
      permissions: ['ticket.read', 'ticket.reply', 'ticket.update'],
    });
    expect(role.statusCode, role.body).toBe(201);
    const restricted = await signedIn(app, ws.id, 'team-agent');
    await app.platform.db.insert(teamMembers).values({ teamId: ids.teamA, userId: restricted.user.id, workspaceId: ws.id });
    const mine = await staffTicket('assigned to restricted in team B');
    await update(mine, { teamId: ids.teamB, assigneeId: restricted.user.id });
    const seen = (await list(restricted.client, 'limit=200')).items.map((i) => i.subject);
    expect(seen).toEqual(expect.arrayContaining(['alpha', 'bravo', 'charlie', 'delta', 'foxtrot', 'assigned to restricted in team B']));
    expect(seen).not.toContain('echo');
    expect(await found(`team=${ids.teamB}`, restricted.client)).toEqual([]);
    // supervisors see every team
    expect(await found(`team=${ids.teamB}`, supervisor.client)).toEqual(['echo']);
  });

  it('other workspaces’ tickets never show', async () => {
    const outsider = await signedIn(app, (await createWorkspace(app)).id, 'admin');
    expect((await list(outsider.client, 'limit=200')).items).toEqual([]);
    expect((await anonymousGet('/api/v1/tickets')).statusCode).toBe(401);
  });
});

async function signedInAs(user: Awaited<ReturnType<typeof createUser>>): Promise<Client> {
  const c = new Client(app);
  await c.login(user.email ?? '');
  return c;
}

const anonymousGet = (url: string) => new Client(app).get(url);

describe('saved views', () => {
  const create = (client: Client, body: Record<string, unknown>) => client.post('/api/v1/views', body);

  it('personal views belong to their owner; shared ones to everyone, changed by supervisors', async () => {
    const mine = await create(agent.client, { name: 'My open', filters: { status: ['open'], assignee: ['me'] } });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ name: 'My open', shared: false, ownerId: agent.user.id, sort: 'updated_desc' });
    const sharedByAgent = await create(agent.client, { name: 'Team queue', shared: true, filters: {} });
    expect(sharedByAgent.statusCode).toBe(403);
    const shared = await create(supervisor.client, {
      name: 'Urgent',
      shared: true,
      filters: { priority: ['urgent', 'high'] },
      sort: 'priority_desc',
    });
    expect(shared.statusCode).toBe(201);
    expect(shared.json()).toMatchObject({ shared: true, ownerId: null });

    const agentViews = (await agent.client.get('/api/v1/views')).json() as Array<{ id: string }>;
    expect(agentViews.map((v) => v.id)).toEqual([shared.json().id, mine.json().id]);
    const agent2Views = (await agent2.client.get('/api/v1/views')).json() as Array<{ id: string }>;
    expect(agent2Views.map((v) => v.id)).toEqual([shared.json().id]);

    // someone else's personal view does not exist for you
    expect((await agent2.client.patch(`/api/v1/views/${mine.json().id}`, { name: 'Hijack' })).statusCode).toBe(404);
    expect((await agent2.client.delete(`/api/v1/views/${mine.json().id}`)).statusCode).toBe(404);
    expect((await supervisor.client.get(`/api/v1/views/${mine.json().id}/tickets`)).statusCode).toBe(404);
    // agents use shared views but do not change them
    expect((await agent.client.patch(`/api/v1/views/${shared.json().id}`, { name: 'Mine now' })).statusCode).toBe(403);
    expect((await agent.client.delete(`/api/v1/views/${shared.json().id}`)).statusCode).toBe(403);
    expect((await agent.client.patch(`/api/v1/views/${mine.json().id}`, { shared: true })).statusCode).toBe(403);

    const renamed = await supervisor.client.patch(`/api/v1/views/${shared.json().id}`, { name: 'Hot' });
    expect(renamed.json()).toMatchObject({ name: 'Hot', shared: true, sort: 'priority_desc', filters: { priority: ['urgent', 'high'] } });
    const own = await agent.client.patch(`/api/v1/views/${mine.json().id}`, { filters: { status: ['open', 'pending'] }, position: 3 });
    expect(own.json()).toMatchObject({ name: 'My open', shared: false, position: 3, filters: { status: ['open', 'pending'] } });
    expect((await agent.client.delete(`/api/v1/views/${mine.json().id}`)).statusCode).toBe(204);
    expect((await agent.client.get('/api/v1/views')).json().map((v: { id: string }) => v.id)).toEqual([shared.json().id]);
    expect((await supervisor.client.delete(`/api/v1/views/${shared.json().id}`)).statusCode).toBe(204);
  });

  it("a view's tickets resolve 'me' and 'mine' for whoever opens it, with its sort, and page", async () => {
    const res = await create(supervisor.client, {
      name: 'Mine or my teams',
      shared: true,
      filters: { assignee: ['me'], status: ['open', 'pending'] },
      sort: 'created_asc',
    });
    const view = res.json() as { id: string };
    const forAgent = await agent.client.get(`/api/v1/views/${view.id}/tickets`);
    expect(forAgent.json().items.map((i: Item) => i.subject)).toEqual(['bravo']);
    expect((await agent2.client.get(`/api/v1/views/${view.id}/tickets`)).json().items).toEqual([]);

    const teamView = (await create(agent.client, { name: 'My teams', filters: { team: ['mine', 'none'] }, sort: 'created_asc' })).json();
    const first = (await agent.client.get(`/api/v1/views/${teamView.id}/tickets?limit=3`)).json();
    expect(first.items.map((i: Item) => i.subject)).toEqual(['alpha', 'bravo', 'charlie']);
    const second = (await agent.client.get(`/api/v1/views/${teamView.id}/tickets?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: Item) => i.subject).slice(0, 2)).toEqual(['delta', 'foxtrot']);
    const searched = (await agent.client.get(`/api/v1/views/${teamView.id}/tickets?q=charlie`)).json();
    expect(searched.items.map((i: Item) => i.subject)).toEqual(['charlie']);
  });

  it('counts tickets per visible view, capped', async () => {
    const a = (await create(agent.client, { name: 'VIP', filters: { tags: ['vip'] } })).json();
    const b = (
      await create(agent.client, { name: 'Email or phone, open', filters: { channel: ['email', 'phone'], status: ['open'] } })
    ).json();
    const hidden = (await create(agent2.client, { name: 'Not yours', filters: {} })).json();
    const counts = (await agent.client.get('/api/v1/views/counts')).json() as Record<string, { count: number; capped: boolean }>;
    expect(counts[a.id]).toEqual({ count: 2, capped: false });
    // echo (email, open) is in team B, which the agent does not see
    expect(counts[b.id]).toEqual({ count: 1, capped: false });
    expect(counts).not.toHaveProperty(hidden.id);
    const builtins = { mine: 'assignee=me&', unassigned: 'assignee=unassigned&', all: '' } as const;
    for (const [id, c] of Object.entries(counts)) {
      const url =
        id in builtins
          ? `/api/v1/tickets?${builtins[id as keyof typeof builtins]}status=new,open,pending,on_hold&limit=200`
          : `/api/v1/views/${id}/tickets?limit=200`;
      const listed = await agent.client.get(url);
      expect(listed.json().items.length, id).toBe(c.count);
    }
    // The inbox's built-in views are counted too, whatever saved views exist.
    expect(Object.keys(counts)).toEqual(expect.arrayContaining(['mine', 'unassigned', 'all']));
    expect(counts.all?.count).toBeGreaterThan(0);
    // the cap: counting stops one past it
    const service = ticketListService(app.services.tickets.core);
    const viewer = await viewerFor(app.services.tickets.core, { actor: actorOf(agent), log: app.server.log });
    expect(await service.count(viewer, {}, 3)).toEqual({ count: 3, capped: true });
    expect(await service.count(viewer, { tags: ['vip'] }, 2)).toEqual({ count: 2, capped: false });
  });

  it('refuses customers, bad filters and other workspaces’ views', async () => {
    expect((await customer.client.get('/api/v1/views')).statusCode).toBe(403);
    expect((await customer.client.get('/api/v1/views/counts')).statusCode).toBe(403);
    expect((await create(customer.client, { name: 'x', filters: {} })).statusCode).toBe(403);
    const bad = await create(agent.client, { name: 'x', filters: { status: ['bogus'] } });
    expect(bad.statusCode).toBe(400);
    expect(fieldPaths(bad)[0]).toMatch(/^filters\.status/);
    expect((await create(agent.client, { name: '', filters: {} })).statusCode).toBe(400);
    const other = await createWorkspace(app);
    const outsider = await signedIn(app, other.id, 'admin');
    const theirs = (await create(outsider.client, { name: 'Theirs', shared: true, filters: {} })).json();
    for (const [method, url] of [
      ['PATCH', `/api/v1/views/${theirs.id}`],
      ['DELETE', `/api/v1/views/${theirs.id}`],
      ['GET', `/api/v1/views/${theirs.id}/tickets`],
    ] as const) {
      const res = await admin.client.request(method, url, method === 'PATCH' ? { name: 'Hijack' } : undefined);
      expect(res.statusCode, url).toBe(404);
      expect(code(res)).toBe('view.not_found');
    }
    expect((await admin.client.get('/api/v1/views')).json().map((v: { id: string }) => v.id)).not.toContain(theirs.id);
    const [row] = await app.platform.db.select().from(views).where(eq(views.id, theirs.id));
    expect(row?.name).toBe('Theirs');
  });
});

/** The actor behind a signed-in agent, for calling the list service directly. */
function actorOf(who: SignedIn) {
  return { kind: 'agent' as const, userId: who.user.id, workspaceId: ws.id, role: 'agent', permissions: new Set(SYSTEM_ROLES.agent) };
}
