import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { auditLog } from '../audit/index.js';

let app: TestApp;
let agent: Client;
let agentId: string;
let supervisor: Client;
let supervisorId: string;

beforeAll(async () => {
  app = await startApp();
  const ws = await createWorkspace(app);
  ({
    client: agent,
    user: { id: agentId },
  } = await signedIn(app, ws.id, 'agent'));
  ({
    client: supervisor,
    user: { id: supervisorId },
  } = await signedIn(app, ws.id, 'supervisor'));
});
afterAll(async () => app?.close());

async function article(title: string, bodyHtml: string) {
  const res = await agent.post('/api/v1/kb/articles', { locale: 'en', title, bodyHtml });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

describe('versions', () => {
  it('lists every save with author and note, shows one, diffs two and restores an old one', async () => {
    const a = await article('Change your plan', '<p>Open Billing.</p><p>Pick a plan.</p>');
    const v2 = await supervisor.patch(`/api/v1/kb/articles/${a.id}`, {
      title: 'Change your subscription plan',
      bodyHtml: '<p>Open Billing.</p><p>Pick a new plan and confirm.</p>',
      note: 'clearer steps',
    });
    expect(v2.statusCode, v2.body).toBe(200);

    const list = (await agent.get(`/api/v1/kb/articles/${a.id}/versions`)).json().items;
    expect(list.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list[0]).toMatchObject({
      authorId: supervisorId,
      note: 'clearer steps',
      title: 'Change your subscription plan',
      published: false,
    });
    expect(list[1]).toMatchObject({ authorId: agentId, note: null });
    expect(list[0].bodyHtml).toBeUndefined();

    const one = await agent.get(`/api/v1/kb/articles/${a.id}/versions/1`);
    expect(one.json()).toMatchObject({ version: 1, title: 'Change your plan', bodyText: 'Open Billing.\n\nPick a plan.' });
    expect((await agent.get(`/api/v1/kb/articles/${a.id}/versions/9`)).json().code).toBe('kb_article.version_not_found');

    const diff = (await agent.get(`/api/v1/kb/articles/${a.id}/diff?from=1&to=2`)).json();
    expect(diff.title).toEqual([
      { kind: 'equal', text: 'Change your ' },
      { kind: 'added', text: 'subscription ' },
      { kind: 'equal', text: 'plan' },
    ]);
    const changed = diff.body.find((p: { kind: string }) => p.kind === 'added');
    expect(changed.text).toBe('Pick a new plan and confirm.');
    expect(changed.words.filter((w: { kind: string }) => w.kind === 'added').map((w: { text: string }) => w.text.trim())).toEqual([
      'new',
      'and confirm',
    ]);
    expect(diff.stats.addedWords).toBe(4);
    expect((await agent.get(`/api/v1/kb/articles/${a.id}/diff`)).json()).toEqual(diff);

    const restored = await agent.post(`/api/v1/kb/articles/${a.id}/versions/1/restore`, undefined, { 'if-match': '"2"' });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, title: 'Change your plan', bodyText: 'Open Billing.\n\nPick a plan.' });
    const latest = (await agent.get(`/api/v1/kb/articles/${a.id}/versions`)).json().items[0];
    expect(latest).toMatchObject({ version: 3, note: 'restored from version 1', authorId: agentId });
    const audit = await app.platform.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, a.id), eq(auditLog.action, 'kb_article.restored')));
    expect(audit[0]?.data).toEqual({ restoredVersion: 1, newVersion: 3 });

    // Restoring against a stale version is refused like any other save.
    const stale = await agent.post(`/api/v1/kb/articles/${a.id}/versions/2/restore`, undefined, { 'if-match': '"2"' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('kb_article.version_mismatch');
  });

  it('diffs Chinese content by word', async () => {
    const a = await article('重置密码', '<p>打开设置页面。</p>');
    await agent.patch(`/api/v1/kb/articles/${a.id}`, { bodyHtml: '<p>打开账户设置页面。</p>' });
    const diff = (await agent.get(`/api/v1/kb/articles/${a.id}/diff?from=1&to=2`)).json();
    const added = diff.body.find((p: { kind: string }) => p.kind === 'added');
    expect(added.words.filter((w: { kind: string }) => w.kind === 'added').map((w: { text: string }) => w.text)).toEqual(['账户']);
  });

  it('marks the published version, and a restore on a live article makes a draft', async () => {
    const a = await article('Live', '<p>v1</p>');
    await supervisor.post(`/api/v1/kb/articles/${a.id}/publish`);
    await agent.patch(`/api/v1/kb/articles/${a.id}`, { bodyHtml: '<p>v2</p>' });
    const list = (await agent.get(`/api/v1/kb/articles/${a.id}/versions`)).json().items;
    expect(list.map((v: { published: boolean }) => v.published)).toEqual([false, true]);
    await supervisor.post(`/api/v1/kb/articles/${a.id}/publish`);
    const restored = (await agent.post(`/api/v1/kb/articles/${a.id}/versions/1/restore`)).json();
    expect(restored).toMatchObject({ status: 'draft', version: 3, publishedVersion: 2, hasUnpublishedChanges: true, bodyText: 'v1' });
  });
});

describe('translations', () => {
  it('groups locales, shows missing and outdated ones, and brings one up to date', async () => {
    const en = await article('Delivery times', '<p>Two days.</p>');
    const before = (await agent.get(`/api/v1/kb/articles/${en.id}/translations`)).json();
    expect(before.items).toEqual([
      expect.objectContaining({ locale: 'en', state: 'source', articleId: en.id }),
      expect.objectContaining({ locale: 'zh-CN', state: 'missing', articleId: null }),
    ]);

    const zhRes = await agent.post(`/api/v1/kb/articles/${en.id}/translations`, {
      locale: 'zh-CN',
      title: '配送时间',
      bodyHtml: '<p>两天。</p>',
    });
    expect(zhRes.statusCode, zhRes.body).toBe(201);
    const zh = zhRes.json();
    expect(zh).toMatchObject({ groupId: en.id, locale: 'zh-CN', sourceVersion: 1, slug: '配送时间', status: 'draft' });
    const dup = await agent.post(`/api/v1/kb/articles/${zh.id}/translations`, { locale: 'zh-CN', title: '又一个' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('kb_article.translation_exists');

    await supervisor.post(`/api/v1/kb/articles/${en.id}/publish`);
    await supervisor.post(`/api/v1/kb/articles/${zh.id}/publish`);
    const fresh = (await agent.get(`/api/v1/kb/articles/${zh.id}/translations`)).json().items;
    expect(fresh.find((t: { locale: string }) => t.locale === 'zh-CN').state).toBe('up_to_date');

    // The source changes and is republished: the Chinese version is now behind.
    await agent.patch(`/api/v1/kb/articles/${en.id}`, { bodyHtml: '<p>Three days.</p>' });
    const stillFresh = (await agent.get(`/api/v1/kb/articles/${en.id}/translations`)).json().items;
    expect(stillFresh[1].state).toBe('up_to_date');
    await supervisor.post(`/api/v1/kb/articles/${en.id}/publish`);
    const outdated = (await agent.get(`/api/v1/kb/articles/${en.id}/translations`)).json().items;
    expect(outdated[1]).toMatchObject({ locale: 'zh-CN', state: 'outdated', sourceVersion: 1 });

    // The list shows the same per group.
    const listed = (await agent.get('/api/v1/kb/articles?locale=zh-CN&q=配送')).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0].translations.map((t: { state: string }) => t.state)).toEqual(['source', 'outdated']);

    const synced = await agent.patch(`/api/v1/kb/articles/${zh.id}`, { bodyHtml: '<p>三天。</p>', syncSource: true });
    expect(synced.json()).toMatchObject({ sourceVersion: 2 });
    expect(synced.json().translations[1].state).toBe('up_to_date');

    // A source with translations cannot be deleted out from under them.
    const fresh2 = await article('Has a translation', '<p>x</p>');
    await agent.post(`/api/v1/kb/articles/${fresh2.id}/translations`, { locale: 'zh-CN', title: '有翻译' });
    expect((await agent.delete(`/api/v1/kb/articles/${fresh2.id}`)).json().code).toBe('kb_article.has_translations');
  });
});

describe('list', () => {
  it('filters by status, locale, tag, author and title, and pages without repeats', async () => {
    const ws = await createWorkspace(app);
    const writer = await signedIn(app, ws.id, 'agent');
    const other = await signedIn(app, ws.id, 'agent');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await writer.client.post('/api/v1/kb/articles', {
        locale: 'en',
        title: `Page test ${i}`,
        tags: i % 2 ? ['odd'] : ['even'],
      });
      ids.push(res.json().id);
    }
    await other.client.post('/api/v1/kb/articles', { locale: 'zh-CN', title: '中文文章', bodyText: '内容' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/kb/articles?locale=en&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await writer.client.get(url)).json();
      seen.push(...page.items.map((a: { id: string }) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const odd = (await writer.client.get('/api/v1/kb/articles?tag=odd')).json().items;
    expect(odd).toHaveLength(2);
    expect((await writer.client.get(`/api/v1/kb/articles?authorId=${other.user.id}`)).json().items[0].title).toBe('中文文章');
    expect((await writer.client.get('/api/v1/kb/articles?q=test%203')).json().items).toHaveLength(1);
    expect((await writer.client.get('/api/v1/kb/articles?q=%25')).json().items).toHaveLength(0);
    expect((await writer.client.get('/api/v1/kb/articles?status=published')).json().items).toHaveLength(0);
    expect((await writer.client.get('/api/v1/kb/articles?cursor=nonsense')).statusCode).toBe(400);
  });
});
