import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { ChatKit } from '../chat/chat-test-kit.js';
import { publishArticle, VisitorChat } from './assistant-test-kit.js';

let app: TestApp;
let kit: ChatKit;
let ws: { id: string };
let admin: Client;
let key: string;

const SETTINGS = { enabled: true, answerThreshold: 0.6, clarifyThreshold: 0.3, maxFailedTurns: 2, handoffKeywords: [] as string[] };

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
  const w = await kit.workspace();
  ws = w.ws;
  admin = w.admin.client;
  key = w.key;
});
afterAll(async () => app?.close());

const chatOf = async (id: string) => (await admin.get(`/api/v1/chats/${id}`)).json() as { state: string; ticketId: string };

describe('assistant settings', () => {
  it('defaults to off without published articles and on once one is published', async () => {
    const before = await admin.get('/api/v1/assistant/settings');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ enabled: false, source: 'default', answerThreshold: 0.6, maxFailedTurns: 2 });
    await publishArticle(
      app,
      admin,
      'en',
      'Reset your password',
      '<p>To reset your password, click Forgot password on the sign-in page.</p>',
    );
    expect((await admin.get('/api/v1/assistant/settings')).json()).toMatchObject({ enabled: true, source: 'default' });
  });

  it('saves settings, refuses a clarify threshold above the answer threshold, and keeps them to bot.manage', async () => {
    const bad = await admin.request('PUT', '/api/v1/assistant/settings', { ...SETTINGS, clarifyThreshold: 0.9 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'assistant.settings_invalid', errors: [{ path: 'clarifyThreshold' }] });
    const outOfRange = await admin.request('PUT', '/api/v1/assistant/settings', { ...SETTINGS, answerThreshold: 2 });
    expect(outOfRange.statusCode).toBe(400);
    const saved = await admin.request('PUT', '/api/v1/assistant/settings', { ...SETTINGS, handoffKeywords: ['supervisor'] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ source: 'saved', handoffKeywords: ['supervisor'] });
    const supervisor = (await signedIn(app, ws.id, 'supervisor')).client;
    expect((await supervisor.get('/api/v1/assistant/settings')).statusCode).toBe(403);
    expect((await supervisor.request('PUT', '/api/v1/assistant/settings', SETTINGS)).json().code).toBe('auth.forbidden');
    expect((await supervisor.post('/api/v1/assistant/try', { text: 'password' })).statusCode).toBe(403);
  });

  it("hands off on the workspace's own keyword", async () => {
    const v = new VisitorChat(app, kit, key);
    await v.start('How do I reset my password?');
    const bye = await v.say('Get me a supervisor');
    expect(bye.text).toMatch(/connecting you/);
  });
});

describe('assistant decision log and try-it', () => {
  it('logs every turn with candidates, scores and latency; staff who can read the ticket see it', async () => {
    const v = new VisitorChat(app, kit, key);
    await v.start('How do I reset my password?');
    await v.say('Yes, that helped');
    const { ticketId } = await chatOf(v.id);
    const res = await admin.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((d: { action: string }) => d.action)).toEqual(['answer', 'acknowledge']);
    expect(items[0]).toMatchObject({ inputText: 'How do I reset my password?', language: 'en', sessionId: v.id, ticketId });
    expect(items[0].candidates[0]).toMatchObject({ title: 'Reset your password', confidence: 1 });
    expect(items[0].candidates[0].score).toBeGreaterThan(0);
    expect(items[0].latencyMs).toBeGreaterThanOrEqual(0);

    const agent = (await signedIn(app, ws.id, 'agent')).client;
    expect((await agent.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`)).statusCode).toBe(200);
    const customer = (await signedIn(app, ws.id, 'customer')).client;
    expect((await customer.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`)).statusCode).toBe(403);
    expect((await admin.get('/api/v1/assistant/decisions?ticketId=nope')).statusCode).toBe(400);
  });

  it("answers 404 for another workspace's ticket", async () => {
    const other = await kit.workspace();
    await publishArticle(app, other.admin.client, 'en', 'Other', '<p>Other workspace password reset steps.</p>');
    const v = new VisitorChat(app, kit, other.key);
    await v.start('How do I reset my password?');
    const { ticketId } = (await other.admin.client.get(`/api/v1/chats/${v.id}`)).json();
    expect((await other.admin.client.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`)).statusCode).toBe(200);
    const res = await admin.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ticket.not_found');
    const agent = (await signedIn(app, ws.id, 'agent')).client;
    expect((await agent.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`)).statusCode).toBe(404);
  });

  it("shows the engine's reasoning without storing anything", async () => {
    const res = await admin.post('/api/v1/assistant/try', { text: '如何重置密码？', locale: 'zh-CN' });
    expect(res.statusCode, res.body).toBe(200);
    // No Chinese article, and the English one shares no search terms with the question: nothing to quote.
    expect(res.json()).toMatchObject({ language: 'zh', action: 'rephrase' });
    const en = (await admin.post('/api/v1/assistant/try', { text: 'reset password' })).json();
    expect(en).toMatchObject({ action: 'answer', chosen: { title: 'Reset your password' } });
    expect(en.reply).toContain('To reset your password, click Forgot password on the sign-in page.');
    expect(en.candidates[0].confidence).toBe(1);
  });
});

describe('disabled assistant', () => {
  it('passes chats straight to the queue and logs the pass', async () => {
    const off = await admin.request('PUT', '/api/v1/assistant/settings', { ...SETTINGS, enabled: false });
    expect(off.statusCode).toBe(200);
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How do I reset my password?');
    expect(started.session.state).not.toBe('bot');
    expect(started.messages.filter((m) => m.author.kind === 'bot')).toEqual([]);
    const { ticketId } = await chatOf(v.id);
    const items = (await admin.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`)).json().items;
    expect(items).toMatchObject([{ action: 'pass', reason: 'assistant is off for this workspace' }]);
    await waitFor(async () => ((await chatOf(v.id)).state !== 'bot' ? true : null));
  });
});
