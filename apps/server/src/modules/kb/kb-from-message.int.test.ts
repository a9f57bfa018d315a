import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.js';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
let agent: Client;
let customer: Client;
let otherAdmin: Client;

beforeAll(async () => {
  app = await startApp();
  const ws = await createWorkspace(app);
  agent = (await signedIn(app, ws.id, 'agent')).client;
  customer = (await signedIn(app, ws.id, 'customer')).client;
  otherAdmin = (await signedIn(app, (await createWorkspace(app)).id, 'admin')).client;
});
afterAll(async () => app?.close());

async function ticketWithReply(client: Client, subject: string, language?: string) {
  const t = await client.post('/api/v1/tickets', {
    subject,
    bodyText: 'It does not work',
    requester: { email: `c-${uuidv7()}@example.com` },
    ...(language ? { language } : {}),
  });
  expect(t.statusCode, t.body).toBe(201);
  const id = t.json().id;
  const reply = await client.post(`/api/v1/tickets/${id}/messages`, { bodyHtml: '<p>Clear the cache, then <b>sign in again</b>.</p>' });
  expect(reply.statusCode, reply.body).toBe(201);
  const note = await client.post(`/api/v1/tickets/${id}/messages`, { kind: 'note', bodyText: 'internal' });
  return { ticketId: id, replyId: reply.json().message.id as string, noteId: note.json().message.id as string };
}

describe('draft from a ticket reply', () => {
  it('uses the reply as body, the subject as title and the ticket language as locale', async () => {
    const { replyId } = await ticketWithReply(agent, '登录后页面空白', 'zh-CN');
    const res = await agent.post('/api/v1/kb/articles/from-message', { messageId: replyId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      title: '登录后页面空白',
      locale: 'zh-CN',
      status: 'draft',
      slug: '登录后页面空白',
      bodyText: 'Clear the cache, then sign in again.',
    });
    const versions = (await agent.get(`/api/v1/kb/articles/${res.json().id}/versions`)).json().items;
    expect(versions[0].note).toMatch(/^drafted from ticket #\d+$/);
  });

  it('is for staff who can write articles: customers get 403', async () => {
    const { replyId } = await ticketWithReply(agent, 'Blank page');
    const res = await customer.post('/api/v1/kb/articles/from-message', { messageId: replyId });
    expect(res.statusCode).toBe(403);
  });

  it('answers 404 for a message of another workspace and for an unknown id', async () => {
    const { noteId, replyId } = await ticketWithReply(otherAdmin, 'Elsewhere');
    for (const messageId of [noteId, replyId, uuidv7()]) {
      const res = await agent.post('/api/v1/kb/articles/from-message', { messageId });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('message.not_found');
      expect(res.body).not.toContain('Elsewhere');
    }
  });
});
