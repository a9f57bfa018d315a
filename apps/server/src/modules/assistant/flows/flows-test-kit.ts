import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A workspace's "HTTPS action" endpoint for tests: plain http on 127.0.0.1 (the workspace
 * allow-lists that host). `/orders/<n>` answers like an order API (12345 shipped, anything else
 * 404), `/slow` never answers, `/redirect?to=` redirects.
 */
export async function startActionServer() {
  const calls: ReceivedCall[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      calls.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (url.pathname === '/slow') {
        hanging.push(res);
        return;
      }
      if (url.pathname === '/redirect') {
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
        return;
      }
      const order = /^\/orders\/(\d+)$/.exec(url.pathname)?.[1];
      if (order === '12345') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'shipped', shippedOn: '2026-11-20' }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    calls,
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The order-status flow the tests use: email → order number → action → branch → answer / ticket / handoff. */
export function orderFlow(base: string, extra: Record<string, unknown> = {}) {
  return {
    name: 'Order status',
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
        headers: { 'x-api-key': 'secret-key' },
        // Generous: the endpoint shares the loaded test process; the default (5 s) is checked in flows-admin.
        timeoutMs: 30_000,
        body: { email: '{{slots.email}}', order: '{{slots.order}}' },
        next: 'check',
      },
      {
        id: 'check',
        type: 'branch',
        conditions: [
          { path: 'body.status', op: 'eq', value: 'shipped', next: 'shipped' },
          { path: 'status', op: 'eq', value: 404, next: 'ticket' },
        ],
        otherwise: 'person',
      },
      { id: 'shipped', type: 'answer', text: 'Order {{slots.order}} shipped on {{result.body.shippedOn}}.' },
      {
        id: 'ticket',
        type: 'ticket',
        subject: 'Order {{slots.order}} not found',
        text: 'I could not find order {{slots.order}}, so I opened a ticket for our team.',
      },
      { id: 'person', type: 'handoff', reason: 'order needs a person' },
    ],
    ...extra,
  };
}
