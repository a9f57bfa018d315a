import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, expect, type FrameLocator, type Page } from '@playwright/test';
import { PORT } from '../playwright.config.js';

/** Helpers of the live chat flows (chat.spec.ts): host page, staff sign-in, channel setup, the widget frame. */

export const API = `http://127.0.0.1:${PORT}`;

export interface Staff {
  email: string;
  password: string;
  name: string;
}

/**
 * A host page on its own port, embedding the widget of `shop.key` (set once the channel that
 * allows this origin exists), with hostile CSS that would hide any div, button or iframe it reaches.
 */
export async function startShop() {
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

export async function csrf(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/auth/session');
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** A staff member in their own browser context, signed in, on the agent app. */
export async function staffPage(browser: Browser, who: Staff): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: API });
  const page = await context.newPage();
  const res = await page.request.post('/api/v1/auth/login', { data: { email: who.email, password: who.password } });
  expect(res.status(), await res.text()).toBe(200);
  await page.goto('/');
  // The agent app's area is a lazy chunk: slow to arrive on a loaded machine.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 60_000 });
  return { context, page };
}

export async function setAvailability(page: Page, availability: 'online' | 'offline') {
  const res = await page.request.put('/api/v1/me/availability', { headers: { 'x-csrf-token': await csrf(page) }, data: { availability } });
  expect(res.status(), await res.text()).toBe(200);
}

export async function createChannel(page: Page, name: string, allowedOrigin: string): Promise<string> {
  const res = await page.request.post('/api/v1/channels', {
    headers: { 'x-csrf-token': await csrf(page) },
    data: {
      kind: 'web_chat',
      name,
      settings: {
        color: '#0b7a4b',
        greeting: { en: 'Hi! Ask us anything about your order.', 'zh-CN': '您好！有关订单的问题都可以问我们。' },
        allowedOrigins: [allowedOrigin],
        // A loaded CI machine must not let offers lapse or chats idle out mid-test.
        offerTimeoutSeconds: 600,
        idleTimeoutMinutes: 120,
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

export function widget(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Chat"]');
}

/** Opens the shop in the visitor's context and the chat panel; no script errors on the way. */
export async function openShop(context: BrowserContext, origin: string, openLabel = 'Open chat'): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin);
  const bubble = page.getByRole('button', { name: openLabel });
  await expect(bubble).toBeVisible();
  await bubble.click();
  expect(errors).toEqual([]);
  return page;
}

/** The agent's view of a chat ticket: the conversation, the live chat bar and the composer. */
export function agentChatView(page: Page) {
  const bar = page.getByRole('region', { name: 'Live chat' });
  const composer = page.getByRole('form', { name: 'Reply or add a note' });
  return {
    timeline: page.getByRole('list', { name: 'Conversation' }),
    bar,
    state: bar.getByTestId('chat-state'),
    visitorStatus: bar.getByTestId('chat-visitor-status'),
    composer,
    replyBox: composer.getByLabel(/^Reply to /),
    /** Sends a public reply through the composer. */
    async reply(text: string) {
      await composer.getByText('Reply', { exact: true }).click();
      await composer.getByLabel(/^Reply to /).fill(text);
      await composer.getByRole('button', { name: 'Send reply' }).click();
    },
  };
}

/** Accepts the chat offered to this agent by its offer card; lands on the chat's ticket. */
export async function acceptOffer(page: Page, title: string) {
  const offer = page.getByRole('dialog', { name: title });
  await expect(offer).toBeVisible({ timeout: 30_000 });
  await offer.getByRole('button', { name: 'Accept' }).click();
  await expect(offer).toBeHidden();
  await expect(agentChatView(page).state).toHaveText('Live chat');
}
