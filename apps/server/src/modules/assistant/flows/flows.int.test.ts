import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startApp, type TestApp, waitFor } from '../../../test/harness.js';
import { ChatKit } from '../../chat/chat-test-kit.js';
import { publishArticle, VisitorChat } from '../assistant-test-kit.js';
import { orderFlow, startActionServer } from './flows-test-kit.js';

let app: TestApp;
let kit: ChatKit;
let admin: Client;
let key: string;
let action: Awaited<ReturnType<typeof startActionServer>>;

const SHIPPING = '<h2>How long does delivery take?</h2><p>Standard delivery takes 3 to 5 days and express delivery takes one day.</p>';

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
  action = await startActionServer();
  const w = await kit.workspace();
  admin = w.admin.client;
  key = w.key;
  await publishArticle(app, admin, 'en', 'Shipping and delivery', SHIPPING);
  const allow = await admin.request('PUT', '/api/v1/assistant/flow-settings', { actionAllowHosts: ['127.0.0.1'] });
  expect(allow.statusCode, allow.body).toBe(200);
  const created = await admin.post('/api/v1/assistant/flows', orderFlow(action.base));
  expect(created.statusCode, created.body).toBe(201);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await action?.close();
});

const botText = (m: { messages: Array<{ author: { kind: string }; text: string }> }) =>
  m.messages.find((x) => x.author.kind === 'bot')?.text;
const chatOf = async (id: string) => (await admin.get(`/api/v1/chats/${id}`)).json() as { state: string; ticketId: string };
const handedOff = (id: string) => waitFor(async () => ((await chatOf(id)).state !== 'bot' ? chatOf(id) : null));
const notes = async (ticketId: string) =>
  ((await admin.get(`/api/v1/tickets/${ticketId}/messages`)).json().items as Array<{ kind: string; bodyText: string }>).filter(
    (m) => m.kind === 'note',
  );

describe('a two-slot flow against the workspace action', { timeout: 180_000 }, () => {
  it('asks for both slots, calls the action with them and answers from the result', async () => {
    const v = new VisitorChat(app, kit, key);
    expect(botText(await v.start('Where is my order?'))).toBe('What is the email address on the order?');
    expect((await v.say('It is Jane@Example.com')).text).toBe('And the order number (5 digits)?');
    const before = action.calls.length;
    expect((await v.say('order 12345 please')).text).toBe('Order 12345 shipped on 2026-11-20.');
    const call = action.calls.slice(before).find((c) => c.url.startsWith('/orders/'));
    expect(call).toMatchObject({ method: 'POST', url: '/orders/12345?email=jane%40example.com' });
    expect(call?.headers['x-api-key']).toBe('secret-key');
    expect(JSON.parse(call?.body ?? '{}')).toEqual({ email: 'jane@example.com', order: '12345' });
    expect((await chatOf(v.id)).state).toBe('bot');
  });

  it('re-asks a slot whose answer does not validate', async () => {
    const v = new VisitorChat(app, kit, key);
    expect(botText(await v.start('order status'))).toBe('What is the email address on the order?');
    const again = await v.say('I am not sure');
    expect(again.text).toBe('That does not look like an email address.\nWhat is the email address on the order?');
    expect((await v.say('jane@example.com')).text).toBe('And the order number (5 digits)?');
  });

  it('pauses for another topic and resumes with the collected slots', async () => {
    const v = new VisitorChat(app, kit, key);
    await v.start('Where is my order?');
    await v.say('jane@example.com');
    const other = await v.say('How long does delivery take?');
    expect(other.text).toContain('Standard delivery takes 3 to 5 days');
    const back = await v.say('back to my order');
    expect(back.text).toBe("Let's continue where we left off.\nAnd the order number (5 digits)?");
    const before = action.calls.length;
    expect((await v.say('12345')).text).toBe('Order 12345 shipped on 2026-11-20.');
    expect(JSON.parse(action.calls.slice(before).at(-1)?.body ?? '{}')).toMatchObject({ email: 'jane@example.com' });
  });

  it('opens a ticket when the action finds no such order', async () => {
    const v = new VisitorChat(app, kit, key);
    await v.start('order status');
    await v.say('jane@example.com');
    expect((await v.say('54321')).text).toBe('I could not find order 54321, so I opened a ticket for our team.');
    const { ticketId } = await chatOf(v.id);
    const ticket = (await admin.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(ticket.subject).toBe('Order 54321 not found');
    expect(
      (await notes(ticketId)).some((n) => n.bodyText.includes('- order: 54321') && n.bodyText.includes('- email: jane@example.com')),
    ).toBe(true);
  });
});

describe('action failures and SSRF protection', { timeout: 180_000 }, () => {
  const flow = (name: string, keyword: string, steps: unknown[]) =>
    admin.post('/api/v1/assistant/flows', {
      name,
      trigger: { keywords: [keyword] },
      start: steps.length ? (steps[0] as { id: string }).id : 'x',
      steps,
    });
  const refusal = (id: string, url: string, next?: string) => [
    { id, type: 'action', method: 'GET', url, next: `${id}-ok`, onError: `${id}-no` },
    { id: `${id}-ok`, type: 'answer', text: `${id} reached`, ...(next ? { next } : {}) },
    { id: `${id}-no`, type: 'answer', text: `${id} refused: {{result.body.error}}`, ...(next ? { next } : {}) },
  ];

  it('hands off with the reason when the action times out', async () => {
    const res = await flow('Slow check', 'slow check', [
      { id: 'call', type: 'action', method: 'GET', url: `${action.base}/slow`, timeoutMs: 300, next: 'done' },
      { id: 'done', type: 'answer', text: 'done' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('please run the slow check');
    expect(botText(started)).toMatch(/connecting you with a member of our team/);
    const chat = await handedOff(v.id);
    const briefing = (await notes(chat.ticketId)).find((n) => n.bodyText.startsWith('Assistant handed'));
    expect(briefing?.bodyText).toContain('flow "Slow check": action "call" failed: No answer within 300 ms');
  });

  it('refuses private, loopback and metadata addresses that are not allow-listed, and redirects to them', async () => {
    const res = await flow('Probe', 'probe now', [
      ...refusal('private', 'https://10.0.0.1/x', 'loopback'),
      ...refusal('loopback', 'https://localhost/x', 'metadata'),
      ...refusal('metadata', 'https://169.254.169.254/latest/meta-data', 'mapped'),
      ...refusal('mapped', 'https://[::ffff:127.0.0.1]/x', 'plain'),
      ...refusal('plain', 'http://example.com/x', 'redirect'),
      ...refusal('redirect', `${action.base}/redirect?to=http://169.254.169.254/latest/meta-data`),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const before = action.calls.length;
    const v = new VisitorChat(app, kit, key);
    expect(botText(await v.start('probe now'))).toBe(
      [
        'private refused: address',
        'loopback refused: address',
        'metadata refused: address',
        'mapped refused: address',
        'plain refused: scheme',
        'redirect refused: redirect',
      ].join('\n\n'),
    );
    // Only the allow-listed endpoint was reached (once, for the redirect); nothing followed it.
    expect(action.calls.slice(before).map((c) => c.url)).toEqual(['/redirect?to=http://169.254.169.254/latest/meta-data']);
  });

  it('refuses the local endpoint once it is off the allow-list', async () => {
    const other = await kit.workspace();
    await publishArticle(app, other.admin.client, 'en', 'Shipping and delivery', SHIPPING);
    expect((await other.admin.client.post('/api/v1/assistant/flows', orderFlow(action.base))).statusCode).toBe(201);
    const v = new VisitorChat(app, kit, other.key);
    await v.start('order status');
    await v.say('jane@example.com');
    const bye = await v.say('12345');
    expect(bye.text).toMatch(/connecting you/);
    const { ticketId } = (await other.admin.client.get(`/api/v1/chats/${v.id}`)).json();
    const briefing = (
      (await other.admin.client.get(`/api/v1/tickets/${ticketId}/messages`)).json().items as Array<{ kind: string; bodyText: string }>
    ).find((m) => m.kind === 'note' && m.bodyText.startsWith('Assistant handed'));
    expect(briefing?.bodyText).toContain('Only https URLs may be called');
  });
});
