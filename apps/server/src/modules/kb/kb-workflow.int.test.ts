import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../platform/events/outbox.schema.js';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/index.js';
import { kbArticles } from './kb.schema.js';
import { getPublishedArticle } from './kb-read.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let agent: Client;
let supervisor: Client;
let admin: Client;
let supervisorId: string;

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  agent = (await signedIn(app, ws.id, 'agent')).client;
  const s = await signedIn(app, ws.id, 'supervisor');
  supervisor = s.client;
  supervisorId = s.user.id;
  admin = (await signedIn(app, ws.id, 'admin')).client;
});
afterAll(async () => app?.close());

async function draft(title: string, body = '<p>How to do it.</p>') {
  const res = await agent.post('/api/v1/kb/articles', { locale: 'en', title, bodyHtml: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const post = async (client: Client, id: string, action: string, body: unknown = {}) =>
  client.post(`/api/v1/kb/articles/${id}/${action}`, body);
const liveRow = async (id: string) => (await app.platform.db.select().from(kbArticles).where(eq(kbArticles.id, id)))[0];

describe('article workflow over HTTP', () => {
  it('goes draft → review → changes requested → review → approved and published', async () => {
    const a = await draft('Set up two-factor sign-in');
    expect((await post(agent, a.id, 'submit', { comment: 'Ready' })).json().status).toBe('in_review');

    const noComment = await post(supervisor, a.id, 'request-changes', {});
    expect(noComment.statusCode).toBe(400);
    const back = await post(supervisor, a.id, 'request-changes', { comment: 'Add a screenshot' });
    expect(back.statusCode).toBe(200);
    expect(back.json().status).toBe('draft');

    await agent.patch(`/api/v1/kb/articles/${a.id}`, { bodyHtml: '<p>How to do it, with a picture.</p>' });
    expect((await post(agent, a.id, 'submit')).statusCode).toBe(200);
    const approved = await post(supervisor, a.id, 'approve', { comment: 'Good', publish: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'published', publishedVersion: 2, version: 2, hasUnpublishedChanges: false });
    expect(approved.json().reviewedAt).not.toBeNull();

    const row = await liveRow(a.id);
    expect(row?.publishedTitle).toBe('Set up two-factor sign-in');
    expect(row?.publishedText).toBe('How to do it, with a picture.');
    expect(row?.searchVector).not.toBeNull();

    const history = (await agent.get(`/api/v1/kb/articles/${a.id}/reviews`)).json().items;
    expect(history.map((r: { decision: string }) => r.decision)).toEqual(['submitted', 'changes_requested', 'submitted', 'approved']);
    expect(history[1]).toMatchObject({ comment: 'Add a screenshot', reviewerId: supervisorId, version: 1 });

    await app.settle();
    const events = await app.platform.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, 'article.published'), eq(outboxEvents.subjectId, a.id)));
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({ articleId: a.id, version: 2 });
    const audit = await app.platform.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, a.id), eq(auditLog.action, 'kb_article.published')));
    expect(audit).toHaveLength(1);
  });

  it('lets agents author but not review or publish (403 auth.forbidden)', async () => {
    const a = await draft('Agent-only steps');
    expect((await post(agent, a.id, 'submit')).statusCode).toBe(200);
    for (const action of ['approve', 'publish', 'archive', 'mark-reviewed']) {
      const res = await post(agent, a.id, action);
      expect(res.statusCode, action).toBe(403);
      expect(res.json().code).toBe('auth.forbidden');
    }
    const req = await post(agent, a.id, 'request-changes', { comment: 'x' });
    expect(req.statusCode).toBe(403);
    // Approving and publishing in one step needs kb.publish too: a reviewer-only role cannot.
    const role = await admin.post('/api/v1/roles', {
      key: 'kb-reviewer',
      name: 'Reviewer',
      permissions: ['kb.read_internal', 'kb.review'],
    });
    expect(role.statusCode, role.body).toBe(201);
    const reviewer = (await signedIn(app, ws.id, 'kb-reviewer')).client;
    const both = await post(reviewer, a.id, 'approve', { publish: true });
    expect(both.statusCode).toBe(403);
    expect((await liveRow(a.id))?.status).toBe('in_review');
    expect((await post(reviewer, a.id, 'approve')).json().status).toBe('in_review');
  });

  it('answers 409 kb_article.invalid_transition out of order', async () => {
    const a = await draft('Out of order');
    const cases: [Client, string, unknown][] = [
      [supervisor, 'approve', {}],
      [supervisor, 'request-changes', { comment: 'no' }],
      [supervisor, 'unpublish', {}],
      [supervisor, 'reopen', {}],
    ];
    for (const [client, action, body] of cases) {
      const res = await post(client, a.id, action, body);
      expect(res.statusCode, action).toBe(409);
      expect(res.json().code).toBe('kb_article.invalid_transition');
    }
    expect((await post(supervisor, a.id, 'publish')).statusCode).toBe(200);
    const again = await post(supervisor, a.id, 'publish');
    expect(again.statusCode).toBe(409);
    expect((await post(agent, a.id, 'submit')).statusCode).toBe(409);
    expect((await post(supervisor, a.id, 'archive')).json().status).toBe('archived');
    const edit = await agent.patch(`/api/v1/kb/articles/${a.id}`, { title: 'Edited while archived' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('kb_article.invalid_transition');
  });

  it('keeps the published snapshot live while a new draft is edited, until it is republished', async () => {
    const a = await draft('Opening hours', '<p>9 to 5.</p>');
    await post(supervisor, a.id, 'publish');
    const edited = await agent.patch(`/api/v1/kb/articles/${a.id}`, { bodyHtml: '<p>8 to 6.</p>' });
    expect(edited.json()).toMatchObject({ status: 'draft', version: 2, publishedVersion: 1, hasUnpublishedChanges: true });
    expect((await liveRow(a.id))?.publishedText).toBe('9 to 5.');
    // What readers get is the snapshot, never the newer working copy.
    expect(await getPublishedArticle(app.platform.db, ws.id, a.id)).toMatchObject({ title: 'Opening hours', text: '9 to 5.', version: 1 });
    expect((await post(supervisor, a.id, 'publish')).json().publishedVersion).toBe(2);
    expect((await liveRow(a.id))?.publishedText).toBe('8 to 6.');

    const down = await post(supervisor, a.id, 'unpublish');
    expect(down.json()).toMatchObject({ status: 'draft', publishedVersion: null });
    const row = await liveRow(a.id);
    expect([row?.publishedHtml, row?.publishedText, row?.searchVector]).toEqual([null, null, null]);
    expect(await getPublishedArticle(app.platform.db, ws.id, a.id)).toBeNull();
    await app.settle();
    const archivedEvents = await app.platform.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, 'article.archived'), eq(outboxEvents.subjectId, a.id)));
    expect(archivedEvents).toHaveLength(1);
  });

  it('refuses to publish an empty article', async () => {
    const a = await draft('Empty', '');
    const res = await post(supervisor, a.id, 'publish');
    expect(res.statusCode).toBe(409);
  });

  it('records comments and the last reviewed date', async () => {
    const a = await draft('Commented');
    const c = await post(agent, a.id, 'comments', { comment: 'Should we mention refunds?' });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({ decision: 'comment', version: 1 });
    expect((await post(supervisor, a.id, 'mark-reviewed')).json().reviewedAt).toEqual(expect.any(String));
    const [{ n } = { n: 0 }] = await app.platform.db
      .execute(sql`select count(*)::int as n from kb_reviews where article_id = ${a.id}`)
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    expect(n).toBe(1);
  });
});
