import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.js';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let agent: Client;
let supervisor: Client;
let customer: Client;
let agentId: string;

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  const a = await signedIn(app, ws.id, 'agent');
  agent = a.client;
  agentId = a.user.id;
  supervisor = (await signedIn(app, ws.id, 'supervisor')).client;
  customer = (await signedIn(app, ws.id, 'customer')).client;
});
afterAll(async () => app?.close());

async function create(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/kb/articles', { locale: 'en', bodyHtml: '<p>Body</p>', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('articles', () => {
  it('creates a draft with a sanitized body, plain text, derived slug and version 1', async () => {
    const res = await agent.post('/api/v1/kb/articles', {
      locale: 'en',
      title: 'How do I reset my password?',
      bodyHtml: '<p>Open <b>Settings</b>.</p><script>alert(1)</script><p onclick="x()">Then reset.</p>',
      tags: ['Account', 'password', 'account'],
      description: 'Resetting a forgotten password',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const a = res.json();
    expect(a).toMatchObject({
      slug: 'how-do-i-reset-my-password',
      status: 'draft',
      version: 1,
      authorId: agentId,
      tags: ['account', 'password'],
      publishedVersion: null,
      hasUnpublishedChanges: false,
      actions: ['edit', 'submit', 'comment'],
    });
    expect(a.bodyHtml).not.toContain('script');
    expect(a.bodyHtml).not.toContain('onclick');
    expect(a.bodyText).toBe('Open Settings.\n\nThen reset.');
    expect(a.groupId).toBe(a.id);
    expect(a.translations).toEqual([
      expect.objectContaining({ locale: 'en', state: 'source', articleId: a.id }),
      expect.objectContaining({ locale: 'zh-CN', state: 'missing', articleId: null }),
    ]);
  });

  it('derives unique slugs per locale, keeps Chinese ones and refuses a taken explicit slug', async () => {
    const first = await create(agent, { title: 'Refund policy' });
    const second = await create(agent, { title: 'Refund policy!' });
    expect(first.slug).toBe('refund-policy');
    expect(second.slug).toBe('refund-policy-2');
    const zh = await create(agent, { locale: 'zh-CN', title: '退款政策' });
    expect(zh.slug).toBe('退款政策');
    const taken = await agent.post('/api/v1/kb/articles', { locale: 'en', title: 'Other', slug: 'refund-policy' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('kb_article.slug_taken');
  });

  it('validates input', async () => {
    const res = await agent.post('/api/v1/kb/articles', { locale: 'fr', title: '' });
    expect(res.statusCode).toBe(400);
    const section = await agent.post('/api/v1/kb/articles', { locale: 'en', title: 'x', sectionId: uuidv7() });
    expect(section.statusCode).toBe(400);
  });

  it('saves each edit as a new version and answers 409 to a stale If-Match', async () => {
    const a = await create(agent, { title: 'Shipping times' });
    const first = await agent.patch(`/api/v1/kb/articles/${a.id}`, { title: 'Shipping times (EU)' }, { 'if-match': '"1"' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    expect(first.headers.etag).toBe('"2"');
    // A second editor who loaded version 1 does not overwrite version 2.
    const stale = await supervisor.patch(`/api/v1/kb/articles/${a.id}`, { title: 'Shipping' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('kb_article.version_mismatch');
    const viaBody = await supervisor.patch(`/api/v1/kb/articles/${a.id}`, { title: 'Shipping', version: 1 });
    expect(viaBody.statusCode).toBe(409);
    const got = await agent.get(`/api/v1/kb/articles/${a.id}`);
    expect(got.json().title).toBe('Shipping times (EU)');
  });

  it('deletes a never-published draft, and archives a published article instead', async () => {
    const draft = await create(agent, { title: 'Temporary' });
    expect((await agent.delete(`/api/v1/kb/articles/${draft.id}`)).statusCode).toBe(204);
    expect((await agent.get(`/api/v1/kb/articles/${draft.id}`)).statusCode).toBe(404);

    const live = await create(agent, { title: 'Live one' });
    expect((await supervisor.post(`/api/v1/kb/articles/${live.id}/publish`)).statusCode).toBe(200);
    const byAgent = await agent.delete(`/api/v1/kb/articles/${live.id}`);
    expect(byAgent.statusCode).toBe(403);
    const archived = await supervisor.delete(`/api/v1/kb/articles/${live.id}`);
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', publishedVersion: null });
  });

  it('keeps customers out of every authoring route', async () => {
    const a = await create(agent, { title: 'Internal draft', visibility: 'agents' });
    for (const [method, url] of [
      ['GET', '/api/v1/kb/articles'],
      ['GET', `/api/v1/kb/articles/${a.id}`],
      ['GET', `/api/v1/kb/articles/${a.id}/translations`],
      ['GET', `/api/v1/kb/articles/${a.id}/versions`],
      ['GET', `/api/v1/kb/articles/${a.id}/versions/1`],
      ['GET', `/api/v1/kb/articles/${a.id}/reviews`],
      ['GET', `/api/v1/kb/export`],
    ] as const) {
      const res = await customer.request(method, url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain('Internal draft');
    }
  });
});
