import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp, waitFor } from '../../../test/harness.js';
import { ChatKit } from '../../chat/chat-test-kit.js';
import { publishArticle, VisitorChat } from '../assistant-test-kit.js';

/**
 * Admin intents through HTTP: CRUD with its bad paths, and the chat seat labelling each visitor
 * turn with the workspace's classifier (decision log, handoff rule of kind `intent`, handoff note).
 */

let app: TestApp;
let kit: ChatKit;
let admin: Client;
let key: string;
let wsId: string;

const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.statusCode === 204 ? null : res.json();
};
const codeOf = (res: LightMyRequestResponse) => [res.statusCode, (res.json() as { code: string }).code];

const INTENTS = [
  {
    name: 'refund_request',
    description: 'Customers who want their money back',
    examples: {
      en: ['I want my money back', 'Refund my purchase', 'How do I get a refund', 'Return the item for a refund', 'Cancel and refund'],
      'zh-CN': ['我要退款', '怎么申请退款', '退货退款', '钱什么时候退回来'],
    },
  },
  {
    name: 'order_status',
    examples: {
      en: ['Where is my order', 'Track my package', 'When will my parcel arrive', 'My delivery is late', 'Order tracking number'],
      'zh-CN': ['我的订单到哪了', '查询物流', '包裹什么时候到', '快递还没到'],
    },
  },
  {
    name: 'password_help',
    examples: {
      en: ['I forgot my password', 'Reset my password', 'Cannot log in to my account', 'Password reset link does not work'],
      'zh-CN': ['忘记密码', '重置密码', '登录不了账号'],
    },
  },
];

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
  const w = await kit.workspace();
  admin = w.admin.client;
  key = w.key;
  wsId = w.ws.id;
  await publishArticle(app, admin, 'en', 'Shipping times', '<p>Parcels within the country arrive in two to four business days.</p>');
}, 300_000);
afterAll(async () => app?.close());

const chatOf = async (id: string) => (await admin.get(`/api/v1/chats/${id}`)).json() as { state: string; ticketId: string };
type Decision = { inputText: string; intent: { name: string | null; confidence: number } | null };
const decisionsOf = async (ticketId: string) => ok(await admin.get(`/api/v1/assistant/decisions?ticketId=${ticketId}`)).items as Decision[];

describe('intents CRUD', { timeout: 180_000 }, () => {
  it('creates, lists, reads, replaces and deletes intents', async () => {
    const created = ok(await admin.post('/api/v1/assistant/intents', { name: 'temp_intent', examples: { en: ['hello there'] } }), 201);
    expect(created).toMatchObject({ name: 'temp_intent', description: '', enabled: true, examples: { en: ['hello there'], 'zh-CN': [] } });
    expect(ok(await admin.get(`/api/v1/assistant/intents/${created.id}`)).name).toBe('temp_intent');
    const list = ok(await admin.get('/api/v1/assistant/intents'));
    expect(list).toMatchObject({ classifierReady: false });
    expect(list.items.map((i: { name: string }) => i.name)).toContain('temp_intent');
    const put = ok(
      await admin.request('PUT', `/api/v1/assistant/intents/${created.id}`, {
        name: 'temp_renamed',
        description: 'x',
        examples: { 'zh-CN': ['你好'] },
        enabled: false,
      }),
    );
    expect(put).toMatchObject({ name: 'temp_renamed', enabled: false, examples: { en: [], 'zh-CN': ['你好'] } });
    ok(await admin.delete(`/api/v1/assistant/intents/${created.id}`), 204);
    expect(codeOf(await admin.get(`/api/v1/assistant/intents/${created.id}`))).toEqual([404, 'assistant_intent.not_found']);
    expect(codeOf(await admin.delete(`/api/v1/assistant/intents/${created.id}`))).toEqual([404, 'assistant_intent.not_found']);
  });

  it('refuses bad input (400), duplicate names (409), non-admins (403) and other workspaces (404)', async () => {
    const bad = [
      { name: 'Has Spaces', examples: { en: ['x'] } },
      { name: 'no_examples', examples: { en: [], 'zh-CN': [] } },
      { name: 'empty_phrase', examples: { en: ['  '] } },
      { examples: { en: ['x'] } },
    ];
    for (const body of bad) expect((await admin.post('/api/v1/assistant/intents', body)).statusCode).toBe(400);
    const first = ok(await admin.post('/api/v1/assistant/intents', { name: 'dup_name', examples: { en: ['one'] } }), 201);
    expect(codeOf(await admin.post('/api/v1/assistant/intents', { name: 'dup_name', examples: { en: ['two'] } }))).toEqual([
      409,
      'assistant_intent.name_taken',
    ]);
    const second = ok(await admin.post('/api/v1/assistant/intents', { name: 'dup_other', examples: { en: ['two'] } }), 201);
    expect(
      codeOf(await admin.request('PUT', `/api/v1/assistant/intents/${second.id}`, { name: 'dup_name', examples: { en: ['two'] } })),
    ).toEqual([409, 'assistant_intent.name_taken']);

    const agent = (await signedIn(app, wsId, 'agent')).client;
    expect(codeOf(await agent.get('/api/v1/assistant/intents'))).toEqual([403, 'auth.forbidden']);
    expect(codeOf(await agent.post('/api/v1/assistant/intents', { name: 'nope', examples: { en: ['x'] } }))).toEqual([
      403,
      'auth.forbidden',
    ]);

    const other = await createWorkspace(app);
    const stranger = (await signedIn(app, other.id, 'admin')).client;
    expect(codeOf(await stranger.get(`/api/v1/assistant/intents/${first.id}`))).toEqual([404, 'assistant_intent.not_found']);
    expect(
      codeOf(await stranger.request('PUT', `/api/v1/assistant/intents/${first.id}`, { name: 'taken_over', examples: { en: ['x'] } })),
    ).toEqual([404, 'assistant_intent.not_found']);
    expect(codeOf(await stranger.delete(`/api/v1/assistant/intents/${first.id}`))).toEqual([404, 'assistant_intent.not_found']);
    expect(ok(await stranger.get('/api/v1/assistant/intents')).items).toEqual([]);
    ok(await admin.delete(`/api/v1/assistant/intents/${first.id}`), 204);
    ok(await admin.delete(`/api/v1/assistant/intents/${second.id}`), 204);
  });
});

describe('the chat seat labels turns with the admin intents', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    for (const body of INTENTS) ok(await admin.post('/api/v1/assistant/intents', body), 201);
    expect(ok(await admin.get('/api/v1/assistant/intents')).classifierReady).toBe(true);
  });

  it('logs the intent of each visitor turn (English and Chinese), out of scope as null', async () => {
    const v = new VisitorChat(app, kit, key);
    await v.start('How long do parcels take to arrive in the country?');
    await v.say('我想申请退款');
    await v.say('The weather in Paris is lovely');
    const { ticketId } = await chatOf(v.id);
    const decisions = await waitFor(async () => {
      const d = await decisionsOf(ticketId);
      return d.length >= 3 ? d : null;
    });
    const byText = (text: string) => decisions.find((d) => d.inputText === text)?.intent;
    expect(byText('How long do parcels take to arrive in the country?')?.name).toBe('order_status');
    expect(byText('我想申请退款')?.name).toBe('refund_request');
    expect(byText('The weather in Paris is lovely')).toMatchObject({ name: null });
  });

  it('a handoff rule of kind intent fires on the admin intent, and the note names it', async () => {
    const rule = ok(
      await admin.post('/api/v1/assistant/handoff-rules', {
        name: 'Refunds go to people',
        position: 5,
        condition: { kind: 'intent', intents: ['refund_request'] },
        teamId: null,
      }),
      201,
    );
    const v = new VisitorChat(app, kit, key);
    await v.start('Hi, I need my money back for this purchase');
    const chat = await waitFor(async () => ((await chatOf(v.id)).state !== 'bot' ? chatOf(v.id) : null));
    const note = await waitFor(async () =>
      ((await admin.get(`/api/v1/tickets/${chat.ticketId}/messages`)).json().items as Array<{ kind: string; bodyText: string }>).find(
        (m) => m.kind === 'note' && m.bodyText.startsWith('Assistant handed'),
      ),
    );
    expect(note.bodyText).toContain('intent "refund_request" (rule "Refunds go to people")');
    expect(note.bodyText).toMatch(/Intent: refund_request/);
    ok(await admin.delete(`/api/v1/assistant/handoff-rules/${rule.id}`), 204);
  });

  it('starts a flow whose trigger names the admin intent, even when none of its own phrases match', async () => {
    const flow = ok(
      await admin.post('/api/v1/assistant/flows', {
        name: 'Order help',
        trigger: { intent: { name: 'order_status', examples: ['qqzx nothing like this'] } },
        start: 'done',
        steps: [{ id: 'done', type: 'answer', text: 'Let me look up your order.' }],
      }),
      201,
    );
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('My delivery is late, when does the parcel arrive?');
    const bot =
      started.messages.find((m) => m.author.kind === 'bot') ??
      (await waitFor(async () => (await v.messages()).find((m) => m.author.kind === 'bot')));
    expect(bot.text).toBe('Let me look up your order.');
    ok(await admin.delete(`/api/v1/assistant/flows/${flow.id}`), 204);
  });

  it('retrains when the intents change: a disabled intent is no longer given', async () => {
    const list = ok(await admin.get('/api/v1/assistant/intents')).items as Array<{ id: string; name: string }>;
    const refund = list.find((i) => i.name === 'refund_request') as { id: string };
    ok(await admin.request('PUT', `/api/v1/assistant/intents/${refund.id}`, { ...INTENTS[0], enabled: false }));
    const v = new VisitorChat(app, kit, key);
    await v.start('I want my money back');
    const { ticketId } = await chatOf(v.id);
    const [d] = await waitFor(async () => {
      const items = await decisionsOf(ticketId);
      return items.length ? items : null;
    });
    expect(d?.intent?.name).not.toBe('refund_request');
  });
});
