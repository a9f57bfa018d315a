import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.js';
import { Client, createWorkspace, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { kbArticles, kbViews } from '../kb/kb.schema.js';
import { tickets } from '../tickets/index.js';
import { FEEDBACK_RATE } from './feedback.service.js';
import { createArticle, createSection } from './test-support.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let supervisor: Client;
let article: { id: string; slug: string };
let internal: { id: string; slug: string };
const HOUR = 3_600_000;

const feedbackUrl = (id: string) => `/api/v1/kb/articles/${id}/feedback`;
async function counts(id: string) {
  const [row] = await app.platform.db
    .select({ yes: kbArticles.helpfulCount, no: kbArticles.notHelpfulCount })
    .from(kbArticles)
    .where(eq(kbArticles.id, id));
  return row;
}

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  supervisor = (await signedIn(app, ws.id, 'supervisor')).client;
  const { section } = await createSection(app, ws.id);
  article = await createArticle(app, ws.id, {
    sectionId: section.id,
    title: 'Reset your router',
    text: 'Hold the button for ten seconds.',
  });
  internal = await createArticle(app, ws.id, {
    sectionId: section.id,
    title: 'Router RMA process',
    text: 'Staff only.',
    visibility: 'agents',
  });
});
afterAll(async () => app?.close());

describe('feedback', () => {
  it('counts one vote per visitor; voting again replaces the vote', async () => {
    const visitor = new Client(app);
    const first = await visitor.post(feedbackUrl(article.id), { helpful: true });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ helpful: true, moderation: 'approved', replaced: false, helpfulCount: 1, notHelpfulCount: 0 });
    expect(visitor.cookies.get('sb_vid')).toBeTruthy();
    const again = await visitor.post(feedbackUrl(article.id), { helpful: false });
    expect(again.json()).toMatchObject({ replaced: true, helpfulCount: 0, notHelpfulCount: 1 });
    const someoneElse = await new Client(app).post(feedbackUrl(article.id), { helpful: true });
    expect(someoneElse.json()).toMatchObject({ replaced: false, helpfulCount: 1, notHelpfulCount: 1 });
    // Concurrent double clicks still make one vote.
    const clicker = new Client(app);
    await clicker.post(feedbackUrl(article.id), { helpful: true });
    await Promise.all([clicker.post(feedbackUrl(article.id), { helpful: true }), clicker.post(feedbackUrl(article.id), { helpful: true })]);
    expect(await counts(article.id)).toEqual({ yes: 2, no: 1 });
  });

  it('works as a plain form post and redirects back with a thank-you', async () => {
    const visitor = new Client(app);
    const url = `/hc/en/articles/${article.id}-${article.slug}`;
    const res = await visitor.request('POST', `${url}/feedback`, 'helpful=no&comment=Needs+a+picture', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${url}?feedback=thanks#hc-feedback`);
    const page = await visitor.get(`${url}?feedback=thanks`);
    expect(page.body).toContain('Thank you for your feedback!');
    expect(page.headers['cache-control']).toBe('private, no-cache');
  });

  it('queues comments for moderation; kb.publish approves or rejects them', async () => {
    const visitor = new Client(app);
    const sent = await visitor.post(feedbackUrl(article.id), {
      helpful: false,
      comment: '  The button is on the back <b>not</b> the side \u0007 ',
    });
    expect(sent.json().moderation).toBe('pending');
    const queue = await supervisor.get('/api/v1/kb/feedback?moderation=pending');
    expect(queue.statusCode).toBe(200);
    const item = (queue.json().items as { id: string; comment: string; articleTitle: string }[]).find((i) => i.id === sent.json().id);
    expect(item).toMatchObject({ comment: 'The button is on the back <b>not</b> the side', articleTitle: 'Reset your router' });
    const { client: agent } = await signedIn(app, ws.id, 'agent');
    expect((await agent.get('/api/v1/kb/feedback')).statusCode).toBe(403);
    expect((await agent.post(`/api/v1/kb/feedback/${sent.json().id}/approve`)).statusCode).toBe(403);
    const approved = await supervisor.post(`/api/v1/kb/feedback/${sent.json().id}/approve`);
    expect(approved.json().moderation).toBe('approved');
    const pending = (await supervisor.get('/api/v1/kb/feedback?moderation=pending')).json().items as { id: string }[];
    expect(pending.map((i) => i.id)).not.toContain(sent.json().id);
    const rejected = await supervisor.post(`/api/v1/kb/feedback/${sent.json().id}/reject`);
    expect(rejected.json().moderation).toBe('rejected');
    expect((await supervisor.post(`/api/v1/kb/feedback/${uuidv7()}/approve`)).json().code).toBe('kb_feedback.not_found');
  });

  it('rejects long comments, unreadable articles, and throttles anonymous senders per IP', async () => {
    const visitor = new Client(app);
    expect((await visitor.post(feedbackUrl(article.id), { helpful: true, comment: 'x'.repeat(2001) })).statusCode).toBe(400);
    expect((await visitor.post(feedbackUrl(article.id), { helpful: 'yes' })).statusCode).toBe(400);
    const hidden = await visitor.post(feedbackUrl(internal.id), { helpful: true });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('kb_article.not_found');
    const stranger = await signedIn(app, (await createWorkspace(app)).id, 'admin');
    expect((await stranger.client.post(feedbackUrl(article.id), { helpful: true })).statusCode).toBe(404);
    for (let i = 0; i < FEEDBACK_RATE.limit; i++) await app.platform.rateLimiter.hit(`kb-feedback:${visitor.ip}`, FEEDBACK_RATE.limit, 60);
    const limited = await visitor.post(feedbackUrl(article.id), { helpful: true });
    expect(limited.statusCode).toBe(429);
    const form = await visitor.request('POST', `/hc/en/articles/${article.id}-${article.slug}/feedback`, 'helpful=yes', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.headers.location).toContain('feedback=limited');
  });
});

describe('analytics', () => {
  let reportWs: Awaited<ReturnType<typeof createWorkspace>>;
  let a1: { id: string; slug: string };
  let a2: { id: string; slug: string };

  async function view(articleId: string, at: Date, who: { userId?: string; visitorKey?: string }) {
    await app.platform.db.insert(kbViews).values({
      id: uuidv7(),
      workspaceId: reportWs.id,
      articleId,
      userId: who.userId ?? null,
      visitorKey: who.visitorKey ?? null,
      createdAt: at,
    });
  }

  beforeAll(async () => {
    reportWs = await createWorkspace(app);
    a1 = await createArticle(app, reportWs.id, { title: 'Track your parcel', text: 'Use the tracking link.' });
    a2 = await createArticle(app, reportWs.id, { title: 'Return a parcel', text: 'Print the label.' });
  });

  it('reports views, unique views, helpful ratio, approved comments, top and empty searches, deflection', async () => {
    const { client: admin } = await signedIn(app, reportWs.id, 'admin');
    const { user: opener, client: openerClient } = await signedIn(app, reportWs.id, 'customer');
    const { user: late, client: lateClient } = await signedIn(app, reportWs.id, 'customer');
    const twoDaysAgo = new Date(Date.now() - 48 * HOUR);
    // Deflection: a visitor with no ticket (deflected), a customer who opened a ticket an hour after
    // viewing (not deflected), one who opened it two days later (deflected), and one still pending.
    await view(a1.id, twoDaysAgo, { visitorKey: 'visitor-one-aaaaaaaaa' });
    await view(a1.id, new Date(twoDaysAgo.getTime() + 60_000), { visitorKey: 'visitor-one-aaaaaaaaa' });
    await view(a1.id, twoDaysAgo, { userId: opener.id });
    await view(a2.id, twoDaysAgo, { userId: late.id });
    await view(a2.id, new Date(Date.now() - HOUR), { visitorKey: 'visitor-two-bbbbbbbbb' });
    for (const [client, delay] of [
      [openerClient, HOUR],
      [lateClient, 30 * HOUR],
    ] as const) {
      const t = await client.post('/api/v1/tickets', { subject: 'Where is my parcel?', bodyText: 'Help' });
      expect(t.statusCode).toBe(201);
      await app.platform.db
        .update(tickets)
        .set({ createdAt: new Date(twoDaysAgo.getTime() + delay) })
        .where(eq(tickets.id, t.json().id));
    }
    // Votes and comments through the API; searches through the help center.
    const voter = new Client(app);
    await voter.post(feedbackUrl(a1.id), { helpful: true, comment: 'Great' });
    await new Client(app).post(feedbackUrl(a1.id), { helpful: true });
    await new Client(app).post(feedbackUrl(a1.id), { helpful: false });
    const pending = (await admin.get('/api/v1/kb/feedback')).json().items[0];
    await admin.post(`/api/v1/kb/feedback/${pending.id}/approve`);
    for (const q of ['parcel', 'Parcel ', 'teleport', 'parcel'])
      await voter.get(`/api/v1/kb/search?q=${encodeURIComponent(q)}&workspace=${reportWs.slug}`);
    await app.services.helpcenter.flushActivity();

    const res = await admin.get('/api/v1/kb/analytics');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const first = report.articles.find((x: { articleId: string }) => x.articleId === a1.id);
    expect(first).toMatchObject({ views: 3, uniqueViews: 2, helpful: 2, notHelpful: 1, helpfulRatio: 0.667, approvedComments: 1 });
    expect(report.articles[0].articleId).toBe(a1.id);
    expect(report.topSearches[0]).toEqual({ query: 'parcel', searches: 3, avgResults: 2 });
    expect(report.noResultSearches).toEqual([{ query: 'teleport', searches: 1, avgResults: 0 }]);
    expect(report.deflection).toEqual({ viewers: 3, deflected: 2, rate: 0.667, pending: 1 });

    const narrow = await admin.get(`/api/v1/kb/analytics?from=${new Date(Date.now() - 2 * HOUR).toISOString()}`);
    expect(narrow.json().deflection).toEqual({ viewers: 0, deflected: 0, rate: null, pending: 1 });
    expect((await admin.get('/api/v1/kb/analytics?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z')).statusCode).toBe(400);
    const { client: agent } = await signedIn(app, reportWs.id, 'agent');
    expect((await agent.get('/api/v1/kb/analytics')).statusCode).toBe(403);
  });

  it('shows staff what the requester read before opening a ticket, including views from before signing in', async () => {
    const browser = new Client(app);
    const page = await browser.get(`/hc/en/articles/${a2.id}-${a2.slug}?workspace=${reportWs.slug}`);
    expect(page.statusCode).toBe(200);
    const { user } = await signedIn(app, reportWs.id, 'customer');
    await browser.login(user.email ?? '');
    const ticket = await browser.post('/api/v1/tickets', { subject: 'Return label missing', bodyText: 'No label in the box' });
    expect(ticket.statusCode).toBe(201);
    const { client: agent } = await signedIn(app, reportWs.id, 'agent');
    // The link is made right after the ticket request answers, off its path.
    const views = await waitFor(async () => {
      const res = await agent.get(`/api/v1/tickets/${ticket.json().id}/kb-views`);
      expect(res.statusCode).toBe(200);
      return res.json().items.length > 0 ? res : null;
    }, 5_000);
    expect(views.json().items).toEqual([expect.objectContaining({ articleId: a2.id, title: 'Return a parcel', source: 'help_center' })]);
    expect((await browser.get(`/api/v1/tickets/${ticket.json().id}/kb-views`)).statusCode).toBe(403);
    const [row] = await app.platform.db.select({ n: sql<number>`count(*)::int` }).from(kbViews).where(eq(kbViews.userId, user.id));
    expect(row?.n).toBe(1);
  });
});
