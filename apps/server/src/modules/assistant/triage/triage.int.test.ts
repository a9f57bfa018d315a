import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp, waitFor } from '../../../test/harness.js';
import { TRIAGE_RETRAIN_JOB } from './triage.jobs.js';

/**
 * Auto-triage through HTTP: history → retrain job → a new ticket's suggestions, applied by the bot
 * above the threshold and suggested below, corrections that change the next suggestion.
 */

interface Suggestion {
  field: string;
  value: string;
  label: string | null;
  confidence: number;
  state: string;
  correctedValue: string | null;
  modelVersion: number | null;
}
interface Model {
  field: string;
  version: number;
  labels: number | null;
  examples: number;
}

let app: TestApp;
let wsId: string;
let admin: Client;
let agent: Client;
let customer: Client;
const cat = { billing: '', shipping: '', account: '' };
let billingTeam = '';

const HISTORY = {
  billing: [
    'I was charged twice for my subscription invoice',
    'Please refund the payment on my credit card',
    'The invoice amount is wrong this month',
    'Why did my bill go up, the price changed',
    'Can I get a receipt for the last payment',
    'My card was declined when paying the invoice',
    'Cancel the subscription and refund the charge',
    'Billing question about VAT on the invoice',
  ],
  shipping: [
    'My parcel has not arrived yet',
    'The tracking number for my delivery does not work',
    'The courier left the package at the wrong address',
    'How long does shipping to Canada take',
    'The box arrived damaged after delivery',
    'Can I change the delivery address of my order',
    'Where is my package, tracking shows no update',
    'Shipping is late by two weeks',
  ],
  account: [
    'I forgot my password and cannot sign in',
    'How do I change the email of my account',
    'Two-factor authentication code is not accepted',
    'Please delete my account and profile',
    'The login page says my username is locked',
    'I want to rename my profile and avatar',
    'Reset my password link expired',
    'How do I add a second user to my account',
  ],
} as const;

const ok = (res: LightMyRequestResponse, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const codeOf = (res: LightMyRequestResponse) => (res.json() as { code: string }).code;

async function triageOf(client: Client, ticketId: string): Promise<Suggestion[]> {
  return ok(await client.get(`/api/v1/tickets/${ticketId}/triage`)).suggestions;
}
const field = (s: Suggestion[], f: string) => s.find((x) => x.field === f);

async function models(client: Client): Promise<Model[]> {
  return ok(await client.get('/api/v1/assistant/triage-settings')).models;
}

/**
 * Waits until no retraining is waiting or running for any workspace, so that the model version
 * read next is the latest (an earlier test's retrain finishing later would otherwise look like
 * the one being waited for).
 */
async function retrainsIdle() {
  await app.settle(); // jobs reach pg-boss through the outbox
  await waitFor(
    async () => {
      const res = (await app.platform.db.execute(
        sql`select count(*)::int as n from pgboss.job where name = ${TRIAGE_RETRAIN_JOB} and state in ('created', 'retry', 'active')`,
      )) as unknown as { rows: Array<{ n: number }> };
      return res.rows[0]?.n === 0 ? true : null;
    },
    60_000,
    200,
  );
}

/** Queues a retrain and waits for the job to store a newer category model. */
async function retrain(client: Client) {
  const before = (await models(client)).find((m) => m.field === 'category')?.version ?? 0;
  ok(await client.post('/api/v1/assistant/triage/retrain', {}), 202);
  return waitFor(async () => (await models(client)).find((m) => m.field === 'category' && m.version > before), 60_000, 200);
}

async function putSettings(client: Client, thresholds: Partial<Record<string, number>>, retrainAfterCorrections = 20) {
  return ok(
    await client.request('PUT', '/api/v1/assistant/triage-settings', {
      enabled: true,
      thresholds: { category: 0.85, priority: 1, team: 0.85, language: 1, ...thresholds },
      retrainAfterCorrections,
    }),
  );
}

async function customerTicket(client: Client, subject: string, bodyText: string): Promise<string> {
  const id = ok(await client.post('/api/v1/tickets', { subject, bodyText }), 201).id as string;
  await app.settle();
  return id;
}

const ticketOf = async (id: string) => ok(await admin.get(`/api/v1/tickets/${id}`));
const timeline = async (id: string) =>
  ok(await admin.get(`/api/v1/tickets/${id}/messages`)).items as Array<{
    kind: string;
    authorKind: string;
    event: { changes?: Array<{ field: string; to: unknown }> } | null;
  }>;

beforeAll(async () => {
  app = await startApp();
  const ws = await createWorkspace(app);
  wsId = ws.id;
  admin = (await signedIn(app, wsId, 'admin')).client;
  agent = (await signedIn(app, wsId, 'agent')).client;
  customer = (await signedIn(app, wsId, 'customer')).client;
  for (const name of Object.keys(cat) as (keyof typeof cat)[]) {
    cat[name] = ok(await admin.post('/api/v1/categories', { names: { en: name } }), 201).id;
  }
  billingTeam = ok(await admin.post('/api/v1/teams', { name: 'Billing desk' }), 201).id;
  ok(
    await admin.post('/api/v1/routing-rules', {
      name: 'billing',
      conditions: [{ field: 'categoryId', op: 'in', values: [cat.billing] }],
      action: { teamId: billingTeam, skills: [] },
    }),
    201,
  );
  for (const [name, texts] of Object.entries(HISTORY) as [keyof typeof cat, readonly string[]][]) {
    for (const text of texts) ok(await admin.post('/api/v1/tickets', { subject: text, bodyText: text, categoryId: cat[name] }), 201);
  }
  await app.settle();
  await retrain(admin);
}, 600_000);
afterAll(async () => app?.close());

describe('auto-triage of new tickets', { timeout: 180_000 }, () => {
  it('applies the category as the bot above the threshold and routes the team from the rule', async () => {
    await putSettings(admin, { category: 0.3 });
    const id = await customerTicket(customer, 'Refund please', 'I was charged twice on my invoice, please refund the payment');
    // The ticket now belongs to the billing team: the admin (read_all) looks, not a non-member agent.
    const s = await triageOf(admin, id);
    expect(field(s, 'category')).toMatchObject({ value: cat.billing, label: 'billing', state: 'applied' });
    expect(field(s, 'category')?.modelVersion).toBeGreaterThan(0);
    expect(field(s, 'team')).toMatchObject({ value: billingTeam });
    expect((await ticketOf(id)).categoryId).toBe(cat.billing);
    const botEvent = (await timeline(id)).find((m) => m.kind === 'event' && m.authorKind === 'bot');
    expect(botEvent?.event?.changes).toContainEqual(expect.objectContaining({ field: 'categoryId', to: cat.billing }));
  });

  it('only suggests below the threshold; an agent accepts or dismisses with one click', async () => {
    await putSettings(admin, { category: 1, team: 1 });
    const first = await customerTicket(customer, 'Parcel', 'My parcel has not arrived and the tracking shows no delivery');
    expect(field(await triageOf(agent, first), 'category')).toMatchObject({ value: cat.shipping, state: 'suggested' });
    expect((await ticketOf(first)).categoryId).toBeNull();
    expect((await timeline(first)).some((m) => m.authorKind === 'bot')).toBe(false);

    const accepted = await agent.post(`/api/v1/tickets/${first}/triage/accept`, { field: 'category' });
    expect(field(ok(accepted).suggestions, 'category')?.state).toBe('accepted');
    expect((await ticketOf(first)).categoryId).toBe(cat.shipping);
    expect((await timeline(first)).some((m) => m.kind === 'event' && m.authorKind === 'agent')).toBe(true);
    const again = await agent.post(`/api/v1/tickets/${first}/triage/accept`, { field: 'category' });
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'triage.no_suggestion']);

    const second = await customerTicket(customer, 'Password', 'I forgot my password and the login does not accept my code');
    expect(field(await triageOf(agent, second), 'category')).toMatchObject({ value: cat.account, state: 'suggested' });
    const dismissed = ok(await agent.post(`/api/v1/tickets/${second}/triage/dismiss`, { field: 'category' }));
    expect(field(dismissed.suggestions, 'category')?.state).toBe('dismissed');
    expect((await ticketOf(second)).categoryId).toBeNull();
  });

  it('suggests priority and language by default, and sets them from the first ticket on once allowed, without any model', async () => {
    const suggested = await customerTicket(customer, 'URGENT: site down', 'Emergency!!! Everything is down. Fix it immediately!!!');
    expect(field(await triageOf(agent, suggested), 'priority')).toMatchObject({ value: 'urgent', state: 'suggested' });
    expect((await ticketOf(suggested)).priority).toBe('normal');
    await putSettings(admin, { priority: 0.85, language: 0.85 });
    const urgent = await customerTicket(
      customer,
      'URGENT: production is down',
      'Emergency!!! Everything is down, we cannot work. Fix it immediately!!!',
    );
    expect(field(await triageOf(agent, urgent), 'priority')).toMatchObject({ value: 'urgent', state: 'applied' });
    expect((await ticketOf(urgent)).priority).toBe('urgent');
    const zh = await customerTicket(customer, '订单还没有到', '我的订单还没有到，请帮我查一下物流信息，谢谢');
    expect(field(await triageOf(agent, zh), 'language')).toMatchObject({ value: 'zh-CN', state: 'applied' });
    expect((await ticketOf(zh)).language).toBe('zh-CN');
  });

  it('keeps agent corrections and learns from them after N corrections', async () => {
    await putSettings(admin, { category: 1, team: 1 }, 3);
    const text = 'zorblax invoice charge question';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await customerTicket(customer, 'zorblax', text));
    await retrainsIdle();
    const before = field(await triageOf(agent, ids[0] as string), 'category');
    expect(before?.state).toBe('suggested');
    expect(before?.value).not.toBe(cat.shipping);
    const version = (await models(admin)).find((m) => m.field === 'category')?.version ?? 0;

    for (const id of ids) ok(await agent.patch(`/api/v1/tickets/${id}`, { categoryId: cat.shipping }));
    await app.settle();
    expect(field(await triageOf(agent, ids[0] as string), 'category')).toMatchObject({ state: 'corrected', correctedValue: cat.shipping });
    // The third correction queues the retraining job by itself.
    await waitFor(async () => ((await models(admin)).find((m) => m.field === 'category')?.version ?? 0) > version, 60_000, 200);

    const next = await customerTicket(customer, 'zorblax', text);
    expect(field(await triageOf(agent, next), 'category')).toMatchObject({ value: cat.shipping, state: 'suggested' });
  });
});

describe('too little data', { timeout: 180_000 }, () => {
  it('trains the first model by itself once 20 tickets are categorized, not before', async () => {
    const ws = await createWorkspace(app);
    const a = (await signedIn(app, ws.id, 'admin')).client;
    const ids = [
      ok(await a.post('/api/v1/categories', { names: { en: 'billing' } }), 201).id,
      ok(await a.post('/api/v1/categories', { names: { en: 'shipping' } }), 201).id,
    ];
    const texts = ['refund my invoice', 'where is my parcel'];
    const open = async (i: number, categoryId: string | null) =>
      ok(await a.post('/api/v1/tickets', { subject: `${texts[i % 2]} ${i}`, bodyText: texts[i % 2], categoryId }), 201);
    for (let i = 0; i < 19; i++) await open(i, ids[i % 2] as string);
    // uncategorized tickets do not count
    for (let i = 0; i < 3; i++) await open(i, null);
    await retrainsIdle();
    expect((await models(a)).filter((m) => m.field === 'category')).toEqual([]);
    await open(19, ids[1] as string);
    await retrainsIdle();
    expect((await models(a)).find((m) => m.field === 'category')).toMatchObject({ examples: 20 });
  });

  it('suggests no category while a workspace has fewer than 20 categorized tickets', async () => {
    const ws = await createWorkspace(app);
    const a = (await signedIn(app, ws.id, 'admin')).client;
    const c = (await signedIn(app, ws.id, 'customer')).client;
    const ids = [
      ok(await a.post('/api/v1/categories', { names: { en: 'billing' } }), 201).id,
      ok(await a.post('/api/v1/categories', { names: { en: 'shipping' } }), 201).id,
    ];
    for (let i = 0; i < 6; i++)
      ok(await a.post('/api/v1/tickets', { subject: `invoice ${i}`, bodyText: 'refund my invoice', categoryId: ids[i % 2] }), 201);
    await app.settle();
    const model = await retrain(a);
    expect(model).toMatchObject({ labels: null, examples: 6 });
    const id = await customerTicket(c, 'Refund', 'please refund my invoice');
    expect(field(await triageOf(a, id), 'category')).toBeUndefined();
    expect((await ticketOf2(a, id)).categoryId).toBeNull();
  });
});

const ticketOf2 = async (client: Client, id: string) => ok(await client.get(`/api/v1/tickets/${id}`));

describe('access', { timeout: 60_000 }, () => {
  it('customers cannot read triage; agents cannot change settings or retrain', async () => {
    const id = await customerTicket(customer, 'Question', 'My parcel is late');
    const own = await customer.get(`/api/v1/tickets/${id}/triage`);
    expect([own.statusCode, codeOf(own)]).toEqual([403, 'auth.forbidden']);
    const put = await agent.request('PUT', '/api/v1/assistant/triage-settings', {
      enabled: false,
      thresholds: { category: 0.5, priority: 0.5, team: 0.5, language: 0.5 },
      retrainAfterCorrections: 5,
    });
    expect([put.statusCode, codeOf(put)]).toEqual([403, 'auth.forbidden']);
    const re = await agent.post('/api/v1/assistant/triage/retrain', {});
    expect([re.statusCode, codeOf(re)]).toEqual([403, 'auth.forbidden']);
  });

  it('rejects bad input with problem+json codes', async () => {
    const id = await customerTicket(customer, 'Question', 'My parcel is late');
    const bogus = await agent.post(`/api/v1/tickets/${id}/triage/accept`, { field: 'colour' });
    expect([bogus.statusCode, codeOf(bogus)]).toEqual([400, 'validation.failed']);
    const bad = await admin.request('PUT', '/api/v1/assistant/triage-settings', {
      enabled: true,
      thresholds: { category: 2, priority: 0.5, team: 0.5, language: 0.5 },
      retrainAfterCorrections: 5,
    });
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'validation.failed']);
  });

  it("another workspace's ticket is 404", async () => {
    const id = await customerTicket(customer, 'Question', 'My parcel is late');
    const other = await createWorkspace(app);
    const otherAdmin = (await signedIn(app, other.id, 'admin')).client;
    for (const res of [
      await otherAdmin.get(`/api/v1/tickets/${id}/triage`),
      await otherAdmin.post(`/api/v1/tickets/${id}/triage/accept`, { field: 'category' }),
      await otherAdmin.post(`/api/v1/tickets/${id}/triage/dismiss`, { field: 'category' }),
    ]) {
      expect([res.statusCode, codeOf(res)]).toEqual([404, 'ticket.not_found']);
    }
  });
});
