import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../../test/harness.js';
import { orderFlow } from './flows-test-kit.js';

let app: TestApp;
let admin: Client;
let otherAdmin: Client;
let wsId: string;

beforeAll(async () => {
  app = await startApp();
  const ws = await createWorkspace(app);
  wsId = ws.id;
  admin = (await signedIn(app, ws.id, 'admin')).client;
  otherAdmin = (await signedIn(app, (await createWorkspace(app)).id, 'admin')).client;
}, 300_000);
afterAll(async () => app?.close());

describe('flows API', { timeout: 180_000 }, () => {
  it('creates, reads, replaces and deletes a flow', async () => {
    const created = await admin.post('/api/v1/assistant/flows', orderFlow('https://orders.example.com'));
    expect(created.statusCode, created.body).toBe(201);
    const flow = created.json();
    expect(flow).toMatchObject({ name: 'Order status', enabled: true, start: 'email' });
    const { timeoutMs: _t, ...call } = orderFlow('https://orders.example.com').steps[2] as Record<string, unknown>;
    const defaulted = await admin.post('/api/v1/assistant/flows', {
      ...orderFlow('https://orders.example.com'),
      name: 'Defaults',
      steps: orderFlow('https://orders.example.com').steps.map((s) => (s.id === 'call' ? call : s)),
    });
    expect(defaulted.json().steps.find((s: { id: string }) => s.id === 'call')).toMatchObject({ timeoutMs: 5000, method: 'POST' });
    expect((await admin.get('/api/v1/assistant/flows')).json().items.map((f: { id: string }) => f.id)).toContain(flow.id);
    const renamed = await admin.request('PUT', `/api/v1/assistant/flows/${flow.id}`, {
      ...orderFlow('https://orders.example.com'),
      name: 'Orders',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await admin.get(`/api/v1/assistant/flows/${flow.id}`)).json().name).toBe('Orders');
    expect((await admin.request('DELETE', `/api/v1/assistant/flows/${flow.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/assistant/flows/${flow.id}`)).json().code).toBe('assistant_flow.not_found');
  });

  it('refuses a step graph with a dangling step or no reachable end: 422 with the path', async () => {
    const base = orderFlow('https://orders.example.com');
    const dangling = { ...base, steps: base.steps.map((s) => (s.id === 'order' ? { ...s, next: 'nowhere' } : s)) };
    const res = await admin.post('/api/v1/assistant/flows', dangling);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'assistant_flow.invalid', errors: [{ path: 'steps.1.next', code: 'dangling_step' }] });
    const loop = {
      name: 'Loop',
      trigger: { keywords: ['loop'] },
      start: 'a',
      steps: [
        { id: 'a', type: 'ask', slot: 'x', prompt: 'x?', validate: { regex: '.+' }, next: 'b' },
        { id: 'b', type: 'answer', text: 'again', next: 'a' },
      ],
    };
    const noEnd = await admin.post('/api/v1/assistant/flows', loop);
    expect(noEnd.statusCode).toBe(422);
    expect(noEnd.json().errors).toEqual([expect.objectContaining({ path: 'steps', code: 'no_reachable_end' })]);
    const badStart = await admin.post('/api/v1/assistant/flows', { ...loop, start: 'zzz' });
    expect(badStart.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'start' })]));
    // Shape errors stay 400 (zod), before the graph is looked at.
    const shape = await admin.post('/api/v1/assistant/flows', { ...loop, steps: [{ id: 'a', type: 'teleport' }] });
    expect(shape.statusCode).toBe(400);
    expect((await admin.get('/api/v1/assistant/flows')).json().items.map((f: { name: string }) => f.name)).not.toContain('Loop');
  });

  it('keeps flows, Q&A, handoff rules and flow settings to admin.settings', async () => {
    for (const role of ['agent', 'supervisor', 'customer']) {
      const c = (await signedIn(app, wsId, role)).client;
      for (const url of [
        '/api/v1/assistant/flows',
        '/api/v1/assistant/qa',
        '/api/v1/assistant/handoff-rules',
        '/api/v1/assistant/flow-settings',
      ]) {
        const res = await c.get(url);
        expect(res.statusCode, `${role} ${url}`).toBe(403);
        expect(res.json().code).toBe('auth.forbidden');
      }
      expect((await c.post('/api/v1/assistant/flows', orderFlow('https://orders.example.com'))).statusCode).toBe(403);
    }
  });

  it("answers 404 for another workspace's flows, Q&A pairs and rules", async () => {
    const flow = (await admin.post('/api/v1/assistant/flows', orderFlow('https://orders.example.com'))).json();
    const qa = (await admin.post('/api/v1/assistant/qa', { locale: 'en', questions: ['hours?'], answer: '9-5' })).json();
    const rule = (await admin.get('/api/v1/assistant/handoff-rules')).json().items[0];
    const cases = [
      [`/api/v1/assistant/flows/${flow.id}`, 'assistant_flow.not_found', orderFlow('https://evil.example.com')],
      [`/api/v1/assistant/qa/${qa.id}`, 'assistant_qa.not_found', { locale: 'en', questions: ['x'], answer: 'hijacked' }],
      [
        `/api/v1/assistant/handoff-rules/${rule.id}`,
        'assistant_handoff_rule.not_found',
        { name: 'x', condition: { kind: 'failed_turns' } },
      ],
    ] as const;
    for (const [url, code, body] of cases) {
      for (const [method, b] of [
        ['GET', undefined],
        ['PUT', body],
        ['DELETE', undefined],
      ] as const) {
        const res = await otherAdmin.request(method, url, b);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json().code).toBe(code);
      }
    }
    expect((await otherAdmin.get('/api/v1/assistant/flows')).json().items).toEqual([]);
    expect((await admin.get(`/api/v1/assistant/qa/${qa.id}`)).json().answer).toBe('9-5');
  });
});

describe('Q&A and flow settings API', { timeout: 180_000 }, () => {
  it('validates Q&A pairs and round-trips them', async () => {
    expect((await admin.post('/api/v1/assistant/qa', { locale: 'fr', questions: ['x'], answer: 'y' })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/assistant/qa', { locale: 'en', questions: [], answer: 'y' })).statusCode).toBe(400);
    const qa = await admin.post('/api/v1/assistant/qa', { locale: 'zh-CN', questions: ['营业时间？'], answer: '周一至周五' });
    expect(qa.statusCode, qa.body).toBe(201);
    const put = await admin.request('PUT', `/api/v1/assistant/qa/${qa.json().id}`, {
      locale: 'zh-CN',
      questions: ['几点开门？'],
      answer: '九点',
      enabled: false,
    });
    expect(put.json()).toMatchObject({ questions: ['几点开门？'], answer: '九点', enabled: false });
    expect((await admin.request('DELETE', `/api/v1/assistant/qa/${qa.json().id}`)).statusCode).toBe(204);
    expect((await admin.request('DELETE', `/api/v1/assistant/qa/${qa.json().id}`)).statusCode).toBe(404);
  });

  it('stores the action host allow-list', async () => {
    expect((await admin.get('/api/v1/assistant/flow-settings')).json()).toEqual({ actionAllowHosts: [] });
    const put = await admin.request('PUT', '/api/v1/assistant/flow-settings', { actionAllowHosts: ['LocalHost', '[::1]'] });
    expect(put.json()).toEqual({ actionAllowHosts: ['localhost', '::1'] });
    expect((await otherAdmin.get('/api/v1/assistant/flow-settings')).json()).toEqual({ actionAllowHosts: [] });
  });

  it('validates handoff rules', async () => {
    const bad = await admin.post('/api/v1/assistant/handoff-rules', { name: 'x', condition: { kind: 'intent', intents: [] } });
    expect(bad.statusCode).toBe(400);
    const ok = await admin.post('/api/v1/assistant/handoff-rules', {
      name: 'Angry',
      condition: { kind: 'sentiment', frustration: 'medium' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      position: 100,
      enabled: true,
      teamId: null,
      condition: { kind: 'sentiment', frustration: 'medium', minNegative: null },
    });
  });
});
