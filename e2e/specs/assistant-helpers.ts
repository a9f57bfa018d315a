import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page } from '@playwright/test';
import { csrf } from './chat-helpers.js';

/** Helpers of the chat assistant flows (assistant.spec.ts): admin setup through the REST API and a local action endpoint. */

/** An admin API call with the page's session (cookie + x-csrf-token); fails the test on a non-2xx answer. */
export async function adminApi<T = unknown>(page: Page, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, data?: unknown) {
  const res = await page.request.fetch(url, { method, headers: { 'x-csrf-token': await csrf(page) }, ...(data ? { data } : {}) });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return (res.status() === 204 ? null : await res.json()) as T;
}

interface Article {
  id: string;
  slug: string;
  title: string;
  status: string;
}

/** Writes an English article and its Chinese translation through the KB API and publishes both. */
export async function publishWithTranslation(
  page: Page,
  en: { title: string; bodyHtml: string },
  zh: { title: string; bodyHtml: string },
): Promise<{ en: Article; zh: Article }> {
  const source = await adminApi<Article>(page, 'POST', '/api/v1/kb/articles', { locale: 'en', ...en });
  const published = await adminApi<Article>(page, 'POST', `/api/v1/kb/articles/${source.id}/publish`);
  const translation = await adminApi<Article>(page, 'POST', `/api/v1/kb/articles/${source.id}/translations`, { locale: 'zh-CN', ...zh });
  const publishedZh = await adminApi<Article>(page, 'POST', `/api/v1/kb/articles/${translation.id}/publish`);
  return { en: published, zh: publishedZh };
}

export async function publishArticle(page: Page, article: { title: string; bodyHtml: string }): Promise<Article> {
  const draft = await adminApi<Article>(page, 'POST', '/api/v1/kb/articles', { locale: 'en', ...article });
  return adminApi<Article>(page, 'POST', `/api/v1/kb/articles/${draft.id}/publish`);
}

/**
 * Archives published articles with these exact titles: a server reused for repeated runs
 * (E2E_REUSE_SERVER=1) would otherwise hold the same passage twice, which the assistant treats
 * as ambiguous.
 */
export async function archiveArticles(page: Page, titles: readonly string[]) {
  for (const title of titles) {
    const { items } = await adminApi<{ items: Article[] }>(
      page,
      'GET',
      `/api/v1/kb/articles?status=published&q=${encodeURIComponent(title)}&limit=200`,
    );
    for (const a of items.filter((x) => x.title === title)) await adminApi(page, 'POST', `/api/v1/kb/articles/${a.id}/archive`);
  }
}

export interface ReceivedCall {
  method: string;
  url: string;
  body: string;
}

/** The shop's order API on 127.0.0.1, which the workspace allow-lists for flow actions: order 12345 has shipped. */
export async function startOrderApi() {
  const calls: ReceivedCall[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      calls.push({ method: req.method ?? '', url: req.url ?? '', body });
      const order = /^\/orders\/(\d+)/.exec(req.url ?? '')?.[1];
      if (order === '12345') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'shipped', shippedOn: '2026-11-20' }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    calls,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A two-slot flow: email → order number → the order API → branch on its answer → quote the result, or hand off. */
export function orderStatusFlow(name: string, base: string) {
  return {
    name,
    trigger: { keywords: ['order status'], intent: { name: 'order_status', examples: ['where is my order', 'track my order'] } },
    start: 'email',
    steps: [
      {
        id: 'email',
        type: 'ask',
        slot: 'email',
        prompt: 'What is the email address on the order?',
        invalid: 'That does not look like an email address.',
        validate: { entity: 'email' },
        next: 'order',
      },
      {
        id: 'order',
        type: 'ask',
        slot: 'order',
        prompt: 'And the order number (5 digits)?',
        validate: { regex: '\\b(\\d{5})\\b' },
        next: 'call',
      },
      {
        id: 'call',
        type: 'action',
        method: 'POST',
        url: `${base}/orders/{{slots.order}}?email={{slots.email}}`,
        // Generous: the machine running the suite may be loaded.
        timeoutMs: 30_000,
        body: { email: '{{slots.email}}', order: '{{slots.order}}' },
        next: 'check',
      },
      {
        id: 'check',
        type: 'branch',
        conditions: [{ path: 'body.status', op: 'eq', value: 'shipped', next: 'shipped' }],
        otherwise: 'person',
      },
      { id: 'shipped', type: 'answer', text: 'Order {{slots.order}} shipped on {{result.body.shippedOn}}.' },
      { id: 'person', type: 'handoff', reason: 'order needs a person' },
    ],
  };
}
