import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { ChatKit } from '../chat/chat-test-kit.js';
import { publishArticle, VisitorChat } from './assistant-test-kit.js';

let app: TestApp;
let kit: ChatKit;
let ws: { id: string };
let admin: Client;
let key: string;
const articles: Record<string, { id: string; slug: string }> = {};

const REFUNDS = `<h2>Request a refund</h2><p>Open Orders, choose the order and click Request refund.</p>
<h2>How long does a refund take?</h2><p>Refunds reach your card within 5 to 7 business days.</p>`;
const SHIPPING = `<h2>How long does delivery take?</h2><p>Standard delivery takes 3 to 5 days and express delivery takes one day.</p>
<h2>Track a parcel</h2><p>Use the tracking link in your shipping email to follow your parcel.</p>`;
const PASSWORD = '<p>To reset your password, click Forgot password on the sign-in page and follow the link in the email.</p>';
const ZH_REFUNDS =
  '<h2>申请退款</h2><p>打开订单页面，选择订单并点击申请退款。</p><h2>退款需要多久？</h2><p>退款将在5到7个工作日内退回您的银行卡。</p>';

beforeAll(async () => {
  app = await startApp();
  kit = new ChatKit(app);
  const w = await kit.workspace();
  ws = w.ws;
  admin = w.admin.client;
  key = w.key;
  articles.refunds = await publishArticle(app, admin, 'en', 'Refunds', REFUNDS);
  articles.shipping = await publishArticle(app, admin, 'en', 'Shipping and delivery', SHIPPING);
  articles.password = await publishArticle(app, admin, 'en', 'Reset your password', PASSWORD);
  articles.zhRefunds = await publishArticle(app, admin, 'zh-CN', '退款', ZH_REFUNDS);
});
afterAll(async () => app?.close());

const chatOf = async (id: string) => (await admin.get(`/api/v1/chats/${id}`)).json() as { state: string; ticketId: string };
const notesOf = async (client: Client, ticketId: string) =>
  (
    (await client.get(`/api/v1/tickets/${ticketId}/messages`)).json().items as Array<{ kind: string; authorKind: string; bodyText: string }>
  ).filter((m) => m.kind === 'note');

describe('assistant answers from the knowledge base', () => {
  it('quotes the best English passage with the article link and asks whether it helped', async () => {
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How do I reset my password?');
    expect(started.session.state).toBe('bot');
    const bot = started.messages.find((m) => m.author.kind === 'bot');
    expect(bot?.text).toContain('To reset your password, click Forgot password on the sign-in page and follow the link in the email.');
    expect(bot?.text).toContain(`/hc/en/articles/${articles.password?.id}-${articles.password?.slug}`);
    expect(bot?.quickReplies).toEqual(['Yes, that helped', 'No, I need more help']);
    const thanks = await v.say('Yes, that helped');
    expect(thanks.text).toMatch(/Glad I could help/);
  });

  it('answers in Chinese from the Chinese article', async () => {
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('如何申请退款？', 'zh-CN');
    const bot = started.messages.find((m) => m.author.kind === 'bot');
    expect(bot?.text).toContain('打开订单页面，选择订单并点击申请退款。');
    expect(bot?.text).toContain(`/hc/zh-CN/articles/${articles.zhRefunds?.id}-`);
    expect(bot?.quickReplies).toEqual(['有帮助', '没有，我需要更多帮助']);
  });

  it('answers a follow-up together with the previous question', async () => {
    // Alone, the follow-up matches refunds and deliveries equally: it is not answered.
    const alone = await admin.post('/api/v1/assistant/try', { text: 'and how long does it take?' });
    expect(alone.statusCode, alone.body).toBe(200);
    expect(alone.json().action).not.toBe('answer');

    const v = new VisitorChat(app, kit, key);
    const started = await v.start('How do I request a refund?');
    expect(started.messages.find((m) => m.author.kind === 'bot')?.text).toContain(
      'Open Orders, choose the order and click Request refund.',
    );
    const followUp = await v.say('and how long does it take?');
    expect(followUp.text).toContain('Refunds reach your card within 5 to 7 business days.');
    expect(followUp.text).not.toContain('delivery');
  });

  it('sees a newly published article on the next question', async () => {
    const v = new VisitorChat(app, kit, key);
    const before = await v.start('Can I pay with a gift card?');
    expect(before.messages.find((m) => m.author.kind === 'bot')?.text).not.toContain('Gift cards can pay');
    const gift = await publishArticle(
      app,
      admin,
      'en',
      'Gift cards',
      '<p>Gift cards can pay for any order; enter the code at checkout.</p>',
    );
    const after = await v.say('Can I pay with a gift card?');
    expect(after.text).toContain('Gift cards can pay for any order; enter the code at checkout.');
    expect(after.text).toContain(gift.id);
  });
});

describe('assistant hands off to humans', () => {
  it('hands off on "I want a real person" and pins a briefing note for the agent', async () => {
    const agent = await kit.agent(ws.id);
    const v = new VisitorChat(app, kit, key);
    await v.start('My parcel arrived damaged and I want a refund to my card.');
    const bye = await v.say('I want a real person');
    expect(bye.text).toMatch(/connecting you with a member of our team/);
    const chat = await waitFor(async () => {
      const c = await chatOf(v.id);
      return c.state !== 'bot' ? c : null;
    });
    const notes = await notesOf(agent.client, chat.ticketId);
    const briefing = notes.find((n) => n.bodyText.startsWith('Assistant handed this chat'));
    expect(briefing?.authorKind).toBe('bot');
    expect(briefing?.bodyText).toContain('visitor asked for a person ("real person")');
    expect(briefing?.bodyText).toContain('Language: en');
    expect(briefing?.bodyText).toContain('Intent: KB topic: Refunds');
    expect(briefing?.bodyText).toMatch(/Sentiment: (negative|neutral|positive)/);
    expect(briefing?.bodyText).toContain('Summary:\n- My parcel arrived damaged and I want a refund to my card.');
    expect(briefing?.bodyText).toContain('Visitor: My parcel arrived damaged and I want a refund to my card.');
    expect(briefing?.bodyText).toContain('Visitor: I want a real person');
    expect(briefing?.bodyText).toMatch(/\nBot: .+\nVisitor: I want a real person\n/);
    expect(briefing?.bodyText).not.toContain('- I want a real person');
  });

  it('hands off on 转人工 with the Chinese template', async () => {
    const v = new VisitorChat(app, kit, key);
    await v.start('如何申请退款？', 'zh-CN');
    const bye = await v.say('转人工');
    expect(bye.text).toContain('正在为您转接人工客服');
    const chat = await waitFor(async () => {
      const c = await chatOf(v.id);
      return c.state !== 'bot' ? c : null;
    });
    const briefing = (await notesOf(admin, chat.ticketId)).find((n) => n.bodyText.startsWith('Assistant handed'));
    expect(briefing?.bodyText).toContain('Language: zh');
    expect(briefing?.bodyText).toContain('Intent: KB topic: 退款');
  });

  it('asks to rephrase once, then hands off after two turns without an answer', async () => {
    const v = new VisitorChat(app, kit, key);
    const started = await v.start('xyzzy plugh frobnicate');
    expect(started.messages.find((m) => m.author.kind === 'bot')?.text).toMatch(/Could you describe it in other words/);
    expect(started.session.state).toBe('bot');
    await v.say('quux wibble zorp');
    const chat = await waitFor(async () => {
      const c = await chatOf(v.id);
      return c.state !== 'bot' ? c : null;
    });
    const decisions = (await admin.get(`/api/v1/assistant/decisions?ticketId=${chat.ticketId}`)).json().items;
    expect(decisions.map((d: { action: string }) => d.action)).toEqual(['rephrase', 'handoff']);
    expect(decisions[1].reason).toMatch(/^2 turns without an answer/);
  });
});
