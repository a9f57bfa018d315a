import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { kbArticles, kbViews } from '../kb/kb.schema.js';
import { archive, createArticle, createSection, republish } from './test-support.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let anonymous: Client;
let sections: Awaited<ReturnType<typeof createSection>>;
const a = {} as Record<
  'reset' | 'resetZh' | 'twoFactor' | 'members' | 'internal' | 'script' | 'englishOnly',
  { id: string; slug: string; groupId: string }
>;
const BASE = 'http://localhost:3000';

const path = (x: { id: string; slug: string }, locale = 'en') => `/hc/${locale}/articles/${x.id}-${x.slug}`;
const linkTags = (body: string) => [...body.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);

beforeAll(async () => {
  app = await startApp({ config: { PUBLIC_URL: BASE } });
  ws = await createWorkspace(app);
  anonymous = new Client(app);
  sections = await createSection(app, ws.id);
  const inSection = { sectionId: sections.section.id };
  a.reset = await createArticle(app, ws.id, {
    ...inSection,
    title: 'Password reset',
    text: 'Forgot your password? Use the "Forgot password" link on the sign-in page.',
    description: 'How to get back into your account',
    tags: ['login'],
  });
  a.resetZh = await createArticle(app, ws.id, {
    ...inSection,
    groupId: a.reset.groupId,
    locale: 'zh-CN',
    title: '重置密码',
    text: '忘记密码了吗？请在登录页点击“忘记密码”。',
  });
  a.twoFactor = await createArticle(app, ws.id, {
    ...inSection,
    title: 'Two-factor authentication',
    text: 'Codes from an app.',
    tags: ['login'],
  });
  a.members = await createArticle(app, ws.id, {
    ...inSection,
    title: 'Members-only perks',
    text: 'For customers.',
    visibility: 'customers',
  });
  a.internal = await createArticle(app, ws.id, { ...inSection, title: 'Internal escalation', text: 'Agents only.', visibility: 'agents' });
  a.script = await createArticle(app, ws.id, { ...inSection, title: 'Title with <script>alert("x")</script>', text: 'Body & more.' });
  a.englishOnly = await createArticle(app, ws.id, { ...inSection, title: 'Bulk export', text: 'Export orders through the API.' });
});
afterAll(async () => app?.close());

describe('pages', () => {
  it('sends /hc to the best language from Accept-Language, else the workspace default', async () => {
    const zh = await anonymous.get('/hc', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
    expect(zh.statusCode).toBe(302);
    expect(zh.headers.location).toBe('/hc/zh-CN');
    expect((await anonymous.get('/hc')).headers.location).toBe('/hc/en');
  });

  it('renders the home page with categories, top articles, lang, canonical and hreflang alternates', async () => {
    const res = await anonymous.get('/hc/en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain(`<link rel="canonical" href="${BASE}/hc/en">`);
    expect(linkTags(res.body)).toEqual([
      ['en', `${BASE}/hc/en`],
      ['zh-CN', `${BASE}/hc/zh-CN`],
      ['x-default', `${BASE}/hc/en`],
    ]);
    expect(res.body).toContain('Password reset');
    expect(res.body).toContain(`Name of ${sections.category.slug}`);
    expect(res.body).not.toContain('Internal escalation');
    expect(res.body).not.toContain('Members-only perks');
    expect(res.body).toContain('<a class="skip" href="#main">');
    expect(res.body).toContain('<main id="main"');
    const zh = await anonymous.get('/hc/zh-CN');
    expect(zh.body).toContain('<html lang="zh-CN"');
    expect(zh.body).toContain('有什么可以帮您？');
    expect(zh.body).toContain('重置密码');
  });

  it('renders an article with breadcrumbs, alternates, meta description, Open Graph, feedback form and help links', async () => {
    const res = await anonymous.get(path(a.reset));
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain(`<link rel="canonical" href="${BASE}${path(a.reset)}">`);
    expect(linkTags(body)).toEqual([
      ['en', `${BASE}${path(a.reset)}`],
      ['zh-CN', `${BASE}${path(a.resetZh, 'zh-CN')}`],
      ['x-default', `${BASE}${path(a.reset)}`],
    ]);
    expect(body).toContain('<meta name="description" content="How to get back into your account">');
    expect(body).toContain('<meta property="og:type" content="article">');
    expect(body).toContain('<meta property="og:title" content="Password reset">');
    expect(body).toContain('<nav class="crumbs"');
    expect(body).toContain(`/hc/en/sections/${sections.section.slug}`);
    expect(body).toContain('Forgot your password?');
    expect(body).toContain('Two-factor authentication'); // related: same section, shared tag
    expect(body).toContain(`action="${path(a.reset)}/feedback"`);
    expect(body).toContain('href="/portal/new"');
    // The language switcher goes to the translation, or to that language's home without one.
    expect(body).toContain(`href="${path(a.resetZh, 'zh-CN')}" hreflang="zh-CN"`);
    const only = await anonymous.get(path(a.englishOnly));
    expect(only.body).toContain('href="/hc/zh-CN" hreflang="zh-CN"');
    expect(linkTags(only.body).map(([l]) => l)).toEqual(['en', 'x-default']);
    expect(only.body).toContain('<meta name="description" content="Export orders through the API.">');
  });

  it('redirects a wrong slug or language to the canonical URL', async () => {
    const wrongSlug = await anonymous.get(`/hc/en/articles/${a.reset.id}-old-slug`);
    expect(wrongSlug.statusCode).toBe(301);
    expect(wrongSlug.headers.location).toBe(path(a.reset));
    const wrongLocale = await anonymous.get(`/hc/zh-CN/articles/${a.reset.id}`);
    expect(wrongLocale.headers.location).toBe(path(a.reset));
  });

  it('escapes titles everywhere', async () => {
    const res = await anonymous.get(path(a.script));
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('Title with &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const search = await anonymous.get(`/hc/en/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain('<script>alert(1)');
  });

  it('answers 404 pages for unknown languages, slugs and ids', async () => {
    for (const url of [
      '/hc/fr',
      '/hc/en/categories/nope',
      '/hc/en/sections/nope',
      '/hc/en/articles/not-an-id',
      `/hc/en/articles/${ws.id}-x`,
    ]) {
      const res = await anonymous.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
  });

  it('renders search results with snippets, and marks results from other languages', async () => {
    const res = await anonymous.get(`/hc/zh-CN/search?q=export`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('当前语言没有结果');
    expect(res.body).toContain('<li lang="en">');
    expect(res.body).toContain('<mark>Export</mark>');
    expect(res.body).toContain('<meta name="robots" content="noindex">');
    const none = await anonymous.get('/hc/en/search?q=zyzzyva');
    expect(none.body).toContain('No articles match your search');
  });
});

describe('visibility', () => {
  it('hides customers-only and agents-only articles from visitors (404)', async () => {
    expect((await anonymous.get(path(a.members))).statusCode).toBe(404);
    expect((await anonymous.get(path(a.internal))).statusCode).toBe(404);
  });

  it('shows customers-only articles to signed-in customers, privately; agents-only ones to staff', async () => {
    const { client: customer } = await signedIn(app, ws.id, 'customer');
    const members = await customer.get(path(a.members));
    expect(members.statusCode).toBe(200);
    expect(members.headers['cache-control']).toBe('private, no-cache');
    expect((await customer.get(path(a.internal))).statusCode).toBe(404);
    const { client: agent } = await signedIn(app, ws.id, 'agent');
    expect((await agent.get(path(a.internal))).statusCode).toBe(200);
    const home = await customer.get('/hc/en');
    expect(home.body).toContain('Members-only perks');
    expect(home.body).not.toContain('Internal escalation');
  });

  it('lists only public published articles in the sitemap, with hreflang alternates', async () => {
    const gone = await createArticle(app, ws.id, { sectionId: sections.section.id, title: 'Gone soon', text: 'x' });
    await archive(app, ws.id, gone.id);
    await app.settle();
    const res = await anonymous.get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const xml = res.body;
    expect(xml).toContain(`<loc>${BASE}${path(a.reset)}</loc>`);
    expect(xml).toContain(`<loc>${BASE}${path(a.resetZh, 'zh-CN')}</loc>`);
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="zh-CN" href="${BASE}${path(a.resetZh, 'zh-CN')}"/>`);
    expect(xml).toContain(`<loc>${BASE}/hc/en/sections/${sections.section.slug}</loc>`);
    for (const hidden of [a.members, a.internal, gone]) expect(xml).not.toContain(hidden.id);
  });
});

describe('caching and views', () => {
  it('serves repeated hits from the cache with an ETag, and 304 on revalidation', async () => {
    const first = await anonymous.get(path(a.twoFactor));
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const etag = String(first.headers.etag);
    // Changed behind the module's back (no event): the cached page is still served.
    await app.platform.db.update(kbArticles).set({ publishedTitle: 'Sneaky edit' }).where(eq(kbArticles.id, a.twoFactor.id));
    const second = await anonymous.get(path(a.twoFactor));
    expect(second.body).toContain('Two-factor authentication');
    expect(second.headers.etag).toBe(etag);
    const notModified = await anonymous.get(path(a.twoFactor), { 'if-none-match': etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
  });

  it('drops cached pages when an article is republished or archived', async () => {
    const before = await anonymous.get(path(a.englishOnly));
    expect(before.body).toContain('Bulk export');
    await republish(app, ws.id, a.englishOnly.id, { title: 'Bulk export, version two', text: 'Now with CSV.' });
    await app.settle();
    const after = await anonymous.get(path(a.englishOnly));
    expect(after.body).toContain('Bulk export, version two');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await anonymous.get('/hc/en')).body).toContain('Bulk export, version two');
    await archive(app, ws.id, a.englishOnly.id);
    // Even before the event is handled, the per-request check refuses an archived article.
    expect((await anonymous.get(path(a.englishOnly))).statusCode).toBe(404);
  });

  it('records a view per article page without blocking, with a long-lived visitor cookie', async () => {
    const visitor = new Client(app);
    const first = await visitor.get(path(a.resetZh, 'zh-CN'));
    const cookie = (first.cookies as { name: string; maxAge?: number; httpOnly?: boolean }[]).find((c) => c.name === 'sb_vid');
    expect(cookie?.maxAge).toBeGreaterThan(300 * 86_400);
    expect(cookie?.httpOnly).toBe(true);
    await visitor.get(path(a.resetZh, 'zh-CN'));
    await visitor.request('HEAD', path(a.resetZh, 'zh-CN'));
    await app.services.helpcenter.flushActivity();
    const views = await app.platform.db.select().from(kbViews).where(eq(kbViews.articleId, a.resetZh.id));
    expect(views).toHaveLength(2);
    expect(new Set(views.map((v) => v.visitorKey))).toEqual(new Set([visitor.cookies.get('sb_vid')]));
    const [row] = await app.platform.db.select({ n: kbArticles.viewCount }).from(kbArticles).where(eq(kbArticles.id, a.resetZh.id));
    expect(row?.n).toBe(2);
  });
});

describe('with articles published through the authoring API', () => {
  it('shows what kb.publish publishes, follows republishing and drops archived articles', async () => {
    const { client: supervisor } = await signedIn(app, ws.id, 'supervisor');
    const created = await supervisor.post('/api/v1/kb/articles', {
      locale: 'en',
      sectionId: sections.section.id,
      title: 'Pair a bluetooth speaker',
      bodyHtml: '<p>Hold the pairing button until the light blinks.</p>',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const url = `/hc/en/articles/${id}`;
    expect((await anonymous.get(url)).statusCode).toBe(404); // a draft is not on the help center
    expect((await supervisor.post(`/api/v1/kb/articles/${id}/publish`)).statusCode).toBe(200);
    await app.settle();
    const live = await anonymous.get(url);
    expect(live.statusCode).toBe(301);
    const page = await anonymous.get(String(live.headers.location));
    expect(page.body).toContain('Hold the pairing button');
    const found = await anonymous.get('/api/v1/kb/search?q=bluetooth&locale=en');
    expect(found.json().items[0]?.title).toBe('Pair a bluetooth speaker');

    // An edit stays private until it is published again; then the cached page follows.
    const version = created.json().version as number;
    const edited = await supervisor.patch(
      `/api/v1/kb/articles/${id}`,
      { bodyHtml: '<p>Press and hold for five seconds.</p>' },
      { 'if-match': `"${version}"` },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await anonymous.get(String(live.headers.location))).body).toContain('Hold the pairing button');
    expect((await supervisor.post(`/api/v1/kb/articles/${id}/publish`)).statusCode).toBe(200);
    await app.settle();
    expect((await anonymous.get(String(live.headers.location))).body).toContain('Press and hold for five seconds.');

    expect((await supervisor.post(`/api/v1/kb/articles/${id}/archive`)).statusCode).toBe(200);
    await app.settle();
    expect((await anonymous.get(String(live.headers.location))).statusCode).toBe(404);
    expect((await anonymous.get('/api/v1/kb/search?q=bluetooth&locale=en')).json().items).toEqual([]);
  });
});
