import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { kbSearches } from '../kb/kb.schema.js';
import { archive, createArticle, createCategory, createSection } from './test-support.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let other: Awaited<ReturnType<typeof createWorkspace>>;
let anonymous: Client;
let customer: Client;
let agent: Client;
let account: { category: { id: string; slug: string }; section: { id: string; slug: string } };
let billing: { category: { id: string; slug: string }; section: { id: string; slug: string } };

interface Hit {
  id: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  locale: string;
  fallback: boolean;
  match: string;
  url: string;
}
interface Page {
  items: Hit[];
  nextCursor: string | null;
  fallback: boolean;
}

async function search(client: Client, query: string): Promise<Page> {
  const res = await client.get(`/api/v1/kb/search?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}
const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;
const titles = (page: Page) => page.items.map((h) => h.title);

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  other = await createWorkspace(app);
  anonymous = new Client(app);
  customer = (await signedIn(app, ws.id, 'customer')).client;
  agent = (await signedIn(app, ws.id, 'agent')).client;
  account = await createSection(app, ws.id);
  billing = await createSection(app, ws.id);
  const internal = await createSection(app, ws.id, { categoryVisibility: 'agents' });
  const inAccount = { sectionId: account.section.id };
  const inBilling = { sectionId: billing.section.id };

  const reset = await createArticle(app, ws.id, {
    ...inAccount,
    title: 'Password reset',
    text: 'Forgot your password? Open the sign-in page, choose "Forgot password" and follow the link we e-mail you. The link works for one hour.',
    tags: ['login', 'security'],
  });
  await createArticle(app, ws.id, {
    ...inAccount,
    groupId: reset.groupId,
    locale: 'zh-CN',
    title: '重置密码',
    text: '忘记密码了吗？打开登录页面，点击“忘记密码”，然后按照我们发送到您邮箱的链接操作。链接一小时内有效。',
    tags: ['login'],
  });
  await createArticle(app, ws.id, {
    ...inAccount,
    title: 'Two-factor authentication',
    text: 'Protect your account with a second factor: an authenticator app asks for a six-digit code at sign-in. Your password alone is no longer enough.',
    tags: ['security'],
  });
  await createArticle(app, ws.id, {
    ...inAccount,
    title: 'Change your email address',
    text: 'Go to your profile settings and enter the new address. We send a confirmation to both addresses before the change takes effect.',
  });
  await createArticle(app, ws.id, {
    ...inBilling,
    title: 'Refund policy',
    text: 'Refunds are issued to the original payment method within 14 days after we receive the returned item. Shipping costs are not refunded.',
    tags: ['billing'],
  });
  await createArticle(app, ws.id, {
    ...inBilling,
    title: 'Shipping times',
    text: 'Delivery usually takes three to five business days. Express delivery arrives the next business day when ordered before noon.',
  });
  await createArticle(app, ws.id, {
    ...inBilling,
    locale: 'zh-CN',
    title: '退款政策',
    text: '收到退回的商品后，我们会在14天内将退款退回原支付方式。运费不予退还。',
  });
  await createArticle(app, ws.id, {
    ...inBilling,
    locale: 'zh-CN',
    title: '配送时间',
    text: '快递通常需要三到五个工作日送达。中午前下单的加急订单次日送达。',
  });
  await createArticle(app, ws.id, {
    ...inBilling,
    locale: 'zh-CN',
    title: '申请发票',
    text: '在订单详情页点击“申请发票”，填写发票抬头和税号，电子发票会发送到您的邮箱。',
  });
  await createArticle(app, ws.id, {
    ...inAccount,
    title: 'Bulk export with the API',
    text: 'Export all your orders at once through the REST API with a personal token.',
  });
  await createArticle(app, ws.id, {
    ...inAccount,
    title: 'Loyalty program for customers',
    text: 'Signed-in customers collect loyalty points on every order.',
    visibility: 'customers',
  });
  await createArticle(app, ws.id, {
    ...inAccount,
    title: 'Escalation playbook',
    text: 'Internal: escalate outages to the on-call engineer.',
    visibility: 'agents',
  });
  await createArticle(app, ws.id, {
    sectionId: internal.section.id,
    title: 'Goodwill credit approvals',
    text: 'Public article text, but in an agents-only category: goodwill credit needs a supervisor.',
  });
  const otherSection = await createSection(app, other.id);
  await createArticle(app, other.id, {
    sectionId: otherSection.section.id,
    title: 'Password reset in the other workspace',
    text: 'Other workspace password instructions.',
  });
  // A section without a category is ignored by nothing: uncategorized articles are searchable too.
  await createCategory(app, ws.id, { visibility: 'customers' });
});
afterAll(async () => app?.close());

describe('ranking sanity', () => {
  it.each([
    ['password reset', 'Password reset'],
    ['forgot password', 'Password reset'],
    ['refund', 'Refund policy'],
    ['delivery', 'Shipping times'],
    ['two factor', 'Two-factor authentication'],
    ['authenticator code', 'Two-factor authentication'],
    ['email address', 'Change your email address'],
    ['export orders', 'Bulk export with the API'],
  ])('English: %j finds %j first', async (text, expected) => {
    const page = await search(anonymous, q(text, '&locale=en'));
    expect(page.items[0]?.title, JSON.stringify(titles(page))).toBe(expected);
    expect(page.fallback).toBe(false);
  });

  it.each([
    ['重置密码', '重置密码'],
    ['忘记密码', '重置密码'],
    ['退款', '退款政策'],
    ['快递', '配送时间'],
    ['发票', '申请发票'],
    ['电子发票', '申请发票'],
  ])('Chinese: %j finds %j first', async (text, expected) => {
    const page = await search(anonymous, q(text, '&locale=zh-CN'));
    expect(page.items[0]?.title, JSON.stringify(titles(page))).toBe(expected);
    expect(page.items[0]?.locale).toBe('zh-CN');
  });

  it('tolerates typos through title similarity', async () => {
    for (const [text, expected] of [
      ['pasword reset', 'Password reset'],
      ['refnd policy', 'Refund policy'],
      ['shiping times', 'Shipping times'],
      // Swapped letters share few trigrams with the word: found through the transposed spelling.
      ['refnud', 'Refund policy'],
      ['Passwrod', 'Password reset'],
      // Words of the body are known too.
      ['expres delivry', 'Shipping times'],
    ] as const) {
      const page = await search(anonymous, q(text, '&locale=en'));
      expect(page.items[0]?.title, text).toBe(expected);
      expect(page.items[0]?.match).toBe('typo');
    }
  });

  it('falls back to other languages when the requested one has no hit, and marks it', async () => {
    const page = await search(anonymous, q('export', '&locale=zh-CN'));
    expect(page.fallback).toBe(true);
    expect(page.items[0]).toMatchObject({ title: 'Bulk export with the API', locale: 'en', fallback: true });
    const own = await search(anonymous, q('export', '&locale=en'));
    expect(own.fallback).toBe(false);
    expect(own.items[0]?.fallback).toBe(false);
    // A language with hits never mixes in other languages.
    const zh = await search(anonymous, q('退款', '&locale=zh-CN'));
    expect(zh.items.every((h) => h.locale === 'zh-CN')).toBe(true);
  });

  it('highlights matches in escaped snippets and titles', async () => {
    const page = await search(anonymous, q('refund', '&locale=en'));
    expect(page.items[0]?.titleHtml).toBe('<mark>Refund</mark> policy');
    expect(page.items[0]?.snippetHtml).toContain('<mark>Refunds</mark>');
    expect(page.items[0]?.url).toMatch(/^\/hc\/en\/articles\/[0-9a-f-]{36}-article-/);
    await createArticle(app, ws.id, { title: 'Escaping <script>alert(1)</script> refund', text: 'a & b <b>refund</b>' });
    const escaped = await search(anonymous, q('escaping refund'));
    expect(escaped.items[0]?.titleHtml).toBe('<mark>Escaping</mark> &lt;script&gt;alert(1)&lt;/script&gt; <mark>refund</mark>');
    expect(escaped.items[0]?.snippetHtml).toBe('a &amp; b &lt;b&gt;<mark>refund</mark>&lt;/b&gt;');
  });
});

describe('visibility per role', () => {
  const found = async (client: Client, text: string) => titles(await search(client, q(text)));

  it('shows customers-only articles to signed-in customers and staff, not to visitors', async () => {
    expect(await found(anonymous, 'loyalty')).toEqual([]);
    expect(await found(customer, 'loyalty')).toEqual(['Loyalty program for customers']);
    expect(await found(agent, 'loyalty')).toEqual(['Loyalty program for customers']);
  });

  it('shows agents-only articles, and public ones in agents-only categories, to staff only', async () => {
    for (const text of ['escalation playbook', 'goodwill credit']) {
      expect(await found(anonymous, text), text).toEqual([]);
      expect(await found(customer, text), text).toEqual([]);
      expect(await found(agent, text), text).toHaveLength(1);
    }
  });

  it('keeps workspaces apart: visitors pick one by slug, signed-in users always search their own', async () => {
    expect(await found(anonymous, 'password instructions')).not.toContain('Password reset in the other workspace');
    const theirs = await search(anonymous, q('password', `&workspace=${other.slug}`));
    expect(titles(theirs)).toEqual(['Password reset in the other workspace']);
    const mine = await search(customer, q('password', `&workspace=${other.slug}`));
    expect(titles(mine)).not.toContain('Password reset in the other workspace');
    expect((await anonymous.get(`/api/v1/kb/search?${q('password', '&workspace=no-such-workspace')}`)).statusCode).toBe(404);
  });

  it('never finds archived articles', async () => {
    const gone = await createArticle(app, ws.id, { title: 'Discontinued gift cards', text: 'Gift cards are no longer sold.' });
    expect(await found(anonymous, 'gift cards')).toEqual(['Discontinued gift cards']);
    await archive(app, ws.id, gone.id);
    expect(await found(anonymous, 'gift cards')).toEqual([]);
  });
});

describe('filters, paging, suggestions and recording', () => {
  it('filters by category, section (id or slug) and tag', async () => {
    const text = 'password';
    expect(titles(await search(anonymous, q(text, `&section=${billing.section.slug}`)))).toEqual([]);
    const bySection = await search(anonymous, q(text, `&locale=en&section=${account.section.id}`));
    expect(titles(bySection)).toContain('Password reset');
    const byCategory = await search(anonymous, q('refund', `&locale=en&category=${billing.category.slug}`));
    expect(titles(byCategory)).toEqual(['Refund policy']);
    const byTag = await search(anonymous, q('password', '&locale=en&tag=security'));
    expect(titles(byTag).sort()).toEqual(['Password reset', 'Two-factor authentication']);
  });

  it('pages with a cursor without repeating hits', async () => {
    for (const topic of ['setup', 'colours', 'languages']) {
      await createArticle(app, ws.id, { title: `Chat widget ${topic}`, text: `How to change the chat widget ${topic}.` });
    }
    const first = await search(anonymous, q('widget', '&locale=en&limit=2'));
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await search(anonymous, q('widget', `&locale=en&limit=2&cursor=${first.nextCursor}`));
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(second.items.map((h) => h.id)).not.toContain(first.items[0]?.id);
  });

  it('suggests titles for what is typed so far, starts-with first, at most 8', async () => {
    const res = await anonymous.get('/api/v1/kb/suggest?q=pass');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { title: string; url: string }[];
    expect(items[0]?.title).toBe('Password reset');
    expect(items.length).toBeLessThanOrEqual(8);
    const zh = (await anonymous.get(`/api/v1/kb/suggest?q=${encodeURIComponent('退')}&locale=zh-CN`)).json().items;
    expect(zh[0]?.title).toBe('退款政策');
    expect((await anonymous.get('/api/v1/kb/suggest?q=loyal')).json().items).toEqual([]);
    expect((await customer.get('/api/v1/kb/suggest?q=loyal')).json().items).toHaveLength(1);
  });

  it('records every first-page search with its result count, without recording pages or suggestions', async () => {
    await search(anonymous, q('Nothing Matches  Zyzzyva', '&source=portal'));
    await search(customer, q('refund policy'));
    await app.services.helpcenter.flushActivity();
    const rows = await app.platform.db.select().from(kbSearches).where(eq(kbSearches.workspaceId, ws.id));
    const empty = rows.find((r) => r.query === 'Nothing Matches  Zyzzyva');
    expect(empty).toMatchObject({ normalized: 'nothing matches zyzzyva', resultCount: 0, source: 'portal', locale: 'any' });
    const refund = rows.find((r) => r.normalized === 'refund policy');
    expect(refund?.resultCount).toBeGreaterThan(0);
    expect(refund?.userId).not.toBeNull();
    expect(rows.some((r) => r.normalized === 'pass')).toBe(false);
  });

  it('rejects invalid input', async () => {
    expect((await anonymous.get('/api/v1/kb/search')).statusCode).toBe(400);
    expect((await anonymous.get('/api/v1/kb/search?q=a&limit=500')).statusCode).toBe(400);
    expect((await anonymous.get('/api/v1/kb/search?q=a&locale=fr')).statusCode).toBe(400);
    expect((await anonymous.get(`/api/v1/kb/search?q=${'x'.repeat(201)}`)).statusCode).toBe(400);
    // Only punctuation: nothing to search for, an empty answer rather than an error.
    expect((await search(anonymous, q('&|!()'))).items).toEqual([]);
  });
});

describe('searchArticles for other modules', () => {
  it('searches the actor’s workspace for the requested audience, never beyond the actor’s own', async () => {
    const bot = { kind: 'bot' as const, workspaceId: ws.id };
    const ctx = { actor: bot, log: app.server.log };
    const pub = await app.services.helpcenter.searchArticles(ctx, { q: 'loyalty', audience: 'public' });
    expect(pub.items).toEqual([]);
    const signedInCustomer = await app.services.helpcenter.searchArticles(ctx, { q: 'loyalty', audience: 'customers', source: 'widget' });
    expect(signedInCustomer.items.map((h) => h.title)).toEqual(['Loyalty program for customers']);
  });
});
