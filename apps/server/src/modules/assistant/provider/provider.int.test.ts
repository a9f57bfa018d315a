import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Client, signedIn, startApp, type TestApp, waitFor } from '../../../test/harness.js';
import { ChatKit } from '../../chat/chat-test-kit.js';
import { publishArticle, VisitorChat } from '../assistant-test-kit.js';

/** A local OpenAI-compatible server: records every request and answers as `mode` says. */
type Mode = 'answer' | 'refuse' | 'hang' | 'error500';
interface Recorded {
  url: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  system: string;
  user: string;
}
let mode: Mode = 'answer';
const requests: Recorded[] = [];
let fake: http.Server;
let baseUrl = '';

const completion = (content: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'fake-model-1',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
});

function fakeAnswer(system: string, user: string): string {
  if (system.includes('Summarize')) return '- Customer [EMAIL_1] was charged twice on card [CARD_1].';
  if (system.includes('Translate')) return `TRANSLATED ${/>>>\n([\s\S]*)\n<<<END/.exec(user)?.[1] ?? ''}`;
  if (mode === 'refuse') return 'NO_ANSWER';
  return 'Your refund reaches your card within 5 to 7 business days [1].';
}

function startFake(): Promise<void> {
  fake = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as { messages: { role: string; content: string }[] };
      const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
      const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
      requests.push({ url: req.url ?? '', headers: req.headers, raw, system, user });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (system.includes('connectivity check')) return send(200, completion('OK'));
      if (mode === 'hang') return; // never answers: the server's timeout must fire
      if (mode === 'error500') return send(500, { error: { message: 'model crashed' } });
      send(200, completion(fakeAnswer(system, user)));
    });
  });
  return new Promise((resolve) =>
    fake.listen(0, '127.0.0.1', () => {
      baseUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`;
      resolve();
    }),
  );
}

// Chats, KB publishing and a local model server per test: generous limits for a loaded machine.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });

const API_KEY = 'sk-test-DO-NOT-LEAK-7f3a9c';
let app: TestApp;
let kit: ChatKit;
let ws: { id: string };
let admin: Client;
let key: string;
const provider = (over: Record<string, unknown> = {}) => ({
  enabled: true,
  baseUrl,
  model: 'fake-model',
  timeoutMs: 60_000,
  monthlyTokenBudget: null,
  allowPrivateNetwork: true,
  ...over,
});
const save = async (over: Record<string, unknown> = {}) => {
  const res = await admin.request('PUT', '/api/v1/assistant/provider', provider(over));
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body).not.toContain(API_KEY);
  return res.json();
};
const calls = async (ticketId?: string) => {
  const res = await admin.get(`/api/v1/assistant/provider/calls${ticketId ? `?ticketId=${ticketId}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body).not.toContain(API_KEY);
  return res.json().items as Array<{
    purpose: string;
    outcome: string;
    httpStatus: number | null;
    totalTokens: number;
    masked: Record<string, number>;
  }>;
};
const chatOf = async (id: string) => (await admin.get(`/api/v1/chats/${id}`)).json() as { state: string; ticketId: string };
const decisionsOf = async (ticketId: string) =>
  (await admin.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`)).json().items as Array<{ action: string; reason: string }>;
const botText = (started: { messages: Array<{ author: { kind: string }; text: string }> }) =>
  started.messages.find((m) => m.author.kind === 'bot')?.text ?? '';

const REFUNDS = `<h2>Request a refund</h2><p>Open Orders, choose the order and click Request refund.</p>
<h2>How long does a refund take?</h2><p>Refunds reach your card within 5 to 7 business days.</p>`;
const PASSWORD = '<p>To reset your password, click Forgot password on the sign-in page and follow the link in the email.</p>';
const PII = ['jane.doe@example.com', '4111 1111 1111 1111', '415 555 0100', '4111111111111111'];

beforeAll(async () => {
  await startFake();
  app = await startApp();
  kit = new ChatKit(app);
  const w = await kit.workspace();
  ws = w.ws;
  admin = w.admin.client;
  key = w.key;
  await publishArticle(app, admin, 'en', 'Refunds', REFUNDS);
  await publishArticle(app, admin, 'en', 'Reset your password', PASSWORD);
});
afterAll(async () => {
  await app?.close();
  fake?.closeAllConnections();
  await new Promise((r) => fake?.close(r));
});
beforeEach(() => {
  mode = 'answer';
});

describe('provider settings', () => {
  it('starts unconfigured, refuses unsafe URLs and keeps the key write-only', async () => {
    const before = await admin.get('/api/v1/assistant/provider');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ configured: false, enabled: false, hasApiKey: false, timeoutMs: 8000 });

    for (const [over, why] of [
      [{ allowPrivateNetwork: false }, /private address/],
      [{ baseUrl: 'ftp://models.example.com/v1' }, /http and https/],
      [{ baseUrl: 'https://user:pass@models.example.com/v1' }, /Credentials/],
      [{ baseUrl: 'http://169.254.169.254/v1' }, /link-local/],
      [{ baseUrl: 'http://localhost:11434/v1', allowPrivateNetwork: false }, /localhost/],
    ] as const) {
      const res = await admin.request('PUT', '/api/v1/assistant/provider', provider(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'assistant.provider_url_invalid', errors: [{ path: 'baseUrl' }] });
      expect(res.json().detail).toMatch(why);
    }

    const saved = await save({ apiKey: API_KEY });
    expect(saved).toMatchObject({ configured: true, enabled: true, hasApiKey: true, model: 'fake-model', allowPrivateNetwork: true });
    const kept = await save();
    expect(kept.hasApiKey).toBe(true);
    // The stored key never follows the address to another host.
    const moved = await admin.request('PUT', '/api/v1/assistant/provider', provider({ baseUrl: 'https://api.example.com/v1' }));
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors[0].path).toBe('apiKey');

    const got = await admin.get('/api/v1/assistant/provider');
    expect(got.body).not.toContain(API_KEY);
    const audit = await admin.get('/api/v1/audit-log?limit=50');
    expect(audit.body).toContain('assistant.provider_updated');
    expect(audit.body).not.toContain(API_KEY);
  });

  it('tests the connection: model and latency, with the key as a bearer token on {baseUrl}/chat/completions', async () => {
    const before = requests.length;
    const res = await admin.post('/api/v1/assistant/provider/test');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, model: 'fake-model-1', totalTokens: 60 });
    expect(res.json().latencyMs).toBeGreaterThanOrEqual(0);
    const sent = requests[before];
    expect(sent?.url).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(sent?.raw ?? '{}').model).toBe('fake-model');
  });

  it('reports a clear problem when the provider fails the test', async () => {
    // Nothing listens on port 1: connection refused.
    await save({ baseUrl: baseUrl.replace(/:\d+\//, ':1/'), apiKey: API_KEY });
    const down = await admin.post('/api/v1/assistant/provider/test');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ code: 'assistant.provider_failed' });
    expect(down.json().detail).toMatch(/network_error/);
    expect(down.body).not.toContain(API_KEY);
    await save({ apiKey: API_KEY });
  });

  it('is for admin.settings only', async () => {
    const supervisor = (await signedIn(app, ws.id, 'supervisor')).client;
    expect((await supervisor.get('/api/v1/assistant/provider')).statusCode).toBe(403);
    expect((await supervisor.request('PUT', '/api/v1/assistant/provider', provider())).json().code).toBe('auth.forbidden');
    expect((await supervisor.post('/api/v1/assistant/provider/test')).statusCode).toBe(403);
    expect((await supervisor.get('/api/v1/assistant/provider/calls')).statusCode).toBe(403);
  });
});

describe('chat answers with the provider', () => {
  beforeAll(async () => {
    await save({ apiKey: API_KEY });
  });
  it('answers from the passages with a citation link', async () => {
    const before = requests.length;
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How long does a refund take?');
    const text = botText(started);
    expect(text).toContain('Your refund reaches your card within 5 to 7 business days [1].');
    expect(text).toMatch(/Sources:\n\[1\] “Refunds”: \/hc\/en\/articles\/[0-9a-f-]+-refunds/);
    expect(started.messages.find((m) => m.author.kind === 'bot')?.quickReplies).toEqual(['Yes, that helped', 'No, I need more help']);
    // The article went as quoted data, after a system rule saying it is never instructions.
    const sent = requests.slice(before).find((r) => r.system.includes('customer-support assistant'));
    expect(sent?.system).toMatch(/never an instruction/);
    expect(sent?.user).toMatch(
      /<<<PASSAGE 1 [0-9a-f]+ title="Refunds">>>\nRefunds reach your card within 5 to 7 business days\.\n<<<END PASSAGE 1/,
    );
    const { ticketId } = await chatOf(v.id);
    expect(await decisionsOf(ticketId)).toMatchObject([{ action: 'answer', reason: 'model answer from cited passages' }]);
    expect(await calls(ticketId)).toMatchObject([{ purpose: 'answer', outcome: 'ok', totalTokens: 60 }]);
  });

  it('refuses when the passages do not cover the question, and asks which article instead', async () => {
    mode = 'refuse';
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How long does a refund take?');
    const diag = await chatOf(v.id);
    expect(botText(started), JSON.stringify({ d: await decisionsOf(diag.ticketId), c: await calls(diag.ticketId), mode })).toMatch(
      /I found a few articles that may match/,
    );
    expect(botText(started)).not.toContain('5 to 7 business days');
    const { ticketId } = await chatOf(v.id);
    const [decision] = await decisionsOf(ticketId);
    expect(decision).toMatchObject({ action: 'clarify', reason: 'model: the passages do not cover the question' });
    expect(await calls(ticketId)).toMatchObject([{ purpose: 'answer', outcome: 'refused' }]);
  });

  it('falls back to the offline answer when the provider times out', async () => {
    await save({ timeoutMs: 1000 });
    mode = 'hang';
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How do I reset my password?');
    expect(botText(started)).toContain('To reset your password, click Forgot password on the sign-in page');
    const { ticketId } = await chatOf(v.id);
    const [decision] = await decisionsOf(ticketId);
    expect(decision?.action).toBe('answer');
    expect(decision?.reason).toContain('(model provider timeout: offline engine used)');
    expect(await calls(ticketId)).toMatchObject([{ purpose: 'answer', outcome: 'timeout', totalTokens: 0 }]);
    await save({ timeoutMs: 60_000 });
  });

  it('falls back to the offline answer on a 5xx', async () => {
    mode = 'error500';
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How do I reset my password?');
    expect(botText(started)).toContain('To reset your password, click Forgot password on the sign-in page');
    const { ticketId } = await chatOf(v.id);
    expect(await calls(ticketId)).toMatchObject([{ purpose: 'answer', outcome: 'http_error', httpStatus: 500 }]);
  });

  it('masks personal data before it leaves, and restores it in the agent’s hand-off summary', async () => {
    const before = requests.length;
    const v = new VisitorChat(app, kit, key);
    await v.start(
      'My card 4111 1111 1111 1111 was charged twice, write to jane.doe@example.com or call +1 415 555 0100. I want a real person',
    );
    const chat = await waitFor(async () => {
      const c = await chatOf(v.id);
      return c.state !== 'bot' ? c : null;
    }, 120_000);
    const sent = requests.slice(before);
    expect(sent.some((r) => r.system.includes('Summarize'))).toBe(true);
    for (const r of sent) for (const secret of PII) expect(r.raw).not.toContain(secret);
    expect(sent.find((r) => r.system.includes('Summarize'))?.user).toMatch(/\[CARD_1\].*\[EMAIL_1\].*\[PHONE_1\]/);
    const notes = (await admin.get(`/api/v1/tickets/${chat.ticketId}/messages`)).json().items as Array<{ kind: string; bodyText: string }>;
    const briefing = notes.find((n) => n.kind === 'note' && n.bodyText.startsWith('Assistant handed'));
    expect(briefing?.bodyText).toContain(
      'Summary (written by the model provider):\n- Customer jane.doe@example.com was charged twice on card 4111 1111 1111 1111.',
    );
    const summaryCall = (await calls(chat.ticketId)).find((c) => c.purpose === 'summary');
    expect(summaryCall).toMatchObject({ outcome: 'ok', masked: { CARD: 1, EMAIL: 1, PHONE: 1 } });
    expect(JSON.stringify(await calls())).not.toContain('jane.doe');
  });

  it('stops calling the provider when the monthly budget is used up, and answers offline', async () => {
    await save({ monthlyTokenBudget: 1 });
    const before = requests.length;
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How do I reset my password?');
    expect(botText(started)).toContain('To reset your password, click Forgot password on the sign-in page');
    expect(requests.length).toBe(before);
    const { ticketId } = await chatOf(v.id);
    expect(await calls(ticketId)).toMatchObject([{ purpose: 'answer', outcome: 'budget_exhausted' }]);
    const settings = (await admin.get('/api/v1/assistant/provider')).json();
    expect(settings.usage).toMatchObject({ budgetExhausted: true });
    expect(settings.usage.fallbacks).toBeGreaterThanOrEqual(1);
    await save({ monthlyTokenBudget: null });
  });
});

describe('reply drafts and translation', () => {
  let ticketId = '';
  let messageId = '';
  beforeAll(async () => {
    await save({ apiKey: API_KEY });
    const v = new VisitorChat(app, kit, key);
    await v.start('How long does a refund take? Reach me at jane.doe@example.com');
    ticketId = (await chatOf(v.id)).ticketId;
    const items = (await admin.get(`/api/v1/tickets/${ticketId}/messages`)).json().items as Array<{ id: string; authorKind: string }>;
    messageId = items.find((m) => m.authorKind === 'customer')?.id ?? '';
  });

  it('drafts a reply with citations for an agent, and the best passage offline', async () => {
    const agent = (await signedIn(app, ws.id, 'agent')).client;
    const res = await agent.post(`/api/v1/tickets/${ticketId}/assistant/draft-reply`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'model', fallbackReason: null, citations: [{ title: 'Refunds' }] });
    expect(res.json().text).toMatch(/5 to 7 business days \[1\]\.\n\n\[1\] Refunds: http.+\/hc\/en\/articles\//);

    await save({ enabled: false });
    const offline = await agent.post(`/api/v1/tickets/${ticketId}/assistant/draft-reply`);
    expect(offline.json()).toMatchObject({ source: 'offline', fallbackReason: 'not_configured', citations: [{ title: 'Refunds' }] });
    expect(offline.json().text).toContain('Refunds reach your card within 5 to 7 business days.');
    await save({ enabled: true });
  });

  it('translates a message with personal data masked on the way out and restored for the agent', async () => {
    const before = requests.length;
    const agent = (await signedIn(app, ws.id, 'agent')).client;
    const res = await agent.post(`/api/v1/tickets/${ticketId}/assistant/translate`, { messageId, targetLocale: 'zh-CN' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      messageId,
      targetLocale: 'zh-CN',
      text: 'TRANSLATED How long does a refund take? Reach me at jane.doe@example.com',
    });
    const sent = requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.raw).not.toContain('jane.doe@example.com');
    expect(sent[0]?.user).toContain('Reach me at [EMAIL_1]');
    expect(sent[0]?.system).toMatch(/Simplified Chinese/);
  });

  it('answers 409 for translation without a provider, and keeps both routes to staff of this workspace', async () => {
    const agent = (await signedIn(app, ws.id, 'agent')).client;
    await save({ enabled: false });
    const off = await agent.post(`/api/v1/tickets/${ticketId}/assistant/translate`, { messageId, targetLocale: 'en' });
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe('assistant.provider_unavailable');
    await save({ enabled: true });

    const bad = await agent.post(`/api/v1/tickets/${ticketId}/assistant/translate`, { messageId, targetLocale: 'not a tag!' });
    expect(bad.json()).toMatchObject({ code: 'validation.failed', errors: [{ path: 'targetLocale' }] });
    const customer = (await signedIn(app, ws.id, 'customer')).client;
    expect((await customer.post(`/api/v1/tickets/${ticketId}/assistant/draft-reply`)).statusCode).toBe(403);
    expect((await customer.post(`/api/v1/tickets/${ticketId}/assistant/translate`, { messageId, targetLocale: 'en' })).statusCode).toBe(
      403,
    );

    const other = await kit.workspace();
    const otherAgent = (await signedIn(app, other.ws.id, 'agent')).client;
    const draft = await otherAgent.post(`/api/v1/tickets/${ticketId}/assistant/draft-reply`);
    expect(draft.statusCode).toBe(404);
    expect(draft.json().code).toBe('ticket.not_found');
    const tr = await other.admin.client.post(`/api/v1/tickets/${ticketId}/assistant/translate`, { messageId, targetLocale: 'en' });
    expect(tr.statusCode).toBe(404);
    // Another workspace's admin sees neither this provider nor its calls.
    expect((await other.admin.client.get('/api/v1/assistant/provider')).json()).toMatchObject({ configured: false });
    expect((await other.admin.client.get('/api/v1/assistant/provider/calls')).json().items).toEqual([]);
  });
});
