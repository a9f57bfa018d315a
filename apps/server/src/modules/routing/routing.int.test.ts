import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createUser, createWorkspace, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { SESSION_COOKIE } from '../identity/index.js';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

type Session = Awaited<ReturnType<typeof signedIn>>;
interface Ticket {
  id: string;
  number: number;
  status: string;
  teamId: string | null;
  assigneeId: string | null;
}

const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;

/** A workspace of its own per scenario: routing rules and load are workspace-wide. */
async function workspace() {
  const ws = await createWorkspace(app);
  const admin = await signedIn(app, ws.id, 'admin');
  return { ws, admin: admin.client };
}

async function setAvailability(client: Client, availability: 'online' | 'away' | 'offline') {
  const res = await client.request('PUT', '/api/v1/me/availability', { availability });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function agentIn(wsId: string, availability: 'online' | 'away' | 'offline' = 'online'): Promise<Session> {
  const agent = await signedIn(app, wsId, 'agent');
  if (availability !== 'offline') await setAvailability(agent.client, availability);
  return agent;
}

async function team(admin: Client, body: Record<string, unknown>, members: Session[] = []): Promise<string> {
  const res = await admin.post('/api/v1/teams', { name: `Team ${Math.random().toString(36).slice(2, 8)}`, ...body });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (members.length) {
    const put = await admin.request('PUT', `/api/v1/teams/${id}/members`, { userIds: members.map((m) => m.user.id) });
    expect(put.statusCode, put.body).toBe(200);
  }
  return id;
}

async function profile(admin: Client, agent: Session, body: Record<string, unknown>) {
  const res = await admin.patch(`/api/v1/agents/${agent.user.id}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function rule(admin: Client, body: Record<string, unknown>): Promise<string> {
  const res = await admin.post('/api/v1/routing-rules', { name: 'rule', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Staff open a ticket for a customer: channel, language and tags are theirs to set. */
async function ticket(admin: Client, body: Record<string, unknown> = {}): Promise<Ticket> {
  const res = await admin.post('/api/v1/tickets', {
    subject: 'Help',
    bodyText: 'Something broke',
    requester: { email: 'requester@example.com', name: 'Requester' },
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function reload(client: Client, id: string): Promise<Ticket> {
  return (await client.get(`/api/v1/tickets/${id}`)).json();
}

function tally(tickets: Ticket[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tickets) out[t.assigneeId ?? 'unassigned'] = (out[t.assigneeId ?? 'unassigned'] ?? 0) + 1;
  return out;
}

describe('round-robin', () => {
  it('spreads 60 tickets over 3 online agents exactly evenly, in turn', async () => {
    const { ws, admin } = await workspace();
    const agents = [await agentIn(ws.id), await agentIn(ws.id), await agentIn(ws.id)];
    const teamId = await team(admin, { strategy: 'round_robin' }, agents);
    const made: Ticket[] = [];
    for (let i = 0; i < 60; i++) made.push(await ticket(admin, { teamId }));
    const counts = tally(made);
    expect(counts).toEqual(Object.fromEntries(agents.map((a) => [a.user.id, 20])));
    // In turn: any three consecutive tickets went to three different agents.
    for (let i = 0; i + 3 <= made.length; i += 3) expect(new Set(made.slice(i, i + 3).map((t) => t.assigneeId)).size).toBe(3);
    // Assigned tickets are taken into work, and the agents list shows the load.
    expect(made.every((t) => t.status === 'open' && t.teamId === teamId)).toBe(true);
    const listed = (await admin.get('/api/v1/agents')).json().items as Array<{ id: string; openCount: number; teamIds: string[] }>;
    for (const a of agents) expect(listed.find((l) => l.id === a.user.id)).toMatchObject({ openCount: 20, teamIds: [teamId] });
  });

  it('records the assignment in the timeline as automation', async () => {
    const { ws, admin } = await workspace();
    const agent = await agentIn(ws.id);
    const teamId = await team(admin, {}, [agent]);
    const t = await ticket(admin, { teamId });
    expect(t.assigneeId).toBe(agent.user.id);
    const timeline = (await admin.get(`/api/v1/tickets/${t.id}/messages`)).json().items as Array<{ authorKind: string; event: unknown }>;
    const auto = timeline.filter((m) => m.authorKind === 'automation');
    expect(auto).toHaveLength(1);
    expect(JSON.stringify(auto[0]?.event)).toContain(agent.user.id);
  });
});

describe('who may get a ticket', () => {
  it('respects capacity: a full agent gets no more until one of theirs is solved', async () => {
    const { ws, admin } = await workspace();
    const agent = await agentIn(ws.id);
    await profile(admin, agent, { capacity: 2 });
    const teamId = await team(admin, {}, [agent]);
    const [a, b, c] = [await ticket(admin, { teamId }), await ticket(admin, { teamId }), await ticket(admin, { teamId })];
    expect([a?.assigneeId, b?.assigneeId, c?.assigneeId]).toEqual([agent.user.id, agent.user.id, null]);
    expect(c?.teamId).toBe(teamId);
    const solved = await agent.client.patch(`/api/v1/tickets/${a?.id}`, { status: 'solved' });
    expect(solved.statusCode, solved.body).toBe(200);
    expect((await ticket(admin, { teamId })).assigneeId).toBe(agent.user.id);
    expect((await ticket(admin, { teamId })).assigneeId).toBeNull();
  });

  it('never exceeds capacity when tickets arrive at the same time', async () => {
    const { ws, admin } = await workspace();
    const agent = await agentIn(ws.id);
    await profile(admin, agent, { capacity: 2 });
    const teamId = await team(admin, {}, [agent]);
    const made = await Promise.all(Array.from({ length: 6 }, () => ticket(admin, { teamId })));
    expect(tally(made)).toEqual({ [agent.user.id]: 2, unassigned: 4 });
  });

  it('skips offline agents, and away agents while the team takes online agents only', async () => {
    const { ws, admin } = await workspace();
    const online = await agentIn(ws.id, 'online');
    const away = await agentIn(ws.id, 'away');
    const offline = await agentIn(ws.id, 'offline');
    const teamId = await team(admin, { onlyOnline: true }, [online, away, offline]);
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await ticket(admin, { teamId }));
    expect(tally(made)).toEqual({ [online.user.id]: 6 });

    // Nobody online: away agents are used once the team allows it, offline ones never.
    await setAvailability(online.client, 'offline');
    const waiting = await ticket(admin, { teamId });
    expect(waiting.assigneeId).toBeNull();
    expect((await admin.patch(`/api/v1/teams/${teamId}`, { onlyOnline: false })).statusCode).toBe(200);
    expect((await ticket(admin, { teamId })).assigneeId).toBe(away.user.id);
    // Allowing away agents also hands them what was waiting.
    await app.settle();
    await waitFor(async () => (await reload(admin, waiting.id)).assigneeId === away.user.id);
  });

  it('least-loaded picks the agent with the lowest share of their capacity', async () => {
    const { ws, admin } = await workspace();
    const busy = await agentIn(ws.id);
    const roomy = await agentIn(ws.id);
    await profile(admin, busy, { capacity: 4 });
    await profile(admin, roomy, { capacity: 10 });
    // Manual assignments: busy 2/4 = 50 %, roomy 3/10 = 30 %.
    for (const [who, n] of [
      [busy, 2],
      [roomy, 3],
    ] as const) {
      for (let i = 0; i < n; i++) await ticket(admin, { assigneeId: who.user.id });
    }
    const teamId = await team(admin, { strategy: 'least_loaded' }, [busy, roomy]);
    // roomy takes tickets until 5/10 = 50 % ties with busy; then they alternate.
    // On a tie the one who waited longest since routing last gave them a ticket goes first.
    const picks = [];
    for (let i = 0; i < 3; i++) picks.push((await ticket(admin, { teamId })).assigneeId);
    expect(picks).toEqual([roomy.user.id, roomy.user.id, busy.user.id]);
    const loads = (await admin.get('/api/v1/agents')).json().items as Array<{ id: string; openCount: number }>;
    expect(loads.find((l) => l.id === busy.user.id)?.openCount).toBe(3);
    expect(loads.find((l) => l.id === roomy.user.id)?.openCount).toBe(5);
  });

  it('manual teams keep tickets in the queue', async () => {
    const { ws, admin } = await workspace();
    const agent = await agentIn(ws.id);
    const teamId = await team(admin, { strategy: 'manual' }, [agent]);
    await rule(admin, { conditions: [], action: { teamId, skills: [] } });
    const t = await ticket(admin);
    expect(t).toMatchObject({ teamId, assigneeId: null, status: 'new' });
  });

  it('moving an unassigned ticket to a team assigns it there', async () => {
    const { ws, admin } = await workspace();
    const agent = await agentIn(ws.id);
    const teamId = await team(admin, {}, [agent]);
    const t = await ticket(admin);
    expect(t.assigneeId).toBeNull();
    const moved = await admin.patch(`/api/v1/tickets/${t.id}`, { teamId });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ teamId, assigneeId: agent.user.id });
  });
});

describe('routing rules', () => {
  it('sends tickets to the team of the first enabled matching rule by channel, language or tags', async () => {
    const { ws, admin } = await workspace();
    const [email, chinese, vip, never] = [
      await team(admin, { name: 'Email', strategy: 'manual' }),
      await team(admin, { name: 'Chinese', strategy: 'manual' }),
      await team(admin, { name: 'VIP', strategy: 'manual' }),
      await team(admin, { name: 'Never', strategy: 'manual' }),
    ];
    await rule(admin, { name: 'disabled', position: 0, enabled: false, conditions: [], action: { teamId: never, skills: [] } });
    await rule(admin, {
      position: 1,
      conditions: [{ field: 'channel', op: 'in', values: ['email'] }],
      action: { teamId: email, skills: [] },
    });
    await rule(admin, {
      position: 2,
      conditions: [{ field: 'language', op: 'in', values: ['zh'] }],
      action: { teamId: chinese, skills: [] },
    });
    await rule(admin, {
      position: 3,
      conditions: [{ field: 'tags', op: 'has_any', values: ['vip'] }],
      action: { teamId: vip, skills: [] },
    });

    expect((await ticket(admin, { channel: 'email' })).teamId).toBe(email);
    expect((await ticket(admin, { language: 'zh-CN' })).teamId).toBe(chinese);
    expect((await ticket(admin, { tags: ['VIP', 'refund'] })).teamId).toBe(vip);
    // Both the email and the language rule match: position decides.
    expect((await ticket(admin, { channel: 'email', language: 'zh-CN' })).teamId).toBe(email);
    expect((await ticket(admin, { channel: 'phone', language: 'en', tags: ['refund'] })).teamId).toBeNull();

    // Rules apply to customers' portal tickets too (language from the request).
    const customer = await signedIn(app, ws.id, 'customer');
    const portal = await customer.client.post('/api/v1/tickets', { subject: '你好', bodyText: '帮帮我', language: 'zh-TW' });
    expect(portal.statusCode, portal.body).toBe(201);
    expect((await reload(admin, portal.json().id)).teamId).toBe(chinese);

    const listed = (await admin.get('/api/v1/routing-rules')).json().items as Array<{ position: number }>;
    expect(listed.map((r) => r.position)).toEqual([0, 1, 2, 3]);
  });

  it('matches required skills: only agents at the level the rule asks for get the ticket', async () => {
    const { ws, admin } = await workspace();
    const novice = await agentIn(ws.id);
    const expert = await agentIn(ws.id);
    const generalist = await agentIn(ws.id);
    await profile(admin, novice, { skills: { billing: 2 } });
    await profile(admin, expert, { skills: { Billing: 4, refunds: 1 } });
    const teamId = await team(admin, { strategy: 'skills' }, [novice, expert, generalist]);
    await rule(admin, {
      conditions: [{ field: 'tags', op: 'has_any', values: ['billing'] }],
      action: { teamId, skills: [{ skill: 'billing', minLevel: 3 }] },
    });
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await ticket(admin, { tags: ['billing'] }));
    expect(tally(made)).toEqual({ [expert.user.id]: 3 });

    // Without the expert nobody qualifies; the skill requirement is remembered for later picks.
    await setAvailability(expert.client, 'offline');
    const waiting = await ticket(admin, { tags: ['billing'] });
    expect(waiting).toMatchObject({ teamId, assigneeId: null });
    await setAvailability(expert.client, 'online');
    await app.settle();
    await waitFor(async () => (await reload(admin, waiting.id)).assigneeId === expert.user.id);
    // Tickets without the tag need no skill: anyone in the team may get them.
    expect((await ticket(admin, { teamId })).assigneeId).not.toBeNull();
  });
});

describe('backlog redistribution', () => {
  it('hands waiting tickets, oldest first, to agents as they come online, within their capacity', async () => {
    const { ws, admin } = await workspace();
    const first = await agentIn(ws.id, 'offline');
    const second = await agentIn(ws.id, 'offline');
    const outsider = await agentIn(ws.id, 'offline');
    await profile(admin, first, { capacity: 2 });
    const teamId = await team(admin, {}, [first, second]);
    const waiting: Ticket[] = [];
    for (let i = 0; i < 6; i++) waiting.push(await ticket(admin, { teamId }));
    expect(waiting.every((t) => t.assigneeId === null)).toBe(true);

    await setAvailability(outsider.client, 'online');
    await setAvailability(first.client, 'online');
    await app.settle();
    const firstTwo = waiting.slice(0, 2).map((t) => t.id);
    await waitFor(async () => {
      const now = await Promise.all(firstTwo.map((id) => reload(admin, id)));
      return now.every((t) => t.assigneeId === first.user.id);
    });
    await setAvailability(second.client, 'online');
    await app.settle();
    await waitFor(async () => (await reload(admin, waiting[5]?.id ?? '')).assigneeId !== null);
    const after = await Promise.all(waiting.map((t) => reload(admin, t.id)));
    expect(after.map((t) => t.assigneeId)).toEqual([first.user.id, first.user.id, ...Array(4).fill(second.user.id)]);
    expect(after.every((t) => t.status === 'open')).toBe(true);
    const timeline = (await admin.get(`/api/v1/tickets/${waiting[0]?.id}/messages`)).json().items as Array<{ authorKind: string }>;
    expect(timeline.some((m) => m.authorKind === 'automation')).toBe(true);
  });

  it('pushes availability changes to staff in realtime, and not to customers', async () => {
    const { ws } = await workspace();
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.server.address() as AddressInfo;
    const watcher = await signedIn(app, ws.id, 'supervisor');
    const customer = await signedIn(app, ws.id, 'customer');
    const connect = (client: Client) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = io(`http://127.0.0.1:${port}`, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: { cookie: `${SESSION_COOKIE}=${client.cookies.get(SESSION_COOKIE)}` },
        });
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const staffSocket = await connect(watcher.client);
    const customerSocket = await connect(customer.client);
    const customerGot: unknown[] = [];
    customerSocket.on('agent.availability_changed', (m) => customerGot.push(m));
    try {
      const agent = await signedIn(app, ws.id, 'agent');
      const got = new Promise((resolve) => staffSocket.once('agent.availability_changed', resolve));
      await setAvailability(agent.client, 'away');
      await app.settle();
      expect(await got).toMatchObject({ userId: agent.user.id, availability: 'away' });
      expect(customerGot).toEqual([]);
    } finally {
      staffSocket.disconnect();
      customerSocket.disconnect();
    }
  });
});

describe('teams, agents and rules: who may do what, and bad input', () => {
  it('agents read teams and agents but change nothing; customers get nothing', async () => {
    const { ws, admin } = await workspace();
    const agent = await signedIn(app, ws.id, 'agent');
    const customer = await signedIn(app, ws.id, 'customer');
    const teamId = await team(admin, {});
    expect((await agent.client.get('/api/v1/teams')).statusCode).toBe(200);
    expect((await agent.client.get(`/api/v1/teams/${teamId}`)).statusCode).toBe(200);
    expect((await agent.client.get('/api/v1/agents')).statusCode).toBe(200);
    const refused = [
      await agent.client.post('/api/v1/teams', { name: 'Mine' }),
      await agent.client.patch(`/api/v1/teams/${teamId}`, { name: 'Mine' }),
      await agent.client.request('PUT', `/api/v1/teams/${teamId}/members`, { userIds: [agent.user.id] }),
      await agent.client.patch(`/api/v1/agents/${agent.user.id}`, { capacity: 100 }),
      await agent.client.get('/api/v1/routing-rules'),
      await customer.client.get('/api/v1/teams'),
      await customer.client.get('/api/v1/agents'),
      await customer.client.request('PUT', '/api/v1/me/availability', { availability: 'online' }),
    ];
    for (const res of refused) expect([res.statusCode, code(res)]).toEqual([403, 'auth.forbidden']);
    expect((await admin.get(`/api/v1/teams/${teamId}`)).json().name).not.toBe('Mine');
  });

  it('refuses duplicate names, non-staff members, bad capacity, skills and rules', async () => {
    const { ws, admin } = await workspace();
    const teamId = await team(admin, { name: 'Billing' });
    const dup = await admin.post('/api/v1/teams', { name: 'billing' });
    expect([dup.statusCode, code(dup)]).toEqual([409, 'team.name_taken']);
    const customer = await createUser(app, ws.id, 'customer');
    const members = await admin.request('PUT', `/api/v1/teams/${teamId}/members`, { userIds: [customer.id] });
    expect(members.statusCode).toBe(400);
    expect(members.json().errors[0]).toMatchObject({ path: 'userIds.0', code: 'user_not_found' });
    expect((await admin.post('/api/v1/teams', { name: 'X', strategy: 'random' })).statusCode).toBe(400);
    const agent = await createUser(app, ws.id, 'agent');
    expect((await admin.patch(`/api/v1/agents/${agent.id}`, { capacity: -1 })).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/agents/${agent.id}`, { skills: { billing: 6 } })).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/agents/${customer.id}`, { capacity: 3 })).statusCode).toBe(404);
    const badPriority = await admin.post('/api/v1/routing-rules', {
      name: 'bad',
      conditions: [{ field: 'priority', op: 'in', values: ['critical'] }],
      action: { teamId, skills: [] },
    });
    expect(badPriority.statusCode).toBe(400);
    const badOp = await admin.post('/api/v1/routing-rules', {
      name: 'bad',
      conditions: [{ field: 'tags', op: 'in', values: ['x'] }],
      action: { teamId, skills: [] },
    });
    expect(badOp.statusCode).toBe(400);
    expect((await admin.get('/api/v1/routing-rules')).json().items).toEqual([]);
  });

  it('updates and deletes rules, and the next ticket follows at once; refuses to delete a team still in use', async () => {
    const { admin } = await workspace();
    const teamId = await team(admin, { strategy: 'manual' });
    const ruleId = await rule(admin, { conditions: [{ field: 'channel', op: 'in', values: ['email'] }], action: { teamId, skills: [] } });
    // Routed by the rule (which the server now keeps in its configuration cache)...
    const routed = await ticket(admin, { channel: 'email' });
    expect(routed.teamId).toBe(teamId);
    const inUseByRule = await admin.delete(`/api/v1/teams/${teamId}`);
    expect([inUseByRule.statusCode, code(inUseByRule)]).toEqual([409, 'team.in_use']);
    const patched = await admin.patch(`/api/v1/routing-rules/${ruleId}`, { enabled: false, name: 'Email (paused)' });
    expect(patched.json()).toMatchObject({ enabled: false, name: 'Email (paused)', action: { teamId } });
    // ...and the pause counts for the very next ticket.
    expect((await ticket(admin, { channel: 'email' })).teamId).toBeNull();
    expect((await admin.delete(`/api/v1/routing-rules/${ruleId}`)).statusCode).toBe(204);
    const t = await ticket(admin, { teamId });
    const inUseByTicket = await admin.delete(`/api/v1/teams/${teamId}`);
    expect([inUseByTicket.statusCode, code(inUseByTicket)]).toEqual([409, 'team.in_use']);
    for (const id of [t.id, routed.id]) expect((await admin.patch(`/api/v1/tickets/${id}`, { teamId: null })).statusCode).toBe(200);
    expect((await admin.delete(`/api/v1/teams/${teamId}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/teams/${teamId}`)).statusCode).toBe(404);
  });

  it("another workspace's teams, agents and rules are unknown (404), and its team is no ticket team (400)", async () => {
    const mine = await workspace();
    const theirs = await workspace();
    const theirAgent = await agentIn(theirs.ws.id);
    const theirTeam = await team(theirs.admin, {}, [theirAgent]);
    const theirRule = await rule(theirs.admin, { conditions: [], action: { teamId: theirTeam, skills: [] } });
    const calls = [
      ['GET', `/api/v1/teams/${theirTeam}`, undefined, 'team.not_found'],
      ['PATCH', `/api/v1/teams/${theirTeam}`, { name: 'Hijacked' }, 'team.not_found'],
      ['DELETE', `/api/v1/teams/${theirTeam}`, undefined, 'team.not_found'],
      ['PUT', `/api/v1/teams/${theirTeam}/members`, { userIds: [] }, 'team.not_found'],
      ['PATCH', `/api/v1/agents/${theirAgent.user.id}`, { capacity: 0 }, 'user.not_found'],
      ['PATCH', `/api/v1/routing-rules/${theirRule}`, { enabled: false }, 'routing_rule.not_found'],
      ['DELETE', `/api/v1/routing-rules/${theirRule}`, undefined, 'routing_rule.not_found'],
    ] as const;
    for (const [method, url, body, expected] of calls) {
      const res = await mine.admin.request(method, url, body);
      expect([method, url, res.statusCode, code(res)]).toEqual([method, url, 404, expected]);
    }
    const onTicket = await mine.admin.post('/api/v1/tickets', { subject: 'x', bodyText: 'y', teamId: theirTeam });
    expect(onTicket.statusCode).toBe(400);
    expect(onTicket.json().errors[0]).toMatchObject({ path: 'teamId', code: 'team_not_found' });
    const asRuleTarget = await mine.admin.post('/api/v1/routing-rules', {
      name: 'r',
      conditions: [],
      action: { teamId: theirTeam, skills: [] },
    });
    expect(asRuleTarget.statusCode).toBe(400);
    expect((await mine.admin.get('/api/v1/agents')).body).not.toContain(theirAgent.user.id);
    expect((await mine.admin.get('/api/v1/teams')).json().items).toEqual([]);
    // Their team, members and rule are untouched.
    expect((await theirs.admin.get(`/api/v1/teams/${theirTeam}`)).json().memberIds).toEqual([theirAgent.user.id]);
    expect((await theirs.admin.get('/api/v1/routing-rules')).json().items).toHaveLength(1);
  });
});
