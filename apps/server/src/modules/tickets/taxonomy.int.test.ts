import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let admin: Client;
let agent: Client;
let customer: Client;

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  admin = (await signedIn(app, ws.id, 'admin')).client;
  agent = (await signedIn(app, ws.id, 'agent')).client;
  customer = (await signedIn(app, ws.id, 'customer')).client;
});
afterAll(async () => app?.close());

const code = (res: LightMyRequestResponse) => (res.json() as { code: string }).code;
const paths = (res: LightMyRequestResponse) => ((res.json() as { errors?: Array<{ path: string }> }).errors ?? []).map((e) => e.path);
let n = 0;
const unique = (base: string) => `${base} ${(n++).toString(36)}`;

async function create(path: '/api/v1/categories' | '/api/v1/ticket-types', body: Record<string, unknown>, client: Client = admin) {
  const res = await client.post(path, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string };
}

const ids = (res: LightMyRequestResponse) => (res.json() as Array<{ id: string }>).map((x) => x.id);

describe('categories in the portal', () => {
  it('customers list the customer-visible categories only, without internal flags; staff see all', async () => {
    const billing = await create('/api/v1/categories', {
      names: { en: unique('Billing'), 'zh-CN': '账单' },
      description: 'Invoices and refunds',
    });
    const hidden = await create('/api/v1/categories', { names: { en: unique('Fraud review') }, customerVisible: false });
    const portal = await customer.get('/api/v1/categories');
    expect(portal.statusCode).toBe(200);
    expect(ids(portal)).toContain(billing.id);
    expect(ids(portal)).not.toContain(hidden.id);
    expect(portal.body).not.toContain('Fraud review');
    const seen = (portal.json() as Array<Record<string, unknown>>).find((c) => c.id === billing.id);
    expect(seen).toEqual({
      id: billing.id,
      name: billing.name,
      names: { en: billing.name, 'zh-CN': '账单' },
      description: 'Invoices and refunds',
    });
    const staff = await agent.get('/api/v1/categories');
    expect(ids(staff)).toEqual(expect.arrayContaining([billing.id, hidden.id]));
    expect((staff.json() as Array<Record<string, unknown>>).find((c) => c.id === hidden.id)).toMatchObject({
      kind: 'category',
      customerVisible: false,
      archived: false,
    });
  });

  it('a customer opens a ticket in a visible category; staff see it on the ticket', async () => {
    const cat = await create('/api/v1/categories', { names: { en: unique('Shipping') } });
    const res = await customer.post('/api/v1/tickets', {
      subject: 'Where is my parcel',
      bodyText: 'Ordered last week',
      categoryId: cat.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().categoryId).toBe(cat.id);
    expect((await agent.get(`/api/v1/tickets/${res.json().id}`)).json().categoryId).toBe(cat.id);
  });

  it('lists in the order admins give, then by name', async () => {
    const other = await createWorkspace(app);
    const otherAdmin = (await signedIn(app, other.id, 'admin')).client;
    const c = await create('/api/v1/categories', { names: { en: 'Charlie' }, position: 1 }, otherAdmin);
    const a = await create('/api/v1/categories', { names: { en: 'Alpha' }, position: 2 }, otherAdmin);
    const b = await create('/api/v1/categories', { names: { en: 'Bravo' }, position: 1 }, otherAdmin);
    expect(ids(await otherAdmin.get('/api/v1/categories'))).toEqual([b.id, c.id, a.id]);
    await otherAdmin.patch(`/api/v1/categories/${a.id}`, { position: 0 });
    expect(ids(await otherAdmin.get('/api/v1/categories'))).toEqual([a.id, b.id, c.id]);
  });
});

describe('names', () => {
  it('are unique per kind, ignoring case; the same name may be a category and a type', async () => {
    const name = unique('Refunds');
    const cat = await create('/api/v1/categories', { names: { en: name } });
    const dup = await admin.post('/api/v1/categories', { names: { en: name.toUpperCase() } });
    expect(dup.statusCode).toBe(409);
    expect(code(dup)).toBe('taxonomy.name_taken');
    await create('/api/v1/ticket-types', { names: { en: name } });
    const other = await create('/api/v1/categories', { names: { en: unique('Returns') } });
    const rename = await admin.patch(`/api/v1/categories/${other.id}`, { names: { en: name } });
    expect(rename.statusCode).toBe(409);
    expect(code(rename)).toBe('taxonomy.name_taken');
    // Renaming to itself (or a new case of itself) is fine; other locales change freely.
    const same = await admin.patch(`/api/v1/categories/${cat.id}`, { names: { en: name.toLowerCase(), 'zh-CN': '退款' } });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ name: name.toLowerCase(), names: { en: name.toLowerCase(), 'zh-CN': '退款' } });
  });

  it('need an English name; other fields are validated', async () => {
    const noEn = await admin.post('/api/v1/categories', { names: { 'zh-CN': '只有中文' } });
    expect(noEn.statusCode).toBe(400);
    expect(paths(noEn)).toContain('names.en');
    const blank = await admin.post('/api/v1/categories', { names: { en: '   ' } });
    expect(blank.statusCode).toBe(400);
    const long = await admin.post('/api/v1/ticket-types', { names: { en: 'x' }, description: 'd'.repeat(501) });
    expect(paths(long)).toContain('description');
  });
});

describe('archiving', () => {
  it('hides an archived category from new tickets; existing tickets keep it; restoring brings it back', async () => {
    const cat = await create('/api/v1/categories', { names: { en: unique('Legacy product') } });
    const before = await customer.post('/api/v1/tickets', { subject: 'Old thing', bodyText: 'Broken', categoryId: cat.id });
    expect((await admin.delete(`/api/v1/categories/${cat.id}`)).statusCode).toBe(204);
    expect(ids(await customer.get('/api/v1/categories'))).not.toContain(cat.id);
    expect(ids(await agent.get('/api/v1/categories'))).not.toContain(cat.id);
    expect(ids(await agent.get('/api/v1/categories?includeArchived=true'))).toContain(cat.id);
    expect(ids(await customer.get('/api/v1/categories?includeArchived=true'))).not.toContain(cat.id);
    const refused = await customer.post('/api/v1/tickets', { subject: 'Old thing', bodyText: 'Broken', categoryId: cat.id });
    expect(refused.statusCode).toBe(400);
    expect(paths(refused)).toEqual(['categoryId']);
    expect((await agent.get(`/api/v1/tickets/${before.json().id}`)).json().categoryId).toBe(cat.id);
    // The name stays taken while archived; restoring is the way back.
    expect(code(await admin.post('/api/v1/categories', { names: { en: cat.name } }))).toBe('taxonomy.name_taken');
    const restored = await admin.patch(`/api/v1/categories/${cat.id}`, { archived: false });
    expect(restored.json()).toMatchObject({ archived: false, archivedAt: null });
    expect(ids(await customer.get('/api/v1/categories'))).toContain(cat.id);
  });
});

describe('ticket types', () => {
  it('are staff vocabulary: agents list and set them, customers cannot list them', async () => {
    const incident = await create('/api/v1/ticket-types', { names: { en: unique('Incident'), 'zh-CN': '事件' } });
    expect((await customer.get('/api/v1/ticket-types')).statusCode).toBe(403);
    expect(ids(await agent.get('/api/v1/ticket-types'))).toContain(incident.id);
    const t = await customer.post('/api/v1/tickets', { subject: 'Down', bodyText: 'Site is down' });
    const typed = await agent.patch(`/api/v1/tickets/${t.json().id}`, { typeId: incident.id });
    expect(typed.statusCode).toBe(200);
    expect(typed.json().typeId).toBe(incident.id);
    // A category id is not a type.
    const cat = await create('/api/v1/categories', { names: { en: unique('Not a type') } });
    const wrongKind = await agent.patch(`/api/v1/tickets/${t.json().id}`, { typeId: cat.id });
    expect(wrongKind.statusCode).toBe(400);
    expect(paths(wrongKind)).toEqual(['typeId']);
    expect((await admin.delete(`/api/v1/ticket-types/${incident.id}`)).statusCode).toBe(204);
    const archived = await agent.patch(`/api/v1/tickets/${t.json().id}`, { typeId: null });
    expect(archived.statusCode).toBe(200);
    expect((await agent.patch(`/api/v1/tickets/${t.json().id}`, { typeId: incident.id })).statusCode).toBe(400);
  });

  it('the category and type routes do not reach each other’s rows', async () => {
    const type = await create('/api/v1/ticket-types', { names: { en: unique('Question') } });
    const viaCategories = await admin.patch(`/api/v1/categories/${type.id}`, { position: 5 });
    expect(viaCategories.statusCode).toBe(404);
    expect(code(viaCategories)).toBe('taxonomy.not_found');
    expect((await admin.delete(`/api/v1/categories/${type.id}`)).statusCode).toBe(404);
    expect(ids(await admin.get('/api/v1/ticket-types'))).toContain(type.id);
  });
});

describe('who may change them', () => {
  it('only admins write; other workspaces get 404 and cannot use the ids on tickets', async () => {
    const cat = await create('/api/v1/categories', { names: { en: unique('Accounts') } });
    for (const client of [agent, customer]) {
      for (const path of ['/api/v1/categories', '/api/v1/ticket-types']) {
        expect((await client.post(path, { names: { en: unique('Nope') } })).statusCode).toBe(403);
      }
      expect((await client.patch(`/api/v1/categories/${cat.id}`, { position: 9 })).statusCode).toBe(403);
      expect((await client.delete(`/api/v1/categories/${cat.id}`)).statusCode).toBe(403);
    }
    const other = await createWorkspace(app);
    const outsider = (await signedIn(app, other.id, 'admin')).client;
    const patched = await outsider.patch(`/api/v1/categories/${cat.id}`, { names: { en: 'Hijacked' } });
    expect(patched.statusCode).toBe(404);
    expect(code(patched)).toBe('taxonomy.not_found');
    expect((await outsider.delete(`/api/v1/categories/${cat.id}`)).statusCode).toBe(404);
    expect((await outsider.get('/api/v1/categories?includeArchived=true')).body).not.toContain(cat.id);
    const outsiderCustomer = (await signedIn(app, other.id, 'customer')).client;
    const foreign = await outsiderCustomer.post('/api/v1/tickets', { subject: 'x', bodyText: 'y', categoryId: cat.id });
    expect(foreign.statusCode).toBe(400);
    expect(paths(foreign)).toEqual(['categoryId']);
    // The same name is free in the other workspace, and ours is unchanged.
    expect((await outsider.post('/api/v1/categories', { names: { en: cat.name } })).statusCode).toBe(201);
    expect((await admin.get('/api/v1/categories')).json().find((c: { id: string }) => c.id === cat.id)).toMatchObject({
      name: cat.name,
      position: 0,
    });
  });
});
