import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../../test/harness.js';
import { MASK } from './header-secrets.js';

let app: TestApp;
let admin: Client;

beforeAll(async () => {
  app = await startApp();
  admin = (await signedIn(app, (await createWorkspace(app)).id, 'admin')).client;
});
afterAll(async () => app?.close());

const flow = (headers: Record<string, string>, stepId = 'call') => ({
  name: 'Lookup',
  trigger: { keywords: ['lookup'] },
  start: stepId,
  steps: [
    { id: stepId, type: 'action', method: 'GET', url: 'https://orders.example.com/x', headers, next: 'done' },
    { id: 'done', type: 'answer', text: 'Done.' },
  ],
});
const headersOf = (body: { steps: Array<{ headers?: Record<string, string> }> }) => body.steps[0]?.headers;
const storedText = async () =>
  ((await app.platform.db.execute(sql`select steps::text as steps from bot_flows`)) as unknown as { rows: Array<{ steps: string }> }).rows
    .map((r) => r.steps)
    .join('\n');

describe('credentials in flow action headers', () => {
  it('are stored sealed, shown masked, and kept when the flow is saved with the mask', async () => {
    const created = await admin.post('/api/v1/assistant/flows', flow({ Authorization: 'Bearer s3cret-token', 'X-Trace': 'abc' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(headersOf(created.json())).toEqual({ Authorization: MASK, 'X-Trace': 'abc' });
    expect(await storedText()).not.toContain('s3cret-token');
    const id = created.json().id as string;

    const read = (await admin.get(`/api/v1/assistant/flows/${id}`)).json();
    expect(headersOf(read)).toEqual({ Authorization: MASK, 'X-Trace': 'abc' });
    const sealedBefore = await storedText();
    // Saving what the editor shows (the mask) keeps the stored credential as it was.
    const saved = await admin.request('PUT', `/api/v1/assistant/flows/${id}`, { ...flow(headersOf(read) ?? {}), name: 'Lookup v2' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await storedText()).match(/sealed:[\w.-]+/)?.[0]).toBe(sealedBefore.match(/sealed:[\w.-]+/)?.[0]);

    // A new value replaces it; it is sealed too.
    const replaced = await admin.request('PUT', `/api/v1/assistant/flows/${id}`, flow({ Authorization: 'Bearer n3w-token' }));
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(await storedText()).not.toContain('n3w-token');
  });

  it('refuses a mask with nothing stored behind it, at the header', async () => {
    const res = await admin.post('/api/v1/assistant/flows', flow({ 'X-Api-Key': MASK }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'validation.failed',
      errors: [{ path: 'steps.0.headers.X-Api-Key', code: 'secret_missing' }],
    });
  });
});
