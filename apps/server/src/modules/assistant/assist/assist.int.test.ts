import type { TicketAssist } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { searchDocument } from '../../../platform/search/text-search.js';
import { type Client, createUser, createWorkspace, signedIn, startApp, type TestApp } from '../../../test/harness.js';
import { publishArticle } from '../assistant-test-kit.js';

/**
 * Agent assist through HTTP: the right article and the right solved ticket come first (English
 * and Chinese), the suggested reply picks the passage or the past reply, access rules hold, and
 * the endpoint stays fast in a workspace with a thousand solved tickets.
 */

vi.setConfig({ testTimeout: 180_000, hookTimeout: 600_000 });

let app: TestApp;
let ws: { id: string };
let admin: Client;
let agent: Client;
let customer: Client;

const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

async function ticket(subject: string, bodyText: string, language?: string): Promise<string> {
  return ok(await customer.post('/api/v1/tickets', { subject, bodyText, ...(language ? { language } : {}) }), 201).id;
}

/** A customer ticket answered by an agent and solved. */
async function solved(subject: string, bodyText: string, reply: string): Promise<string> {
  const id = await ticket(subject, bodyText);
  ok(await agent.post(`/api/v1/tickets/${id}/messages`, { kind: 'reply', bodyText: reply, status: 'solved' }), 201);
  return id;
}

const assist = async (client: Client, id: string): Promise<TicketAssist> => ok(await client.get(`/api/v1/tickets/${id}/assist`));

const t: Record<string, string> = {};
const a: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  admin = (await signedIn(app, ws.id, 'admin')).client;
  agent = (await signedIn(app, ws.id, 'agent')).client;
  customer = (await signedIn(app, ws.id, 'customer')).client;

  a.password = (
    await publishArticle(
      app,
      admin,
      'en',
      'Reset your password',
      '<p>To reset your password, open the sign-in page and choose Forgot password. We email you a reset link that works for one hour.</p>',
    )
  ).id;
  a.refunds = (
    await publishArticle(
      app,
      admin,
      'en',
      'Refunds',
      '<p>Refunds go back to the original card within 5 business days after the returned item arrives at our warehouse.</p>',
    )
  ).id;
  a.zhPassword = (
    await publishArticle(
      app,
      admin,
      'zh-CN',
      '重置密码',
      '<p>在登录页面点击忘记密码，我们会把重置链接发送到您的邮箱，链接一小时内有效。</p>',
    )
  ).id;
  a.zhRefund = (await publishArticle(app, admin, 'zh-CN', '退款政策', '<p>我们收到退货后五个工作日内把退款退回原支付卡。</p>')).id;

  t.printer = await solved(
    'Label printer shows error E42',
    'My label printer shows error E42 after the firmware update',
    'Error E42 means the firmware update was interrupted: hold the feed button for ten seconds to reinstall it.',
  );
  t.customs = await solved(
    'Parcel stuck in customs',
    'My parcel has been stuck in customs for a week',
    'Customs holds usually clear within ten days; we asked the courier to file the customs form again.',
  );
  t.zhInvoice = await solved(
    '发票抬头错误',
    '我的发票抬头写错了，需要重新开具发票',
    '我们已为您重新开具发票，新的发票会在两个工作日内发送到您的邮箱。',
  );
  t.zhParcel = await solved('快递丢失', '我的快递显示已签收但是我没有收到', '我们已联系快递公司调查，如果三天内找不到包裹会为您补发。');
  // Same words, but still open: never a "solved" suggestion.
  t.openPrinter = await ticket('Printer error E42 again', 'The label printer error E42 is back');
  await app.settle();
});
afterAll(async () => app?.close());

describe('agent assist', () => {
  it('suggests the similar solved ticket first and its agent reply when no article fits', async () => {
    const id = await ticket('Printer error E42', 'After updating, my label printer says E42');
    const res = await assist(agent, id);
    expect(res.similarTickets[0]).toMatchObject({ id: t.printer, subject: 'Label printer shows error E42', status: 'solved' });
    expect(res.similarTickets[0]?.solvedAt).not.toBeNull();
    expect(res.similarTickets[0]?.replyExcerpt).toContain('Error E42 means the firmware update was interrupted');
    expect(res.similarTickets.map((s) => s.id)).not.toContain(id);
    expect(res.similarTickets.map((s) => s.id)).not.toContain(t.openPrinter);
    expect(res.suggestedReply).toMatchObject({ source: 'ticket', ticket: { id: t.printer } });
    expect(res.suggestedReply?.text).toContain('hold the feed button for ten seconds');
  });

  it('suggests the right English article first and quotes its passage as the reply', async () => {
    const id = await ticket('Forgot password', 'I cannot sign in because I forgot my password. How do I reset it?');
    const res = await assist(agent, id);
    expect(res.locale).toBe('en');
    expect(res.articles[0]).toMatchObject({ articleId: a.password, title: 'Reset your password', locale: 'en' });
    expect(res.articles[0]?.url).toMatch(/\/hc\/en\/articles\//);
    expect(res.articles[0]?.snippet).toContain('Forgot password');
    expect(res.articles.every((x) => x.locale === 'en')).toBe(true);
    expect(res.suggestedReply).toMatchObject({ source: 'article', citations: [{ articleId: a.password }] });
    expect(res.suggestedReply?.text).toContain('To reset your password');
  });

  it('works in Chinese: the zh article and the zh solved ticket come first', async () => {
    const pw = await assist(agent, await ticket('忘记密码', '我忘记密码了，无法登录，怎么重置？'));
    expect(pw.locale).toBe('zh-CN');
    expect(pw.articles[0]).toMatchObject({ articleId: a.zhPassword, locale: 'zh-CN' });
    expect(pw.articles.map((x) => x.articleId)).not.toContain(a.password);

    const inv = await assist(agent, await ticket('发票抬头写错了', '请帮我重新开具发票，抬头不对'));
    expect(inv.similarTickets[0]).toMatchObject({ id: t.zhInvoice });
    expect(inv.similarTickets[0]?.replyExcerpt).toContain('重新开具发票');
  });

  it('is for staff who may read the ticket: customers 403, another workspace 404', async () => {
    const id = await ticket('Refund', 'Where is my refund?');
    const forCustomer = await customer.get(`/api/v1/tickets/${id}/assist`);
    expect([forCustomer.statusCode, forCustomer.json().code]).toEqual([403, 'auth.forbidden']);
    const other = await createWorkspace(app);
    const stranger = (await signedIn(app, other.id, 'admin')).client;
    const hidden = await stranger.get(`/api/v1/tickets/${id}/assist`);
    expect([hidden.statusCode, hidden.json().code]).toEqual([404, 'ticket.not_found']);
    const bad = await agent.get('/api/v1/tickets/not-a-uuid/assist');
    expect(bad.statusCode).toBe(400);
    // The other workspace's solved tickets never show up here, and ours never there.
    const theirs = (await signedIn(app, other.id, 'customer')).client;
    const theirId = ok(await theirs.post('/api/v1/tickets', { subject: 'Label printer error E42', bodyText: 'E42 on my printer' }), 201).id;
    expect((await assist(stranger, theirId)).similarTickets).toEqual([]);
  });
});

describe('speed', () => {
  it('answers within a few hundred milliseconds in a workspace with 1,000 solved tickets', async () => {
    const big = await createWorkspace(app);
    const bigAgent = (await signedIn(app, big.id, 'admin')).client;
    const requester = await createUser(app, big.id, 'customer');
    const words =
      'order parcel refund invoice password account login printer label shipping delivery customs courier card payment charge address email update error crash screen app mobile tablet subscription plan upgrade cancel return warehouse discount coupon tax receipt'.split(
        ' ',
      );
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const phrase = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
    for (let batch = 0; batch < 10; batch++) {
      const rows = Array.from({ length: 100 }, (_, i) => {
        const n = 100_000 + batch * 100 + i + 1;
        return { n, subject: `${phrase(4)} ${n}`, body: phrase(30), reply: phrase(25) };
      });
      await app.platform.db.execute(sql`
        with data as (
          select * from jsonb_to_recordset(${JSON.stringify(
            rows.map((r) => ({
              ...r,
              subjectDoc: searchDocument(r.subject),
              bodyDoc: searchDocument(r.body),
              replyDoc: searchDocument(r.reply),
            })),
          )}::jsonb) as d(n int, subject text, body text, reply text, "subjectDoc" text, "bodyDoc" text, "replyDoc" text)
        ), t as (
          insert into tickets (id, workspace_id, number, subject, status, channel, requester_id, solved_at, last_seq, conversation_vector)
          select gen_random_uuid(), ${big.id}, d.n, d.subject, 'solved', 'portal', ${requester.id}, now(), 2,
                 setweight(to_tsvector('simple', d."subjectDoc"), 'A') || setweight(to_tsvector('simple', d."bodyDoc" || ' ' || d."replyDoc"), 'D')
          from data d returning id, number
        )
        insert into messages (id, workspace_id, ticket_id, seq, kind, author_kind, channel, body_text)
        select gen_random_uuid(), ${big.id}, t.id, m.seq, 'reply', m.author, 'portal', m.text
        from t join data d on d.n = t.number
        cross join lateral (values (1, 'customer', d.body), (2, 'agent', d.reply)) m(seq, author, text)`);
    }
    const counted = (await app.platform.db.execute(
      sql`select count(*)::int as n from tickets where workspace_id = ${big.id} and status = 'solved'`,
    )) as unknown as { rows: Array<{ n: number }> };
    expect(counted.rows[0]?.n).toBe(1000);
    const bigCustomer = (await signedIn(app, big.id, 'customer')).client;
    const id = ok(
      await bigCustomer.post('/api/v1/tickets', {
        subject: 'Refund for my order and the invoice',
        bodyText: 'My parcel never arrived, the courier lost it; please refund the card payment and send a new invoice.',
      }),
      201,
    ).id;
    await assist(bigAgent, id); // warm-up: KB index and query plans
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const res = await assist(bigAgent, id);
      times.push(performance.now() - start);
      expect(res.similarTickets).toHaveLength(5);
    }
    times.sort((x, y) => x - y);
    const median = times[3] ?? 0;
    process.stdout.write(`assist on 1,000 solved tickets: median ${median.toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms\n`);
    // Generous for a loaded 2-core machine; the note records the measured numbers.
    expect(median).toBeLessThan(2_000);
  });
});
