import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type BrowserContext, expect, type FrameLocator, type Page, test } from '@playwright/test';
import { ADMIN, PORT } from '../playwright.config.js';

/**
 * Live chat end to end: a shop page on ANOTHER origin embeds the widget with one script tag (and
 * hostile CSS), a visitor fills the pre-chat form and chats with an agent in a second browser
 * context; both see typing and delivery/read states; the visitor's network drops and nothing is
 * lost or duplicated; with nobody online the widget offers "leave a message".
 *
 * The agent app has no chat screen yet, so the agent side is the agent's own signed-in browser
 * speaking the chat protocol (contracts/chat.ts) over Socket.IO with their session cookie.
 */

const API = `http://127.0.0.1:${PORT}`;
const run = Date.now().toString(36);
const require = createRequire(import.meta.url);
// The browser build is not in the package's exports map: find it next to the resolved entry.
const SOCKET_IO_CLIENT = path.join(
  require.resolve('socket.io-client').replace(/(node_modules[\\/]socket\.io-client)[\\/].*$/, '$1'),
  'dist',
  'socket.io.min.js',
);

interface AgentEvent {
  event: string;
  payload: Record<string, unknown>;
}

/** The slice of a socket.io client socket the in-page agent uses. */
interface PageSocket {
  on(event: string, fn: (payload: { sessionId: string }) => void): void;
  onAny(fn: (event: string, payload: Record<string, unknown>) => void): void;
  emit(event: string, payload: object, ack?: (res: unknown) => void): void;
}
type AgentWindow = { io: (opts: object) => PageSocket; sb: { socket: PageSocket; events: AgentEvent[] } };

/**
 * A host page on its own port, embedding the widget of `shop.key` (set once the channel that
 * allows this origin exists), with hostile CSS that would hide any div, button or iframe it reaches.
 */
async function startShop() {
  const shop = { key: '', origin: '', close: async () => {} };
  const html = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title>
<style>body > * { display: none !important; } div, button, iframe { display: none !important; visibility: hidden !important; }
* { font: 40px/3 serif !important; box-sizing: content-box !important; }</style></head>
<body><main>Acme shop</main>
<script src="${API}/widget/loader.js" data-key="${shop.key}" async></script></body></html>`;
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  shop.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  shop.close = () => new Promise((resolve) => server.close(() => resolve()));
  return shop;
}

async function csrf(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/auth/session');
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function signInAgent(page: Page) {
  const res = await page.request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } });
  expect(res.status(), await res.text()).toBe(200);
  await page.goto('/');
}

async function setAvailability(page: Page, availability: 'online' | 'offline') {
  const res = await page.request.put('/api/v1/me/availability', { headers: { 'x-csrf-token': await csrf(page) }, data: { availability } });
  expect(res.status(), await res.text()).toBe(200);
}

async function createChannel(page: Page, allowedOrigin: string): Promise<string> {
  const res = await page.request.post('/api/v1/channels', {
    headers: { 'x-csrf-token': await csrf(page) },
    data: {
      kind: 'web_chat',
      name: `Acme shop ${run}`,
      settings: {
        color: '#0b7a4b',
        greeting: { en: 'Hi! Ask us anything about your order.', 'zh-CN': '您好！有关订单的问题都可以问我们。' },
        allowedOrigins: [allowedOrigin],
        preChatFields: [
          { key: 'name', kind: 'name', label: { en: 'Your name', 'zh-CN': '您的姓名' }, required: true },
          { key: 'email', kind: 'email', label: { en: 'Email', 'zh-CN': '邮箱' }, required: true },
          { key: 'order', kind: 'text', label: { en: 'Order number', 'zh-CN': '订单号' }, required: false, pattern: '^SO-\\d{4}$' },
        ],
      },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { channel: { publicKey: string } }).channel.publicKey;
}

/** The agent's protocol client in their own page: records every chat event, accepts offers. */
async function connectAgent(page: Page) {
  await page.addScriptTag({ path: SOCKET_IO_CLIENT });
  const token = await csrf(page);
  await page.evaluate((csrfToken) => {
    const w = window as unknown as AgentWindow;
    const socket = w.io({ path: '/socket.io', withCredentials: true });
    const events: AgentEvent[] = [];
    socket.onAny((event, payload) => events.push({ event, payload }));
    socket.on('chat.offered', async (offer) => {
      await fetch(`/api/v1/chats/${offer.sessionId}/accept`, { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
      socket.emit('subscribe', { room: `chat:${offer.sessionId}` }, () =>
        events.push({ event: 'subscribed', payload: { sessionId: offer.sessionId } }),
      );
    });
    w.sb = { socket, events };
  }, token);
}

const agentEvents = (page: Page) => page.evaluate(() => (window as unknown as AgentWindow).sb.events);
/** A fire-and-forget signal as the agent (typing has no ack). */
const agentSignal = (page: Page, event: string, payload: object) =>
  page.evaluate(([e, p]) => (window as unknown as AgentWindow).sb.socket.emit(e, p), [event, payload] as const);

/** Emits as the agent and resolves with the server's ack. */
const agentEmit = (page: Page, event: string, payload: object) =>
  page.evaluate(([e, p]) => new Promise((resolve) => (window as unknown as AgentWindow).sb.socket.emit(e, p, resolve)), [
    event,
    payload,
  ] as const);

async function sessionIdOf(page: Page): Promise<string> {
  await expect.poll(async () => (await agentEvents(page)).some((e) => e.event === 'subscribed'), { timeout: 15_000 }).toBe(true);
  return (await agentEvents(page)).find((e) => e.event === 'subscribed')?.payload.sessionId as string;
}

/** Visitor messages the agent received with this text (each distinct message id once). */
async function receivedByAgent(page: Page, text: string): Promise<number> {
  const ids = (await agentEvents(page)).filter((e) => e.event === 'chat.message' && e.payload.text === text).map((e) => e.payload.id);
  return new Set(ids).size;
}

function widget(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Chat"]');
}

async function openShop(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin);
  const bubble = page.getByRole('button', { name: 'Open chat' });
  await expect(bubble).toBeVisible();
  await bubble.click();
  expect(errors).toEqual([]);
  return page;
}

test.describe.configure({ mode: 'serial' });

test('a visitor on another site chats with an agent, through a network drop, with typing and read states', async ({ browser }) => {
  test.setTimeout(120_000);
  const agentContext = await browser.newContext({ baseURL: API });
  const agent = await agentContext.newPage();
  await signInAgent(agent);
  const shop = await startShop();
  shop.key = await createChannel(agent, shop.origin);
  await setAvailability(agent, 'online');
  await connectAgent(agent);

  const visitorContext = await browser.newContext();
  const visitor = await openShop(visitorContext, shop.origin);
  const chat = widget(visitor);

  await test.step('the pre-chat form checks required fields and the channel regex inline', async () => {
    await expect(chat.getByText('Hi! Ask us anything about your order.')).toBeVisible();
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await expect(chat.getByText('This field is required.')).toHaveCount(2);
    await expect(chat.getByLabel('Your name')).toBeFocused();
    await chat.getByLabel('Your name').fill('Li Lei');
    await chat.getByLabel('Email').fill(`li.lei.${run}@example.cn`);
    await chat.getByLabel(/Order number/).fill('12345');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await expect(chat.getByText('Please check this value.')).toBeVisible();
    await chat.getByLabel(/Order number/).fill('SO-1234');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await expect(chat.getByLabel('Message')).toBeVisible();
  });

  // A chat starts with the visitor's first message; the agent is offered it and accepts.
  const first = 'Where is my order SO-1234?';
  const mine = chat.getByRole('log').locator('li', { hasText: first });
  await chat.getByLabel('Message').fill(first);
  await chat.getByLabel('Message').press('Enter');
  await expect(mine).toContainText(/Sent|Delivered|Read/);
  const sessionId = await sessionIdOf(agent);

  await test.step('typing shows on both sides, then delivered and read marks', async () => {
    const synced = (await agentEmit(agent, 'chat.sync', { sessionId, afterSeq: 0 })) as { messages: Array<{ text: string; seq: number }> };
    const seq = synced.messages.find((m) => m.text === first)?.seq as number;
    expect(seq).toBeGreaterThan(0);
    await expect(chat.getByText(/Chatting with/)).toBeVisible();
    await chat.getByLabel('Message').pressSequentially('Also, can I', { delay: 30 });
    await expect
      .poll(async () =>
        (await agentEvents(agent)).some((e) => e.event === 'chat.typing' && e.payload.side === 'visitor' && e.payload.typing),
      )
      .toBe(true);
    await chat.getByLabel('Message').fill('');

    await agentEmit(agent, 'chat.delivered', { sessionId, seq });
    await expect(mine).toContainText('Delivered');
    await agentSignal(agent, 'chat.typing', { sessionId, typing: true });
    await expect(chat.getByText(/is typing…/)).toBeVisible();
    await agentEmit(agent, 'chat.read', { sessionId, seq });
    await expect(mine).toContainText('Read');

    await agentEmit(agent, 'chat.send', { sessionId, clientId: `agent-${run}-1`, text: 'It ships tomorrow morning.' });
    await expect(chat.getByText('It ships tomorrow morning.')).toBeVisible();
    await expect(chat.getByText(/is typing…/)).toBeHidden();
    // The panel is open and focused: the visitor's read cursor reaches the agent.
    await expect
      .poll(async () =>
        (await agentEvents(agent)).some(
          (e) => e.event === 'chat.receipt' && ((e.payload.cursors as { visitorReadSeq: number }).visitorReadSeq ?? 0) > seq,
        ),
      )
      .toBe(true);
  });

  await test.step('offline: what the visitor writes waits, then arrives exactly once; what the agent wrote meanwhile is caught up', async () => {
    await visitorContext.setOffline(true);
    await expect(chat.getByText('Connection lost. Reconnecting…')).toBeVisible();
    await chat.getByLabel('Message').fill('I am on a train, signal is bad');
    await chat.getByLabel('Message').press('Enter');
    const pending = chat.getByRole('log').locator('li', { hasText: 'I am on a train, signal is bad' });
    await expect(pending).toContainText('Sending…');
    await agentEmit(agent, 'chat.send', { sessionId, clientId: `agent-${run}-2`, text: 'No problem, take your time.' });

    await visitorContext.setOffline(false);
    await expect(pending).toContainText(/Sent|Delivered|Read/, { timeout: 20_000 });
    await expect(chat.getByText('No problem, take your time.')).toHaveCount(1);
    await expect.poll(() => receivedByAgent(agent, 'I am on a train, signal is bad')).toBe(1);
    await expect(chat.getByText('I am on a train, signal is bad')).toHaveCount(1);
    await expect(chat.getByText('Where is my order SO-1234?')).toHaveCount(1);
  });

  await test.step('the visitor ends the chat and rates it', async () => {
    await chat.getByRole('button', { name: 'End chat' }).click();
    await expect(chat.getByText('This chat has ended.').first()).toBeVisible();
    await chat.getByRole('radio', { name: '5 out of 5' }).check();
    await chat.getByRole('button', { name: 'Send rating' }).click();
    await expect(chat.getByText('Thanks for your feedback!')).toBeVisible();
  });

  await setAvailability(agent, 'offline');
  await shop.close();
  await visitorContext.close();
  await agentContext.close();
});

test('with nobody online the widget offers to leave a message, in Chinese', async ({ browser }) => {
  const agentContext = await browser.newContext({ baseURL: API });
  const agent = await agentContext.newPage();
  await signInAgent(agent);
  await setAvailability(agent, 'offline');
  const shop = await startShop();
  shop.key = await createChannel(agent, shop.origin);

  const visitorContext = await browser.newContext({ locale: 'zh-CN' });
  const page = await visitorContext.newPage();
  // No locale from the host page: the widget follows the browser's language.
  await page.goto(shop.origin);
  await page.getByRole('button', { name: '打开聊天' }).click();
  const chat = widget(page);
  await expect(chat.getByRole('heading', { name: '给我们留言' })).toBeVisible();
  await chat.getByLabel('您的姓名').fill('韩梅梅');
  await chat.getByLabel('邮箱').fill(`han.meimei.${run}@example.cn`);
  await chat.getByLabel('留言内容').fill('我的订单还没有发货，请帮忙查一下。');
  await chat.getByRole('button', { name: '发送留言' }).click();
  await expect(chat.getByText(`谢谢！我们会回复到 han.meimei.${run}@example.cn。`)).toBeVisible();

  await shop.close();
  await visitorContext.close();
  await agentContext.close();
});
