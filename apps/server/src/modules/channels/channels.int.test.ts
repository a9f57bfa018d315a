import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app.close());

describe('channels', () => {
  it('validates settings per kind, never shows the secret again, and rotation invalidates identities', async () => {
    const ws = await createWorkspace(app);
    const { client: admin } = await signedIn(app, ws.id, 'admin');
    const bad = await admin.post('/api/v1/channels', { kind: 'web_chat', name: 'Site', settings: { color: 'red', position: 'top' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('channel.settings_invalid');
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['settings.color', 'settings.position']);

    const created = await admin.post('/api/v1/channels', { kind: 'web_chat', name: 'Site', settings: { color: '#112233' } });
    expect(created.statusCode).toBe(201);
    const { channel, secret } = created.json();
    expect(channel.settings).toMatchObject({ color: '#112233', position: 'right', idleTimeoutMinutes: 30 });
    expect(JSON.stringify((await admin.get(`/api/v1/channels/${channel.id}`)).json())).not.toContain(secret);

    const visitor = new Client(app);
    const base = `/api/v1/widget/${channel.publicKey}`;
    const hashWith = (s: string) => createHmac('sha256', s).update('host-1').digest('hex');
    const rotated = (await admin.post(`/api/v1/channels/${channel.id}/rotate-secret`)).json();
    expect(rotated.secret).not.toBe(secret);
    const old = await visitor.post(`${base}/visitors`, { identify: { userId: 'host-1', email: 'h1@example.com', hash: hashWith(secret) } });
    expect(old.json().code).toBe('chat.identity_invalid');
    const ok = await visitor.post(`${base}/visitors`, {
      identify: { userId: 'host-1', email: 'h1@example.com', hash: hashWith(rotated.secret) },
    });
    expect(ok.statusCode).toBe(201);

    expect((await admin.patch(`/api/v1/channels/${channel.id}`, { enabled: false })).json().enabled).toBe(false);
    expect((await visitor.get(`${base}/config`)).json().code).toBe('chat.channel_disabled');
  });

  it('is admin-only', async () => {
    const ws = await createWorkspace(app);
    const { client: agent } = await signedIn(app, ws.id, 'agent');
    expect((await agent.post('/api/v1/channels', { kind: 'web_chat', name: 'x' })).statusCode).toBe(403);
  });
});
