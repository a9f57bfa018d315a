import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startApp, type TestApp, waitFor } from '../../../test/harness.js';
import { ChatKit } from '../../chat/chat-test-kit.js';
import { publishArticle, VisitorChat } from '../assistant-test-kit.js';
import { orderFlow } from './flows-test-kit.js';

let app: TestApp;
let kit: ChatKit;
let admin: Client;
let key: string;
let teamId: string;

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
  const w = await kit.workspace();
  admin = w.admin.client;
  key = w.key;
  await publishArticle(
    app,
    admin,
    'en',
    'Reset your password',
    '<p>To reset your password, click Forgot password on the sign-in page.</p>',
  );
  const team = await admin.post('/api/v1/teams', { name: 'VIP desk' });
  expect(team.statusCode, team.body).toBe(201);
  teamId = team.json().id;
}, 300_000);
afterAll(async () => app?.close());

const chatOf = async (id: string) =>
  (await admin.get(`/api/v1/chats/${id}`)).json() as { state: string; ticketId: string; teamId: string | null };
const handedOff = (id: string) => waitFor(async () => ((await chatOf(id)).state !== 'bot' ? chatOf(id) : null));
const briefing = async (ticketId: string) =>
  ((await admin.get(`/api/v1/tickets/${ticketId}/messages`)).json().items as Array<{ kind: string; bodyText: string }>).find(
    (m) => m.kind === 'note' && m.bodyText.startsWith('Assistant handed'),
  )?.bodyText ?? '';
type Rule = { id: string; name: string; condition: { kind: string } };
const rules = async () => (await admin.get('/api/v1/assistant/handoff-rules')).json().items as Rule[];
const ruleOf = async (kind: string) => (await rules()).find((r) => r.condition.kind === kind) as Rule;

describe('handoff rules', { timeout: 180_000 }, () => {
  it('starts with the default rule set, as editable rows', async () => {
    const items = await rules();
    expect(items.map((r) => r.condition.kind)).toEqual(['human_request', 'sentiment', 'sentiment', 'failed_turns']);
    expect(await rules()).toHaveLength(4);
  });

  it('an explicit request for a person fires the first rule, named in the pinned note', async () => {
    const v = new VisitorChat(app, kit, key);
    await v.start('How do I reset my password?');
    expect((await v.say('I want a real person')).text).toMatch(/connecting you/);
    const chat = await handedOff(v.id);
    const note = await briefing(chat.ticketId);
    expect(note).toContain('visitor asked for a person ("real person") (rule "Asks for a person")');
    expect(note).toContain('Rule: Asks for a person');
  });

  it('frustration fires the sentiment rule', async () => {
    const v = new VisitorChat(app, kit, key);
    await v.start('I asked three times');
    await v.say('I ASKED THREE TIMES!!! THIS IS USELESS!!!');
    const chat = await handedOff(v.id);
    expect(await briefing(chat.ticketId)).toContain('Rule: Frustrated');
  });

  it('failed turns fire after the count the rule sets', async () => {
    const rule = await ruleOf('failed_turns');
    const put = await admin.request('PUT', `/api/v1/assistant/handoff-rules/${rule.id}`, {
      name: 'One miss',
      position: 40,
      condition: { kind: 'failed_turns', count: 1 },
      teamId: null,
    });
    expect(put.statusCode, put.body).toBe(200);
    const v = new VisitorChat(app, kit, key);
    await v.start('xyzzy plugh frobnicate');
    const chat = await handedOff(v.id);
    const decisions = (await admin.get(`/api/v1/assistant/decisions?ticketId=${chat.ticketId}`)).json().items;
    expect(decisions).toMatchObject([
      { action: 'handoff', reason: expect.stringMatching(/^1 turns without an answer .*\(rule "One miss"\)$/) },
    ]);
    const restored = await admin.request('PUT', `/api/v1/assistant/handoff-rules/${rule.id}`, {
      name: 'Turns without an answer',
      position: 40,
      condition: { kind: 'failed_turns', count: null },
      teamId: null,
    });
    expect(restored.statusCode, restored.body).toBe(200);
  });

  it('a chosen intent routes to its team queue', async () => {
    expect((await admin.post('/api/v1/assistant/flows', orderFlow('https://orders.example.com'))).statusCode).toBe(201);
    const res = await admin.post('/api/v1/assistant/handoff-rules', {
      name: 'Orders go to people',
      position: 5,
      condition: { kind: 'intent', intents: ['order_status'] },
      teamId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('Where is my order?');
    expect(started.messages.find((m) => m.author.kind === 'bot')?.text).toMatch(/connecting you/);
    const chat = await handedOff(v.id);
    expect(chat.teamId).toBe(teamId);
    expect(await briefing(chat.ticketId)).toContain('intent "order_status" (rule "Orders go to people")');
    expect((await admin.request('DELETE', `/api/v1/assistant/handoff-rules/${res.json().id}`)).statusCode).toBe(204);
  });

  it('customers of a VIP organization go to the VIP team', async () => {
    const org = await admin.post('/api/v1/organizations', { name: 'Big Customer' });
    expect(org.statusCode, org.body).toBe(201);
    const rule = await admin.post('/api/v1/assistant/handoff-rules', {
      name: 'VIP',
      position: 1,
      condition: { kind: 'organization', organizationIds: [org.json().id] },
      teamId,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How do I reset my password?');
    expect(started.messages.find((m) => m.author.kind === 'bot')?.text).toContain('To reset your password');
    const { ticketId } = await chatOf(v.id);
    const requester = (await admin.get(`/api/v1/tickets/${ticketId}`)).json().requester.id;
    const moved = await admin.request('PUT', `/api/v1/users/${requester}/organization`, { organizationId: org.json().id });
    expect(moved.statusCode, moved.body).toBe(200);
    await v.say('And how do I change my email?');
    const chat = await handedOff(v.id);
    expect(chat.teamId).toBe(teamId);
    expect(await briefing(chat.ticketId)).toContain('VIP organization (rule "VIP")');
    await admin.request('DELETE', `/api/v1/assistant/handoff-rules/${rule.json().id}`);
  });
});

describe('Q&A pairs', { timeout: 180_000 }, () => {
  it('answers directly with the admin-written answer when a question variant matches', async () => {
    const qa = await admin.post('/api/v1/assistant/qa', {
      locale: 'en',
      questions: ['What are your opening hours?', 'When are you open?'],
      answer: 'We are open Monday to Friday, 9:00 to 17:00.',
    });
    expect(qa.statusCode, qa.body).toBe(201);
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('when are you open');
    expect(started.messages.find((m) => m.author.kind === 'bot')?.text).toBe('We are open Monday to Friday, 9:00 to 17:00.');
    const { ticketId } = await chatOf(v.id);
    const decisions = (await admin.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`)).json().items;
    expect(decisions[0]).toMatchObject({ action: 'answer', reason: expect.stringContaining(`Q&A pair ${qa.json().id}`) });
    // Disabled pairs are not used.
    const off = await admin.request('PUT', `/api/v1/assistant/qa/${qa.json().id}`, {
      locale: 'en',
      questions: ['When are you open?'],
      answer: 'x',
      enabled: false,
    });
    expect(off.statusCode, off.body).toBe(200);
    const w = new VisitorChat(app, kit, key);
    expect((await w.start('when are you open')).messages.find((m) => m.author.kind === 'bot')?.text).not.toContain('We are open');
  });
});
