import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createUser, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let admin: Client;
let supervisor: Client;
let agent: Client;
let customer: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  admin = (await signedIn(app, ws.id, 'admin')).client;
  supervisor = (await signedIn(app, ws.id, 'supervisor')).client;
  agent = (await signedIn(app, ws.id, 'agent')).client;
  customer = await signedIn(app, ws.id, 'customer');
});
afterAll(async () => app?.close());

const code = (res: LightMyRequestResponse) => (res.json() as { code: string }).code;
const paths = (res: LightMyRequestResponse) => ((res.json() as { errors?: Array<{ path: string }> }).errors ?? []).map((e) => e.path);
let n = 0;
const tag = () => (n++).toString(36) + Date.now().toString(36);

async function createOrg(body: Record<string, unknown>, client: Client = supervisor) {
  const res = await client.post('/api/v1/organizations', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; domains: string[] };
}

const setOrg = (client: Client, userId: string, organizationId: string | null) =>
  client.request('PUT', `/api/v1/users/${userId}/organization`, { organizationId });

/** The organization a ticket opened now by `client` is filed under. */
async function ticketOrg(client: Client): Promise<string | null> {
  const res = await client.post('/api/v1/tickets', { subject: 'Hello', bodyText: 'Question' });
  expect(res.statusCode, res.body).toBe(201);
  return (await agent.get(`/api/v1/tickets/${res.json().id}`)).json().organizationId;
}

describe('domains', () => {
  it('are stored lowercase, deduplicated and sorted; invalid hostnames are refused', async () => {
    const t = tag();
    const org = await createOrg({
      name: `Acme ${t}`,
      domains: [` Acme-${t}.COM `, `acme-${t}.co.uk`, `ACME-${t}.com`],
      notes: 'Gold customer',
    });
    expect(org).toMatchObject({ domains: [`acme-${t}.co.uk`, `acme-${t}.com`], notes: 'Gold customer' });
    for (const bad of ['not a domain', 'localhost', '-acme.com', 'acme-.com', 'acme..com', 'user@acme.com', 'acme.123']) {
      const res = await supervisor.post('/api/v1/organizations', { name: `Bad ${tag()}`, domains: [`ok-${tag()}.com`, bad] });
      expect(res.statusCode, bad).toBe(400);
      expect(paths(res), bad).toEqual(['domains.1']);
    }
  });

  it('belong to one organization per workspace', async () => {
    const domain = `initech-${tag()}.com`;
    const first = await createOrg({ name: `Initech ${tag()}`, domains: [domain] });
    const clash = await supervisor.post('/api/v1/organizations', {
      name: `Initrode ${tag()}`,
      domains: [`free-${tag()}.com`, domain.toUpperCase()],
    });
    expect(clash.statusCode).toBe(409);
    expect(code(clash)).toBe('organization.domain_taken');
    expect(clash.json().detail).toContain(first.name);
    expect(paths(clash)).toEqual(['domains.1']);
    const second = await createOrg({ name: `Initrode ${tag()}` });
    const grab = await supervisor.patch(`/api/v1/organizations/${second.id}`, { domains: [domain] });
    expect(grab.statusCode).toBe(409);
    expect(code(grab)).toBe('organization.domain_taken');
    // Keeping its own domain while editing is not a conflict; releasing it frees it.
    expect((await supervisor.patch(`/api/v1/organizations/${first.id}`, { domains: [domain], notes: 'Still ours' })).statusCode).toBe(200);
    expect((await supervisor.patch(`/api/v1/organizations/${first.id}`, { domains: [] })).json().domains).toEqual([]);
    expect((await supervisor.patch(`/api/v1/organizations/${second.id}`, { domains: [domain] })).json().domains).toEqual([domain]);
    // Another workspace may use the same domain.
    const other = await createWorkspace(app);
    const otherAdmin = (await signedIn(app, other.id, 'admin')).client;
    expect((await otherAdmin.post('/api/v1/organizations', { name: 'Initrode', domains: [domain] })).statusCode).toBe(201);
  });

  it('concurrent claims of one domain: exactly one organization gets it', async () => {
    const domain = `race-${tag()}.com`;
    const results = await Promise.all(
      [1, 2, 3].map((i) => supervisor.post('/api/v1/organizations', { name: `Racer ${i} ${tag()}`, domains: [domain] })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('new customers writing in from a domain join its organization', async () => {
    const domain = `globex-${tag()}.com`;
    const org = await createOrg({ name: `Globex ${tag()}`, domains: [domain] });
    const res = await agent.post('/api/v1/tickets', {
      subject: 'Phone call',
      bodyText: 'Called about invoices',
      requester: { email: `Hank.Scorpio@${domain.toUpperCase()}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().organizationId).toBe(org.id);
    const stranger = await agent.post('/api/v1/tickets', { subject: 'x', bodyText: 'y', requester: { email: `someone@sub.${domain}` } });
    expect(stranger.json().organizationId).toBeNull();
  });
});

describe('names', () => {
  it('are unique per workspace, ignoring case', async () => {
    const name = `Umbrella ${tag()}`;
    const org = await createOrg({ name });
    const dup = await supervisor.post('/api/v1/organizations', { name: name.toLowerCase() });
    expect(dup.statusCode).toBe(409);
    expect(code(dup)).toBe('organization.name_taken');
    const other = await createOrg({ name: `Other ${tag()}` });
    const rename = await supervisor.patch(`/api/v1/organizations/${other.id}`, { name: name.toUpperCase() });
    expect(code(rename)).toBe('organization.name_taken');
    expect((await supervisor.patch(`/api/v1/organizations/${org.id}`, { name })).statusCode).toBe(200);
  });
});

describe('listing', () => {
  it('searches by name and pages by name without gaps or repeats', async () => {
    const other = await createWorkspace(app);
    const otherAdmin = (await signedIn(app, other.id, 'admin')).client;
    const names = ['Zeta Corp', 'alpha ltd', 'Beta GmbH', 'Gamma Inc', 'Delta LLC', 'Epsilon SA'];
    for (const name of names) await createOrg({ name }, otherAdmin);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: LightMyRequestResponse = await otherAdmin.get(`/api/v1/organizations?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ name: string }>; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(4);
      seen.push(...body.items.map((o) => o.name));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(names.length);
    expect(new Set(seen).size).toBe(names.length);
    expect(seen).toEqual(['alpha ltd', 'Beta GmbH', 'Delta LLC', 'Epsilon SA', 'Gamma Inc', 'Zeta Corp']);
    const found = (await otherAdmin.get('/api/v1/organizations?q=TA')).json().items.map((o: { name: string }) => o.name);
    expect(found.sort()).toEqual(['Beta GmbH', 'Delta LLC', 'Zeta Corp']);
    expect((await otherAdmin.get('/api/v1/organizations?q=%25')).json().items).toEqual([]);
    const bad = await otherAdmin.get('/api/v1/organizations?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['cursor']);
    // Our workspace's list does not show the other's organizations.
    expect((await agent.get('/api/v1/organizations?q=Epsilon SA')).json().items).toEqual([]);
  });

  it('is for staff; customers are refused', async () => {
    expect((await agent.get('/api/v1/organizations')).statusCode).toBe(200);
    expect((await customer.client.get('/api/v1/organizations')).statusCode).toBe(403);
  });
});

describe('members', () => {
  it('a customer moved into an organization files new tickets under it; null takes them out', async () => {
    const org = await createOrg({ name: `Hooli ${tag()}` });
    const res = await setOrg(supervisor, customer.user.id, org.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ userId: customer.user.id, organizationId: org.id });
    expect(await ticketOrg(customer.client)).toBe(org.id);
    expect((await setOrg(supervisor, customer.user.id, null)).json().organizationId).toBeNull();
    expect(await ticketOrg(customer.client)).toBeNull();
  });

  it('only customers belong to organizations, and only known organizations', async () => {
    const org = await createOrg({ name: `Pied Piper ${tag()}` });
    const staff = await createUser(app, ws.id, 'agent');
    const notCustomer = await setOrg(supervisor, staff.id, org.id);
    expect(notCustomer.statusCode).toBe(400);
    expect(paths(notCustomer)).toEqual(['id']);
    const unknown = await setOrg(supervisor, customer.user.id, '0190a000-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(paths(unknown)).toEqual(['organizationId']);
  });

  it('deleting an organization leaves its customers without one; old tickets keep it', async () => {
    const org = await createOrg({ name: `Vandelay ${tag()}` });
    const member = await signedIn(app, ws.id, 'customer');
    await setOrg(supervisor, member.user.id, org.id);
    const oldTicket = await member.client.post('/api/v1/tickets', { subject: 'Latex', bodyText: 'Import question' });
    expect((await supervisor.delete(`/api/v1/organizations/${org.id}`)).statusCode).toBe(204);
    expect((await supervisor.delete(`/api/v1/organizations/${org.id}`)).statusCode).toBe(404);
    expect(await ticketOrg(member.client)).toBeNull();
    expect((await agent.get(`/api/v1/tickets/${oldTicket.json().id}`)).json().organizationId).toBe(org.id);
    expect((await agent.get(`/api/v1/organizations?q=Vandelay`)).json().items).toEqual([]);
  });
});

describe('who may manage them', () => {
  it('customer.manage writes (supervisors, admins); agents and customers are refused', async () => {
    const org = await createOrg({ name: `Stark ${tag()}` }, admin);
    for (const client of [agent, customer.client]) {
      expect((await client.post('/api/v1/organizations', { name: `Nope ${tag()}` })).statusCode).toBe(403);
      expect((await client.patch(`/api/v1/organizations/${org.id}`, { notes: 'x' })).statusCode).toBe(403);
      expect((await client.delete(`/api/v1/organizations/${org.id}`)).statusCode).toBe(403);
      expect((await setOrg(client, customer.user.id, org.id)).statusCode).toBe(403);
    }
  });

  it('another workspace gets 404 for our organizations and users, and cannot use our organization ids', async () => {
    const org = await createOrg({ name: `Wayne ${tag()}`, domains: [`wayne-${tag()}.com`] });
    const other = await createWorkspace(app);
    const outsider = (await signedIn(app, other.id, 'admin')).client;
    const patched = await outsider.patch(`/api/v1/organizations/${org.id}`, { name: 'Hijacked' });
    expect(patched.statusCode).toBe(404);
    expect(code(patched)).toBe('organization.not_found');
    expect((await outsider.delete(`/api/v1/organizations/${org.id}`)).statusCode).toBe(404);
    const user = await setOrg(outsider, customer.user.id, null);
    expect(user.statusCode).toBe(404);
    expect(code(user)).toBe('user.not_found');
    const theirCustomer = await createUser(app, other.id, 'customer');
    const foreignOrg = await setOrg(outsider, theirCustomer.id, org.id);
    expect(foreignOrg.statusCode).toBe(400);
    expect((await supervisor.get(`/api/v1/organizations?q=Wayne`)).json().items[0]).toMatchObject({ id: org.id, name: org.name });
  });
});
