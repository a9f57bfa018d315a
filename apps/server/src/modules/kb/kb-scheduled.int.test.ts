import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, createWorkspace, freshDatabase, signedIn, startApp, TEST_PASSWORD, type TestApp, waitFor } from '../../test/harness.js';
import { kbArticles } from './kb.schema.js';

const apps: TestApp[] = [];
let db: Awaited<ReturnType<typeof freshDatabase>> | null = null;
afterAll(async () => {
  for (const a of apps) await a.close().catch(() => {});
  await db?.drop();
});

const row = async (app: TestApp, id: string) => (await app.platform.db.select().from(kbArticles).where(eq(kbArticles.id, id)))[0];

describe('scheduled publish', () => {
  it('publishes when due, after a restart, and only the last schedule counts', async () => {
    db = await freshDatabase();
    const first = await startApp({ database: db.database });
    apps.push(first);
    const ws = await createWorkspace(first);
    const { client: supervisor, user } = await signedIn(first, ws.id, 'supervisor');
    const created = await supervisor.post('/api/v1/kb/articles', { locale: 'en', title: 'Launch notes', bodyText: 'New features.' });
    const id = created.json().id as string;

    const past = await supervisor.post(`/api/v1/kb/articles/${id}/schedule`, { publishAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.statusCode).toBe(400);
    const agent = (await signedIn(first, ws.id, 'agent')).client;
    const soon = new Date(Date.now() + 8000).toISOString();
    expect((await agent.post(`/api/v1/kb/articles/${id}/schedule`, { publishAt: soon })).statusCode).toBe(403);

    // Scheduled far out, then moved closer: the closer time wins.
    const later = new Date(Date.now() + 3600_000).toISOString();
    expect((await supervisor.post(`/api/v1/kb/articles/${id}/schedule`, { publishAt: later })).statusCode).toBe(200);
    const res = await supervisor.post(`/api/v1/kb/articles/${id}/schedule`, { publishAt: soon });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'draft', publishAt: soon, publishedVersion: null });
    await first.settle();
    expect((await row(first, id))?.publishedVersion).toBeNull();

    // Stop before it is due; a new process on the same database publishes it.
    await first.close();
    apps.length = 0;
    const second = await startApp({ database: db.database });
    apps.push(second);
    const published = await waitFor(async () => ((await row(second, id))?.publishedVersion ? row(second, id) : null), 30_000, 200);
    expect(published).toMatchObject({ status: 'published', publishedVersion: 1, publishAt: null, publishedTitle: 'Launch notes' });

    const again = new Client(second);
    await again.login(user.email ?? '', TEST_PASSWORD);
    const view = (await again.get(`/api/v1/kb/articles/${id}`)).json();
    expect(view).toMatchObject({ status: 'published', publishAt: null });
  }, 90_000);

  it('cancels a scheduled publish', async () => {
    const app = await startApp();
    apps.push(app);
    const ws = await createWorkspace(app);
    const { client } = await signedIn(app, ws.id, 'supervisor');
    const id = (await client.post('/api/v1/kb/articles', { locale: 'en', title: 'Maybe', bodyText: 'Later.' })).json().id;
    await client.post(`/api/v1/kb/articles/${id}/schedule`, { publishAt: new Date(Date.now() + 1500).toISOString() });
    const cancelled = await client.delete(`/api/v1/kb/articles/${id}/schedule`);
    expect(cancelled.json().publishAt).toBeNull();
    expect((await client.delete(`/api/v1/kb/articles/${id}/schedule`)).statusCode).toBe(409);
    await new Promise((r) => setTimeout(r, 4000));
    await app.settle();
    expect((await row(app, id))?.publishedVersion).toBeNull();
  }, 60_000);
});
