import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { publishArticle } from './assistant-test-kit.js';

/** The admin's "try it" dry run shows what a chat turn would do: intent, Q&A pair, flow, else the KB. */

let app: TestApp;
let admin: Client;

beforeAll(async () => {
  app = await startApp();
  admin = (await signedIn(app, (await createWorkspace(app)).id, 'admin')).client;
  await publishArticle(app, admin, 'en', 'Reset your password', '<p>Click Forgot password on the sign-in page.</p>');
  const intents = [
    {
      name: 'refund_request',
      examples: { en: ['I want my money back', 'Refund my purchase', 'How do I get a refund', 'Cancel and refund'] },
    },
    {
      name: 'order_status',
      examples: { en: ['Where is my order', 'Track my package', 'When will my parcel arrive', 'My delivery is late'] },
    },
  ];
  for (const body of intents) expect((await admin.post('/api/v1/assistant/intents', body)).statusCode).toBe(201);
  const qa = await admin.post('/api/v1/assistant/qa', {
    locale: 'en',
    questions: ['What are your opening hours?', 'When are you open?'],
    answer: 'We are open 9:00 to 17:00, Monday to Friday.',
  });
  expect(qa.statusCode, qa.body).toBe(201);
  const flow = await admin.post('/api/v1/assistant/flows', {
    name: 'Order lookup',
    trigger: { keywords: ['order status'] },
    start: 'order',
    steps: [
      { id: 'order', type: 'ask', slot: 'order', prompt: 'Which order number?', validate: { regex: '(\\d{5})' }, next: 'call' },
      { id: 'call', type: 'action', method: 'GET', url: 'https://orders.example.com/{{slots.order}}', next: 'done' },
      { id: 'done', type: 'answer', text: 'Found it.' },
    ],
  });
  expect(flow.statusCode, flow.body).toBe(201);
});
afterAll(async () => app?.close());

const tryIt = async (text: string) => {
  const res = await admin.post('/api/v1/assistant/try', { text, locale: 'en' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('try it', () => {
  it('shows the admin intent and the knowledge-base answer', async () => {
    const r = await tryIt('How do I reset my password?');
    expect(r).toMatchObject({ action: 'answer', qaPair: null, flow: null });
    expect(r.chosen.title).toBe('Reset your password');
    expect(r.intent).toHaveProperty('confidence');
    expect((await tryIt('I want my money back please')).intent?.name).toBe('refund_request');
  });

  it('answers from a Q&A pair before the knowledge base', async () => {
    const r = await tryIt('When are you open?');
    expect(r).toMatchObject({ action: 'answer', reply: 'We are open 9:00 to 17:00, Monday to Friday.', chosen: null, flow: null });
    expect(r.qaPair.score).toBeGreaterThan(0.5);
  });

  it('names the flow that would start, with its first question, without running it', async () => {
    const r = await tryIt('order status please');
    expect(r).toMatchObject({ action: 'clarify', reply: 'Which order number?', flow: { name: 'Order lookup' } });
    expect(r.reason).toContain('dry run');
  });
});
