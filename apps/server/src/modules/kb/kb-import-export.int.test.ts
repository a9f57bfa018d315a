import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { readFrontMatter } from './kb-markdown.js';

let app: TestApp;
let source: Client;

beforeAll(async () => {
  app = await startApp();
  source = (await signedIn(app, (await createWorkspace(app)).id, 'supervisor')).client;
});
afterAll(async () => app?.close());

async function exportZip(client: Client, format: 'markdown' | 'html' = 'markdown') {
  const res = await client.request('GET', `/api/v1/kb/export?format=${format}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  return res.rawPayload;
}

const importZip = (client: Client, bytes: Uint8Array) =>
  client.request('POST', '/api/v1/kb/import', Buffer.from(bytes), { 'content-type': 'application/zip' });

/** The archive's files with ids replaced by their order of appearance (ids differ between workspaces). */
function normalized(zip: Uint8Array): Record<string, string> {
  const files = unzipSync(zip);
  const ids = new Map<string, string>();
  const alias = (id: string) => {
    if (!ids.has(id)) ids.set(id, `ID${ids.size}`);
    return ids.get(id) as string;
  };
  const out: Record<string, string> = {};
  for (const name of Object.keys(files).sort()) {
    const text = strFromU8(files[name] as Uint8Array).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, alias);
    out[name.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, alias)] = text;
  }
  return out;
}

async function seed(client: Client) {
  const cat = (
    await client.post('/api/v1/kb/categories', { names: { en: 'Account', 'zh-CN': '账户' }, descriptions: { en: 'Sign-in and profile' } })
  ).json();
  const section = (
    await client.post('/api/v1/kb/categories', { parentId: cat.id, names: { en: 'Security', 'zh-CN': '安全' }, visibility: 'customers' })
  ).json();
  const en = (
    await client.post('/api/v1/kb/articles', {
      locale: 'en',
      title: 'Reset your password',
      sectionId: section.id,
      tags: ['password', 'login'],
      description: 'When you forgot it',
      bodyHtml:
        '<h2>Steps</h2><ol><li>Open <a href="https://example.com/reset">the reset page</a>.</li><li>Enter your <strong>email</strong>.</li></ol>',
    })
  ).json();
  const zh = (
    await client.post(`/api/v1/kb/articles/${en.id}/translations`, {
      locale: 'zh-CN',
      title: '重置密码',
      bodyHtml: '<h2>步骤</h2><p>打开<em>重置</em>页面，输入您的邮箱。</p>',
    })
  ).json();
  await client.post(`/api/v1/kb/articles/${en.id}/publish`);
  await client.post(`/api/v1/kb/articles/${zh.id}/publish`);
  const draft = (
    await client.post('/api/v1/kb/articles', {
      locale: 'en',
      title: 'Internal: escalation',
      visibility: 'agents',
      bodyText: 'Call the lead.',
    })
  ).json();
  await client.post(`/api/v1/kb/articles/${draft.id}/submit`);
  return { en, zh };
}

describe('import and export', () => {
  it('round-trips Markdown: export → import into an empty workspace → export gives the same content', async () => {
    const { en } = await seed(source);
    const first = await exportZip(source);
    const files = unzipSync(first);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['categories.yaml', `articles/${en.id}/en.md`, `articles/${en.id}/zh-CN.md`]),
    );
    const zh = readFrontMatter(strFromU8(files[`articles/${en.id}/zh-CN.md`] as Uint8Array));
    expect(zh.meta).toMatchObject({
      group: en.id,
      locale: 'zh-CN',
      title: '重置密码',
      slug: '重置密码',
      category: 'account',
      section: 'security',
      status: 'published',
      outdated: false,
    });
    expect(zh.body).toBe('## 步骤\n\n打开*重置*页面，输入您的邮箱。');

    const target = (await signedIn(app, (await createWorkspace(app)).id, 'admin')).client;
    const imported = await importZip(target, first);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ categories: { created: 2, updated: 0 }, articles: { created: 3, updated: 0 } });

    const second = await exportZip(target);
    expect(normalized(second)).toEqual(normalized(first));

    const list = (await target.get('/api/v1/kb/articles?locale=zh-CN')).json().items;
    expect(list[0]).toMatchObject({ title: '重置密码', status: 'published', publishedVersion: 1 });
    expect(list[0].translations.map((t: { state: string }) => t.state)).toEqual(['source', 'up_to_date']);

    // Importing the same archive again updates in place: nothing is duplicated.
    const again = await importZip(target, second);
    expect(again.json()).toEqual({ categories: { created: 0, updated: 2 }, articles: { created: 0, updated: 3 } });
    expect((await target.get('/api/v1/kb/articles')).json().items).toHaveLength(3);
  });

  it('round-trips HTML and accepts a multipart upload', async () => {
    const html = await exportZip(source, 'html');
    const body = Object.entries(unzipSync(html)).find(([n]) => n.endsWith('/en.html'));
    expect(strFromU8(body?.[1] as Uint8Array)).toContain('<h2>Steps</h2>');
    const target = (await signedIn(app, (await createWorkspace(app)).id, 'admin')).client;
    const boundary = '----kbimport';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kb.zip"\r\nContent-Type: application/zip\r\n\r\n`,
      ),
      Buffer.from(html),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await target.request('POST', '/api/v1/kb/import', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(normalized(await exportZip(target, 'html'))).toEqual(normalized(html));
  });

  it('refuses bad archives with a problem naming the file, and imports nothing', async () => {
    const target = (await signedIn(app, (await createWorkspace(app)).id, 'admin')).client;
    const notZip = await importZip(target, strToU8('hello'));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json().code).toBe('kb_import.invalid');

    const good = '---\nlocale: en\ntitle: Fine\nstatus: published\n---\n\nAll good.\n';
    const bad = zipSync({
      'categories.yaml': strToU8('categories:\n  - slug: help\n    names: { en: Help }\n'),
      'articles/a/en.md': strToU8(good),
      'articles/b/en.md': strToU8('---\nlocale: fr\ntitle: Bonjour\n---\n\nSalut.\n'),
      'articles/c/en.md': strToU8('no front matter here'),
      'articles/d/en.md': strToU8('---\nlocale: en\ntitle: Orphan\nsection: nowhere\n---\n\nBody.\n'),
    });
    const res = await importZip(target, bad);
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['articles/b/en.md', 'articles/c/en.md']));
    expect((await target.get('/api/v1/kb/articles')).json().items).toHaveLength(0);
    expect((await target.get('/api/v1/kb/categories')).json().items).toHaveLength(0);

    // A file that fails only while writing (empty body cannot be published) rolls back the rest too.
    const late = zipSync({
      'articles/a/en.md': strToU8(good),
      'articles/e/en.md': strToU8('---\nlocale: en\ntitle: Empty\nstatus: published\n---\n'),
    });
    const lateRes = await importZip(target, late);
    expect(lateRes.statusCode).toBe(400);
    expect(lateRes.json().errors[0].path).toBe('articles/e/en.md');
    expect((await target.get('/api/v1/kb/articles')).json().items).toHaveLength(0);
  });

  it('is for publishers: agents get 403 on export and import', async () => {
    const agent = (await signedIn(app, (await createWorkspace(app)).id, 'agent')).client;
    expect((await agent.get('/api/v1/kb/export')).statusCode).toBe(403);
    expect((await importZip(agent, zipSync({}))).statusCode).toBe(403);
  });
});
