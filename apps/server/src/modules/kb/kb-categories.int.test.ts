import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
let agent: Client;
let supervisor: Client;

beforeAll(async () => {
  app = await startApp();
  const ws = await createWorkspace(app);
  agent = (await signedIn(app, ws.id, 'agent')).client;
  supervisor = (await signedIn(app, ws.id, 'supervisor')).client;
});
afterAll(async () => app?.close());

async function category(body: Record<string, unknown>) {
  const res = await supervisor.post('/api/v1/kb/categories', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('categories and sections', () => {
  it('creates categories with per-locale names and CJK-safe slugs, in order', async () => {
    const billing = await category({ names: { en: 'Billing & Payments', 'zh-CN': '账单与付款' }, descriptions: { en: 'Invoices' } });
    expect(billing).toMatchObject({
      slug: 'billing-payments',
      parentId: null,
      position: 0,
      visibility: 'public',
      names: { 'zh-CN': '账单与付款' },
    });
    const zhOnly = await category({ names: { 'zh-CN': '常见问题' } });
    expect(zhOnly).toMatchObject({ slug: '常见问题', position: 1 });
    const dup = await category({ names: { en: 'Billing  payments' } });
    expect(dup.slug).toBe('billing-payments-2');
    const taken = await supervisor.post('/api/v1/kb/categories', { names: { en: 'X' }, slug: 'billing-payments' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('kb_category.slug_taken');
    expect((await supervisor.post('/api/v1/kb/categories', { names: {} })).statusCode).toBe(400);

    const section = await category({ parentId: billing.id, names: { en: 'Invoices' }, visibility: 'customers' });
    expect(section).toMatchObject({ parentId: billing.id, slug: 'invoices', position: 0 });
    // One level only: a section cannot hold sections.
    const nested = await supervisor.post('/api/v1/kb/categories', { parentId: section.id, names: { en: 'Deeper' } });
    expect(nested.statusCode).toBe(400);

    const order = await supervisor.request('PUT', '/api/v1/kb/categories/order', { parentId: null, ids: [dup.id, zhOnly.id, billing.id] });
    expect(order.statusCode, order.body).toBe(200);
    const tops = order.json().items.filter((c: { parentId: string | null }) => c.parentId === null);
    expect(tops.map((c: { id: string }) => c.id)).toEqual([dup.id, zhOnly.id, billing.id]);
    const partial = await supervisor.request('PUT', '/api/v1/kb/categories/order', { parentId: null, ids: [dup.id] });
    expect(partial.statusCode).toBe(400);

    const renamed = await supervisor.patch(`/api/v1/kb/categories/${billing.id}`, { names: { 'zh-CN': '账单' }, visibility: 'agents' });
    expect(renamed.json()).toMatchObject({
      names: { en: 'Billing & Payments', 'zh-CN': '账单' },
      visibility: 'agents',
      slug: 'billing-payments',
    });
  });

  it('lets agents read the structure but not change it', async () => {
    expect((await agent.get('/api/v1/kb/categories')).statusCode).toBe(200);
    const res = await agent.post('/api/v1/kb/categories', { names: { en: 'Nope' } });
    expect(res.statusCode).toBe(403);
  });

  it('refuses to delete a category that holds sections or articles (409 kb_category.not_empty)', async () => {
    const cat = await category({ names: { en: 'Shipping' } });
    const section = await category({ parentId: cat.id, names: { en: 'Returns' } });
    const art = await agent.post('/api/v1/kb/articles', {
      locale: 'en',
      title: 'Return a parcel',
      sectionId: section.id,
      bodyText: 'Send it back.',
    });
    expect(art.statusCode).toBe(201);
    // An article cannot live directly in a category, only in a section.
    expect((await agent.post('/api/v1/kb/articles', { locale: 'en', title: 'x', sectionId: cat.id })).statusCode).toBe(400);

    for (const id of [cat.id, section.id]) {
      const res = await supervisor.delete(`/api/v1/kb/categories/${id}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('kb_category.not_empty');
    }
    const listed = (await agent.get('/api/v1/kb/categories')).json().items.find((c: { id: string }) => c.id === section.id);
    expect(listed.articleCount).toBe(1);
    expect((await agent.delete(`/api/v1/kb/articles/${art.json().id}`)).statusCode).toBe(204);
    expect((await supervisor.delete(`/api/v1/kb/categories/${section.id}`)).statusCode).toBe(204);
    expect((await supervisor.delete(`/api/v1/kb/categories/${cat.id}`)).statusCode).toBe(204);
  });

  it('gives an article the most restrictive visibility of itself, its section and its category', async () => {
    const cat = await category({ names: { en: 'Internal tools' }, visibility: 'customers' });
    const section = await category({ parentId: cat.id, names: { en: 'Admin panel' } });
    const res = await agent.post('/api/v1/kb/articles', {
      locale: 'en',
      title: 'Admin panel tour',
      sectionId: section.id,
      visibility: 'public',
    });
    expect(res.json()).toMatchObject({ visibility: 'public', effectiveVisibility: 'customers' });
    await supervisor.patch(`/api/v1/kb/categories/${section.id}`, { visibility: 'agents' });
    expect((await agent.get(`/api/v1/kb/articles/${res.json().id}`)).json().effectiveVisibility).toBe('agents');
  });
});
