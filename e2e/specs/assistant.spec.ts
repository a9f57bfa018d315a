import { type BrowserContext, expect, type FrameLocator, type Page, test } from '@playwright/test';
import { ADMIN } from '../playwright.config.js';
import { adminApi, archiveArticles, orderStatusFlow, publishArticle, publishWithTranslation, startOrderApi } from './assistant-helpers.js';
import {
  acceptOffer,
  agentChatView,
  createChannel,
  openShop,
  type Staff,
  setAvailability,
  staffPage,
  startShop,
  widget,
} from './chat-helpers.js';

/**
 * The chat assistant end to end (issue #7): on a shop on another origin, a visitor asks the
 * widget a question in English and gets the right knowledge-base passage, asks a follow-up that
 * only makes sense with the first question, checks an order through a two-slot flow whose action
 * calls a local order API, then gets frustrated and is handed to an agent, who accepts the chat
 * in the agent app and reads the transcript and the assistant's briefing (summary, intent,
 * sentiment) on the ticket. A second visitor asks in Chinese and gets the Chinese translation.
 */

const run = Date.now().toString(36);
const ADA: Staff = { ...ADMIN, name: 'Ada Admin' };
const VISITOR = `Jane Doe ${run}`;
const FLOW = `Order status ${run}`;

const REFUNDS = {
  title: 'Refunds',
  bodyHtml: `<h2>Request a refund</h2><p>Open Orders, choose the order and click Request refund.</p>
<h2>How long does a refund take?</h2><p>Refunds reach your card within 5 to 7 business days.</p>`,
};
const REFUNDS_ZH = {
  title: '退款',
  bodyHtml:
    '<h2>申请退款</h2><p>打开订单页面，选择订单并点击申请退款。</p><h2>退款需要多久？</h2><p>退款将在5到7个工作日内退回您的银行卡。</p>',
};
// Shares "how long does … take" with refunds: the follow-up alone could mean either article.
const SHIPPING = {
  title: 'Shipping and delivery',
  bodyHtml: `<h2>How long does delivery take?</h2><p>Standard delivery takes 3 to 5 days and express delivery takes one day.</p>
<h2>Track a parcel</h2><p>Use the tracking link in your shipping email to follow your parcel.</p>`,
};
const TITLES = [REFUNDS.title, REFUNDS_ZH.title, SHIPPING.title];

const HOW_TO = 'Open Orders, choose the order and click Request refund.';
const HOW_LONG = 'Refunds reach your card within 5 to 7 business days.';
const HOW_TO_ZH = '打开订单页面，选择订单并点击申请退款。';
const HANDOFF = 'I am connecting you with a member of our team. They will see this conversation, so you will not need to repeat yourself.';

interface Settings {
  enabled: boolean;
  answerThreshold: number;
  clarifyThreshold: number;
  maxFailedTurns: number;
  handoffKeywords: string[];
}

let adaContext: BrowserContext;
let ada: Page;
let shop: Awaited<ReturnType<typeof startShop>>;
let orders: Awaited<ReturnType<typeof startOrderApi>>;
let before: { settings: Settings; allowHosts: string[] } | null = null;
let flowId: string | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  ({ context: adaContext, page: ada } = await staffPage(browser, ADA));
  orders = await startOrderApi();
  shop = await startShop();
  // Leftovers of an interrupted run on a reused server would make the passages ambiguous.
  await archiveArticles(ada, TITLES);
  const {
    source: _s,
    updatedAt: _u,
    ...settings
  } = await adminApi<Settings & { source: string; updatedAt: string | null }>(ada, 'GET', '/api/v1/assistant/settings');
  const flowSettings = await adminApi<{ actionAllowHosts: string[] }>(ada, 'GET', '/api/v1/assistant/flow-settings');
  before = { settings, allowHosts: flowSettings.actionAllowHosts };

  await publishWithTranslation(ada, REFUNDS, REFUNDS_ZH);
  await publishArticle(ada, SHIPPING);
  await adminApi(ada, 'PUT', '/api/v1/assistant/settings', { ...settings, enabled: true });
  await adminApi(ada, 'PUT', '/api/v1/assistant/flow-settings', { actionAllowHosts: [...new Set([...before.allowHosts, '127.0.0.1'])] });
  flowId = (await adminApi<{ id: string }>(ada, 'POST', '/api/v1/assistant/flows', orderStatusFlow(FLOW, orders.base))).id;
  shop.key = await createChannel(ada, `Assistant shop ${run}`, shop.origin);
  // An agent on duty: the widget offers chat (not "leave a message") and the handoff reaches someone.
  await setAvailability(ada, 'online');
});

test.afterAll(async () => {
  // The demo workspace is shared with the other specs, which expect chats to go straight to agents.
  if (ada) {
    if (flowId) await adminApi(ada, 'DELETE', `/api/v1/assistant/flows/${flowId}`);
    if (before) {
      await adminApi(ada, 'PUT', '/api/v1/assistant/settings', before.settings);
      await adminApi(ada, 'PUT', '/api/v1/assistant/flow-settings', { actionAllowHosts: before.allowHosts });
    }
    await archiveArticles(ada, TITLES);
    await setAvailability(ada, 'offline');
  }
  await shop?.close();
  await orders?.close();
  await adaContext?.close();
});

/** The assistant's messages in the widget, oldest first. */
const botSays = (chat: FrameLocator) => chat.getByRole('log').locator('li.bot');

/** Sends a message from the widget and waits for the assistant's next reply; returns that reply. */
async function ask(chat: FrameLocator, text: string, label = 'Message') {
  const replies = botSays(chat);
  const n = await replies.count();
  await chat.getByLabel(label, { exact: true }).fill(text);
  await chat.getByLabel(label, { exact: true }).press('Enter');
  await expect(replies).toHaveCount(n + 1, { timeout: 30_000 });
  return replies.nth(n);
}

test('a visitor asking in Chinese gets the passage of the Chinese translation', async ({ browser }) => {
  test.setTimeout(120_000);
  const visitorContext = await browser.newContext({ locale: 'zh-CN' });
  const page = await openShop(visitorContext, shop.origin, '打开聊天');
  const chat = widget(page);
  await chat.getByLabel('您的姓名').fill('韩梅梅');
  await chat.getByLabel('邮箱').fill(`han.meimei.${run}@example.cn`);
  await chat.getByRole('button', { name: '开始对话' }).click();

  const answer = await ask(chat, '如何申请退款？', '消息');
  await expect(answer).toContainText(HOW_TO_ZH);
  await expect(answer).toContainText(`摘自《${REFUNDS_ZH.title}》`);
  await expect(answer).toContainText('这对您有帮助吗？');
  await expect(answer).not.toContainText(HOW_TO);
  await expect(chat.getByRole('button', { name: '有帮助' })).toBeVisible();

  // Tapping the quick reply is the visitor's answer; the assistant thanks them in Chinese.
  await chat.getByRole('button', { name: '有帮助' }).click();
  await expect(botSays(chat).last()).toContainText('很高兴能帮到您', { timeout: 30_000 });
  await chat.getByRole('button', { name: '结束对话' }).click();
  await expect(chat.getByText('对话已结束。').first()).toBeVisible();
  await visitorContext.close();
});

test('a visitor gets answers, follows up, checks an order through a flow, and is handed to an agent who reads the briefing', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const visitorContext = await browser.newContext({ locale: 'en-US' });
  const page = await openShop(visitorContext, shop.origin);
  const chat = widget(page);
  const first = 'How do I request a refund?';
  const followUp = 'and how long does it take?';
  const fed = 'THIS IS USELESS!!! My refund still has not arrived after two weeks. I want a real person';

  await test.step('the visitor asks in English and gets the passage from the right article', async () => {
    await chat.getByLabel('Your name').fill(VISITOR);
    await chat.getByLabel('Email').fill(`jane.${run}@example.com`);
    await chat.getByRole('button', { name: 'Start chat' }).click();
    const answer = await ask(chat, first);
    await expect(answer).toContainText(HOW_TO);
    await expect(answer).toContainText(`From “${REFUNDS.title}”`);
    await expect(answer).not.toContainText(HOW_LONG);
    await expect(chat.getByRole('button', { name: 'Yes, that helped' })).toBeVisible();
  });

  await test.step('a follow-up is answered in the context of the first question', async () => {
    const answer = await ask(chat, followUp);
    await expect(answer).toContainText(HOW_LONG);
    await expect(answer).not.toContainText('delivery');
  });

  await test.step('a two-slot flow asks for the email and the order number, calls the order API and quotes its answer', async () => {
    const callsBefore = orders.calls.length;
    await expect(await ask(chat, 'Where is my order?')).toHaveText(/What is the email address on the order\?/);
    await expect(await ask(chat, 'I am not sure')).toContainText('That does not look like an email address.');
    await expect(await ask(chat, `It is Jane.${run}@Example.com`)).toHaveText(/And the order number \(5 digits\)\?/);
    await expect(await ask(chat, 'order 12345 please')).toHaveText(/Order 12345 shipped on 2026-11-20\./);
    const calls = orders.calls.slice(callsBefore);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', url: `/orders/12345?email=${encodeURIComponent(`jane.${run}@example.com`)}` });
    expect(JSON.parse(calls[0]?.body ?? '{}')).toEqual({ email: `jane.${run}@example.com`, order: '12345' });
  });

  await test.step('a frustrated visitor is handed off and told what happens next', async () => {
    await chat.getByLabel('Message', { exact: true }).fill(fed);
    await chat.getByLabel('Message', { exact: true }).press('Enter');
    await expect(chat.getByText(HANDOFF)).toBeVisible({ timeout: 30_000 });
    await expect(chat.getByRole('status').filter({ hasText: 'Waiting for an agent…' })).toBeVisible({ timeout: 30_000 });
  });

  await test.step('the agent accepts the chat and reads the transcript and the briefing on the ticket', async () => {
    await acceptOffer(ada, `Incoming chat from ${VISITOR}`);
    const view = agentChatView(ada);
    const replies = view.timeline.locator('[data-kind="reply"]');
    for (const said of [first, followUp, fed, HOW_TO, HOW_LONG, 'Order 12345 shipped on 2026-11-20.', HANDOFF]) {
      await expect(replies.filter({ hasText: said }).first()).toBeVisible();
    }
    const briefing = view.timeline.locator('[data-kind="note"]').filter({ hasText: 'Assistant handed this chat to the team' });
    await expect(briefing).toBeVisible();
    await expect(briefing).toContainText('visitor asked for a person ("real person")');
    await expect(briefing).toContainText('Summary:');
    await expect(briefing).toContainText('- My refund still has not arrived after two weeks.');
    // The intent line names the knowledge-base topic the chat was about (other labels may join it).
    await expect(briefing).toContainText(new RegExp(`Intent: .*KB topic: ${REFUNDS.title}`));
    await expect(briefing).toContainText(/Sentiment: negative \(negative \d\.\d\d\), frustration high/);
    // The same briefing, pinned above the conversation.
    const card = ada.getByRole('region', { name: 'Handed over by the assistant' });
    await expect(card).toContainText('Why: visitor asked for a person ("real person")');
    await expect(card).toContainText(new RegExp(`Topic: .*KB topic: ${REFUNDS.title}`));
    await expect(card).toContainText(/\d+% negative, frustration high/);
    await expect(card).toContainText('My refund still has not arrived after two weeks.');
    await expect(chat.getByText(`Chatting with ${ADA.name}`)).toBeVisible({ timeout: 30_000 });
    // The briefing is for staff only.
    await expect(chat.getByText('Assistant handed this chat')).toHaveCount(0);
  });

  await chat.getByRole('button', { name: 'End chat' }).click();
  await expect(chat.getByText('This chat has ended.').first()).toBeVisible();
  await visitorContext.close();
});
