import { expect, test } from '@playwright/test';
import { ADMIN } from '../playwright.config.js';
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
 * Live chat end to end: a shop page on ANOTHER origin embeds the widget with one script tag (and
 * hostile CSS), a visitor fills the pre-chat form and chats with an agent who works in the agent
 * app in a second browser context (offer card, ticket page, live chat bar, composer); both see
 * typing and delivery/read states; the visitor's network drops and nothing is lost or
 * duplicated; the agent transfers the chat with an internal note to a colleague, who accepts it
 * in a third context; the returning visitor reads the chat in their history; with nobody online
 * the widget offers "leave a message".
 */

const run = Date.now().toString(36);
const ADA: Staff = { ...ADMIN, name: 'Ada Admin' };
// The demo workspace's supervisor shares the demo password.
const SAM: Staff = { email: 'supervisor@acme.example.com', password: ADMIN.password, name: 'Sam Supervisor' };
const VISITOR = 'Li Lei';

test.describe.configure({ mode: 'serial' });

test('a visitor on another site chats with an agent in the agent app, through a network drop and a transfer', async ({ browser }) => {
  test.setTimeout(300_000);
  const { context: adaContext, page: ada } = await staffPage(browser, ADA);
  // The colleague works in their own browser; offline until the transfer, so the chat comes to Ada.
  const { context: samContext, page: sam } = await staffPage(browser, SAM);
  await setAvailability(sam, 'offline');
  const shop = await startShop();
  shop.key = await createChannel(ada, `Acme shop ${run}`, shop.origin);
  await setAvailability(ada, 'online');

  const visitorContext = await browser.newContext();
  let visitor = await openShop(visitorContext, shop.origin);
  let chat = widget(visitor);
  const first = 'Where is my order SO-1234?';
  const adaView = agentChatView(ada);

  await test.step('the pre-chat form checks required fields and the channel regex inline', async () => {
    await expect(chat.getByText('Hi! Ask us anything about your order.')).toBeVisible();
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await expect(chat.getByText('This field is required.')).toHaveCount(2);
    await expect(chat.getByLabel('Your name')).toBeFocused();
    await chat.getByLabel('Your name').fill(VISITOR);
    await chat.getByLabel('Email').fill(`li.lei.${run}@example.cn`);
    await chat.getByLabel(/Order number/).fill('12345');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await expect(chat.getByText('Please check this value.')).toBeVisible();
    await chat.getByLabel(/Order number/).fill('SO-1234');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await expect(chat.getByLabel('Message')).toBeVisible();
  });

  const mine = chat.getByRole('log').locator('li', { hasText: first });
  await test.step('the first message starts the chat; the agent accepts the offer card and reads it', async () => {
    await chat.getByLabel('Message').fill(first);
    await chat.getByLabel('Message').press('Enter');
    await expect(mine).toContainText(/Sent|Delivered|Read/);
    await acceptOffer(ada, `Incoming chat from ${VISITOR}`);
    await expect(adaView.timeline.getByText(first)).toBeVisible();
    await expect(chat.getByText(`Chatting with ${ADA.name}`)).toBeVisible();
    // The conversation is on the agent's screen: the visitor's message shows as read.
    await expect(mine).toContainText('Read');
  });

  await test.step('typing shows on both sides; the reply is delivered and seen', async () => {
    await chat.getByLabel('Message').pressSequentially('Also, can I', { delay: 30 });
    await expect(adaView.visitorStatus).toHaveText(`${VISITOR} is typing…`);
    await chat.getByLabel('Message').fill('');

    await adaView.composer.getByText('Reply', { exact: true }).click();
    await adaView.replyBox.pressSequentially('It ships tomorrow morning.', { delay: 20 });
    await expect(chat.getByText(/is typing…/)).toBeVisible();
    await adaView.composer.getByRole('button', { name: 'Send reply' }).click();
    await expect(chat.getByText('It ships tomorrow morning.')).toBeVisible();
    await expect(chat.getByText(/is typing…/)).toBeHidden();
    // The panel is open and focused: the visitor's read cursor reaches the agent.
    await expect(adaView.visitorStatus).toHaveText('Your last reply: seen');
  });

  await test.step('offline: what the visitor writes waits, then arrives exactly once; what the agent wrote meanwhile is caught up', async () => {
    const late = 'I am on a train, signal is bad';
    await visitorContext.setOffline(true);
    await expect(chat.getByText('Connection lost. Reconnecting…')).toBeVisible();
    await chat.getByLabel('Message').fill(late);
    await chat.getByLabel('Message').press('Enter');
    const pending = chat.getByRole('log').locator('li', { hasText: late });
    await expect(pending).toContainText('Sending…');
    await adaView.reply('No problem, take your time.');
    await expect(adaView.timeline.getByText('No problem, take your time.')).toBeVisible();

    await visitorContext.setOffline(false);
    await expect(pending).toContainText(/Sent|Delivered|Read/, { timeout: 30_000 });
    await expect(chat.getByText('No problem, take your time.')).toHaveCount(1);
    await expect(adaView.timeline.getByText(late)).toHaveCount(1);
    await expect(chat.getByText(late)).toHaveCount(1);
    await expect(chat.getByText(first)).toHaveCount(1);
  });

  const handOver = `VIP customer, promised delivery tomorrow (${run})`;
  await test.step('the agent transfers the chat with a note; the colleague accepts; the visitor sees the new agent', async () => {
    await setAvailability(sam, 'online');
    await adaView.bar.getByRole('button', { name: 'Transfer', exact: true }).click();
    const dialog = ada.getByRole('dialog', { name: `Transfer the chat with ${VISITOR}` });
    await dialog.getByRole('combobox', { name: 'Agent' }).selectOption({ label: SAM.name });
    await dialog.getByRole('textbox', { name: 'Internal note' }).fill(handOver);
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
    await expect(dialog).toBeHidden();

    await acceptOffer(sam, `Chat transferred to you: ${VISITOR}`);
    const samView = agentChatView(sam);
    await expect(samView.timeline.getByText(handOver)).toBeVisible();
    // The colleague reads the whole conversation, not only the note.
    await expect(samView.timeline.getByText(first)).toBeVisible();
    await expect(chat.getByText(`Chatting with ${SAM.name}`)).toBeVisible();
    await samView.reply('Hi, Sam here. Your parcel leaves at 8.');
    await expect(chat.getByText('Hi, Sam here. Your parcel leaves at 8.')).toBeVisible();
    await expect(chat.getByText(handOver)).toHaveCount(0);
  });

  await test.step('the visitor ends the chat and rates it', async () => {
    await chat.getByRole('button', { name: 'End chat' }).click();
    await expect(chat.getByText('This chat has ended.').first()).toBeVisible();
    await chat.getByRole('radio', { name: '5 out of 5' }).check();
    await chat.getByRole('button', { name: 'Send rating' }).click();
    await expect(chat.getByText('Thanks for your feedback!')).toBeVisible();
    // The chat is over for the agent too: the live chat bar leaves the ticket.
    await expect(agentChatView(sam).bar).toBeHidden();
  });

  await test.step('back on the shop later, the visitor reads the chat in their history and starts a new one', async () => {
    await visitor.close();
    visitor = await openShop(visitorContext, shop.origin);
    chat = widget(visitor);
    await chat.getByRole('button', { name: 'Your conversations' }).click();
    await expect(chat.getByRole('heading', { name: 'Your conversations' })).toBeVisible();
    await chat.getByRole('button', { name: new RegExp(`${first.replace('?', '\\?')}.*Ended`) }).click();
    const transcript = chat.getByRole('list', { name: /^Conversation #\d+$/ });
    await expect(transcript.getByText('It ships tomorrow morning.')).toBeVisible();
    await expect(transcript.getByText('Hi, Sam here. Your parcel leaves at 8.')).toBeVisible();
    await expect(transcript.getByText('I am on a train, signal is bad')).toHaveCount(1);
    await expect(chat.getByText(handOver)).toHaveCount(0);
    await expect(chat.getByLabel('Message')).toHaveCount(0);
    await chat.getByRole('button', { name: /All conversations/ }).click();
    await chat.getByRole('button', { name: 'Start a new conversation' }).click();
    await expect(chat.getByRole('button', { name: 'Start chat' })).toBeVisible();
  });

  await setAvailability(sam, 'offline');
  await setAvailability(ada, 'offline');
  await shop.close();
  await visitorContext.close();
  await samContext.close();
  await adaContext.close();
});

test('with nobody online the widget offers to leave a message, in Chinese', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context: adaContext, page: ada } = await staffPage(browser, ADA);
  await setAvailability(ada, 'offline');
  const shop = await startShop();
  shop.key = await createChannel(ada, `Acme shop offline ${run}`, shop.origin);

  const visitorContext = await browser.newContext({ locale: 'zh-CN' });
  // No locale from the host page: the widget follows the browser's language.
  const page = await openShop(visitorContext, shop.origin, '打开聊天');
  const chat = widget(page);
  const text = `我的订单还没有发货，请帮忙查一下。(${run})`;
  await expect(chat.getByRole('heading', { name: '给我们留言' })).toBeVisible();
  await chat.getByLabel('您的姓名').fill('韩梅梅');
  await chat.getByLabel('邮箱').fill(`han.meimei.${run}@example.cn`);
  await chat.getByLabel('留言内容').fill(text);
  await chat.getByRole('button', { name: '发送留言' }).click();
  await expect(chat.getByText(`谢谢！我们会回复到 han.meimei.${run}@example.cn。`)).toBeVisible();

  await shop.close();
  await visitorContext.close();
  await adaContext.close();
});
