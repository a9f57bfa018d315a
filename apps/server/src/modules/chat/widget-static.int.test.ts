import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp } from '../../test/harness.js';
import { ChatKit } from './chat-test-kit.js';

let app: TestApp;
let bare: TestApp;
let kit: ChatKit;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-widget-'));
const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-widget-none-'));

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'loader.js'), 'console.log("loader")');
  fs.writeFileSync(path.join(dist, 'frame.html'), '<!doctype html><title>chat</title>');
  fs.writeFileSync(path.join(dist, 'assets', 'frame-CGGyirkC.js'), 'export {}');
  app = await startApp({ build: { widgetDistDir: dist } });
  bare = await startApp({ build: { widgetDistDir: empty } });
  kit = new ChatKit(app);
});
afterAll(async () => {
  await app?.close();
  await bare?.close();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(empty, { recursive: true, force: true });
});

describe('serving the widget at /widget/', () => {
  it('serves loader.js with a short cache and ETag, hashed assets for a year', async () => {
    const c = new Client(app);
    const loader = await c.get('/widget/loader.js');
    expect(loader.statusCode).toBe(200);
    expect(loader.body).toBe('console.log("loader")');
    expect(loader.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(loader.headers['cache-control']).toBe('public, max-age=300');
    expect(loader.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(loader.headers['x-content-type-options']).toBe('nosniff');
    expect(loader.headers['access-control-allow-origin']).toBeUndefined();
    const etag = loader.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await c.get('/widget/loader.js', { 'if-none-match': etag })).statusCode).toBe(304);
    const asset = await c.get('/widget/assets/frame-CGGyirkC.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await c.get('/widget/assets/nope.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('route.not_found');
  });

  it("lets only the channel's allowed origins frame frame.html, any origin when it lists none, none for unknown keys", async () => {
    const c = new Client(app);
    const listed = await kit.workspace({ allowedOrigins: ['https://shop.example.com', 'https://*.example.org'] });
    const frame = await c.get(`/widget/frame.html?key=${listed.key}`);
    expect(frame.statusCode).toBe(200);
    expect(frame.body).toContain('<title>chat</title>');
    expect(frame.headers['content-security-policy']).toBe('frame-ancestors https://shop.example.com https://*.example.org');
    expect(frame.headers['x-frame-options']).toBeUndefined();
    expect(frame.headers['cache-control']).toBe('no-cache');
    expect(frame.headers['x-content-type-options']).toBe('nosniff');
    const open = await kit.workspace();
    expect((await c.get(`/widget/frame.html?key=${open.key}`)).headers['content-security-policy']).toBe('frame-ancestors *');
    expect((await c.get('/widget/frame.html?key=unknown')).headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect((await c.get('/widget/frame.html')).headers['content-security-policy']).toBe("frame-ancestors 'none'");
    await open.admin.client.patch(`/api/v1/channels/${open.channel.id}`, { enabled: false });
    expect((await c.get(`/widget/frame.html?key=${open.key}`)).headers['content-security-policy']).toBe("frame-ancestors 'none'");
  });

  it('answers 404 problems for /widget/ when the widget is not built, and the server still runs', async () => {
    const c = new Client(bare);
    for (const url of ['/widget/loader.js', '/widget/frame.html?key=x', '/widget/']) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await c.get('/healthz')).statusCode).toBe(200);
  });
});
