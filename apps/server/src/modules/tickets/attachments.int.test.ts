import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createWorkspace, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { ATTACHMENTS_CLEANUP_JOB, UPLOAD_RATE, uploadRateKey } from './attachments.service.js';
import { attachments } from './tickets.schema.js';

const MAX = 2048;

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let agent: Awaited<ReturnType<typeof signedIn>>;
let agent2: Awaited<ReturnType<typeof signedIn>>;
let customer: Awaited<ReturnType<typeof signedIn>>;
let stranger: Awaited<ReturnType<typeof signedIn>>;
let otherAdmin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  app = await startApp({ config: { ATTACHMENT_MAX_BYTES: String(MAX) } });
  ws = await createWorkspace(app);
  agent = await signedIn(app, ws.id, 'agent');
  agent2 = await signedIn(app, ws.id, 'admin');
  customer = await signedIn(app, ws.id, 'customer');
  stranger = await signedIn(app, ws.id, 'customer');
  otherAdmin = await signedIn(app, (await createWorkspace(app)).id, 'admin');
});
afterAll(async () => app?.close());

const code = (res: LightMyRequestResponse) => (res.json() as { code: string }).code;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const png = (extra = 64) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(extra)]);
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(100)]);
const text = (s = `notes ${randomBytes(8).toString('hex')}`) => Buffer.from(s);

interface Part {
  name?: string;
  filename?: string;
  type?: string;
  data: Buffer;
}

/** A multipart/form-data body built by hand, as a browser would send it. */
function multipart(...parts: Part[]) {
  const boundary = `----sbtest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name ?? 'file'}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), p.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(client: Client, file: { filename?: string; type?: string; data: Buffer }) {
  const { body, headers } = multipart({
    filename: file.filename ?? 'file.bin',
    ...(file.type ? { type: file.type } : {}),
    data: file.data,
  });
  return client.request('POST', '/api/v1/attachments', body, headers);
}

async function uploaded(client: Client, file: { filename?: string; type?: string; data: Buffer }) {
  const res = await upload(client, file);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    filename: string;
    contentType: string;
    size: number;
    sha256: string;
    url: string;
    previewable: boolean;
  };
}

async function portalTicket(client: Client = customer.client, attachmentIds?: string[]) {
  const res = await client.post('/api/v1/tickets', {
    subject: 'Broken screen',
    bodyText: 'See the photo',
    ...(attachmentIds ? { attachmentIds } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const reply = (client: Client, ticketId: string, attachmentIds: string[], kind: 'reply' | 'note' = 'reply') =>
  client.post(`/api/v1/tickets/${ticketId}/messages`, { kind, bodyText: `here you go (${kind})`, attachmentIds });

const storageDir = () => path.join(app.config.dataDir, 'files');
/** Stored objects on disk (temp files included), relative to the storage directory. */
const storedFiles = () =>
  fs.existsSync(storageDir())
    ? (fs.readdirSync(storageDir(), { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((d) => d.isFile())
        .map((d) => path.relative(storageDir(), path.join(d.parentPath, d.name)))
    : [];
const rowCount = async () => Number((await app.platform.db.select({ n: sql<number>`count(*)` }).from(attachments))[0]?.n);

describe('upload, attach, download', () => {
  it('an agent attaches an image to a reply; agent and customer download the same bytes', async () => {
    const t = await portalTicket();
    const bytes = png();
    const a = await uploaded(agent.client, { filename: 'screen.png', type: 'image/png', data: bytes });
    expect(a).toMatchObject({
      filename: 'screen.png',
      contentType: 'image/png',
      size: bytes.length,
      sha256: sha(bytes),
      previewable: true,
    });
    expect(a.url).toBe(`/api/v1/attachments/${a.id}`);

    const sent = await reply(agent.client, t.id, [a.id]);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().message.attachments).toEqual([a]);

    const timeline = (await customer.client.get(`/api/v1/tickets/${t.id}/messages`)).json().items as { attachments: { id: string }[] }[];
    expect(timeline.flatMap((m) => m.attachments.map((f) => f.id))).toEqual([a.id]);
    for (const who of [agent, agent2, customer]) {
      const res = await who.client.get(a.url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.rawPayload.equals(bytes)).toBe(true);
    }
  });

  it('a customer opens a ticket with a file; staff download it', async () => {
    const bytes = pdf();
    const a = await uploaded(customer.client, { filename: 'invoice.pdf', type: 'application/pdf', data: bytes });
    const t = await portalTicket(customer.client, [a.id]);
    const timeline = (await agent.client.get(`/api/v1/tickets/${t.id}/messages`)).json().items;
    expect(timeline[0].attachments.map((f: { id: string }) => f.id)).toEqual([a.id]);
    const res = await agent.client.get(a.url);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect((await customer.client.get(a.url)).statusCode).toBe(200);
  });

  it('keeps a unicode name and sends it back exactly (filename*)', async () => {
    const a = await uploaded(customer.client, { filename: '报告 (最终).pdf', type: 'application/pdf', data: pdf() });
    expect(a.filename).toBe('报告 (最终).pdf');
    const res = await customer.client.get(a.url);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; /);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('报告 (最终).pdf');
  });

  it('strips paths and control characters from the name', async () => {
    const a = await uploaded(agent.client, { filename: '../../etc/x\u0007y.txt', type: 'text/plain', data: text() });
    expect(a.filename).toBe('xy.txt');
  });
});

describe('who may download', () => {
  it("a note's file is for staff only: the customer gets 404", async () => {
    const t = await portalTicket();
    const a = await uploaded(agent.client, { filename: 'internal.txt', type: 'text/plain', data: text('internal only') });
    expect((await reply(agent.client, t.id, [a.id], 'note')).statusCode).toBe(201);
    expect((await agent2.client.get(a.url)).statusCode).toBe(200);
    const res = await customer.client.get(a.url);
    expect(res.statusCode).toBe(404);
    expect(code(res)).toBe('attachment.not_found');
    expect(res.body).not.toContain('internal only');
  });

  it('another customer of the workspace and another workspace get 404', async () => {
    const t = await portalTicket();
    const a = await uploaded(agent.client, { filename: 'a.png', type: 'image/png', data: png() });
    await reply(agent.client, t.id, [a.id]);
    for (const who of [stranger, otherAdmin]) {
      const res = await who.client.get(a.url);
      expect(res.statusCode).toBe(404);
      expect(code(res)).toBe('attachment.not_found');
      const del = await who.client.delete(a.url);
      expect(del.statusCode).toBe(404);
    }
  });

  it('a staged upload is visible to its uploader only', async () => {
    const a = await uploaded(customer.client, { filename: 'draft.txt', type: 'text/plain', data: text() });
    expect((await customer.client.get(a.url)).statusCode).toBe(200);
    for (const who of [agent2, stranger, otherAdmin]) expect((await who.client.get(a.url)).statusCode).toBe(404);
  });

  it('anonymous callers get 401 everywhere', async () => {
    const a = await uploaded(agent.client, { filename: 'a.txt', type: 'text/plain', data: text() });
    const { body, headers } = multipart({ filename: 'a.txt', type: 'text/plain', data: text() });
    const anon = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Buffer, h?: Record<string, string>) =>
      app.server.inject({ method, url, ...(payload ? { payload } : {}), ...(h ? { headers: h } : {}) });
    for (const res of [await anon('POST', '/api/v1/attachments', body, headers), await anon('GET', a.url), await anon('DELETE', a.url)]) {
      expect(res.statusCode).toBe(401);
      expect(code(res)).toBe('auth.unauthenticated');
    }
  });
});

describe('limits', () => {
  it('accepts exactly the size limit and refuses one byte more with 413, storing nothing', async () => {
    const exact = Buffer.alloc(MAX, 'a');
    expect((await upload(agent.client, { filename: 'max.txt', type: 'text/plain', data: exact })).statusCode).toBe(201);
    const files = storedFiles().sort();
    const rows = await rowCount();
    for (const size of [MAX + 1, 100 * 1024]) {
      const res = await upload(agent.client, { filename: 'big.txt', type: 'text/plain', data: Buffer.alloc(size, 'b') });
      expect(res.statusCode, res.body).toBe(413);
      expect(code(res)).toBe('attachment.too_large');
    }
    expect(storedFiles().sort()).toEqual(files);
    expect(await rowCount()).toBe(rows);
  });

  it('refuses HTML, SVG, executables and spoofed magic bytes with 415, storing nothing', async () => {
    const files = storedFiles().sort();
    const rows = await rowCount();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), randomBytes(200)]);
    const cases = [
      { filename: 'page.html', type: 'text/html', data: text('<script>alert(1)</script>') },
      { filename: 'logo.svg', type: 'image/svg+xml', data: text('<svg onload="alert(1)"/>') },
      { filename: 'setup.exe', type: 'application/x-msdownload', data: exe },
      { filename: 'cat.png', type: 'image/png', data: exe },
      { filename: 'cat.png', type: 'image/png', data: text('not a png at all') },
      { filename: 'photo.jpg', type: 'image/jpeg', data: png() },
      { filename: 'tool', type: 'application/octet-stream', data: exe },
      { filename: 'archive.tar', type: 'application/x-tar', data: text('tarball') },
    ];
    for (const c of cases) {
      const res = await upload(customer.client, c);
      expect(res.statusCode, `${c.filename} ${c.type}: ${res.body}`).toBe(415);
      expect(code(res)).toBe('attachment.type_not_allowed');
    }
    expect(storedFiles().sort()).toEqual(files);
    expect(await rowCount()).toBe(rows);
  });

  it('needs a multipart body with a "file" part', async () => {
    const json = await agent.client.post('/api/v1/attachments', { file: 'nope' });
    expect(json.statusCode).toBe(415);
    expect(code(json)).toBe('request.unsupported_media_type');
    const noFile = multipart({ name: 'comment', data: text('just a field') });
    const res = await agent.client.request('POST', '/api/v1/attachments', noFile.body, noFile.headers);
    expect(res.statusCode).toBe(400);
    const wrongName = multipart({ name: 'upload', filename: 'a.txt', type: 'text/plain', data: text() });
    expect((await agent.client.request('POST', '/api/v1/attachments', wrongName.body, wrongName.headers)).statusCode).toBe(400);
  });

  it('throttles uploads per user', async () => {
    const busy = await signedIn(app, ws.id, 'agent');
    for (let i = 0; i < UPLOAD_RATE.limit; i++)
      await app.platform.rateLimiter.hit(uploadRateKey(busy.user.id), UPLOAD_RATE.limit, UPLOAD_RATE.windowSeconds);
    const res = await upload(busy.client, { filename: 'a.txt', type: 'text/plain', data: text() });
    expect(res.statusCode).toBe(429);
    expect(code(res)).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else is not affected.
    expect((await upload(agent.client, { filename: 'a.txt', type: 'text/plain', data: text() })).statusCode).toBe(201);
  });
});

describe('download headers', () => {
  it('serves as a download with nosniff, exact type and length, private caching and a sandbox', async () => {
    const bytes = pdf();
    const a = await uploaded(agent.client, { filename: 'doc.pdf', type: 'application/pdf', data: bytes });
    const res = await agent.client.get(a.url);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'content-disposition': `attachment; filename="doc.pdf"; filename*=UTF-8''doc.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=300',
      etag: `"${sha(bytes)}"`,
    });
    expect(String(res.headers['content-security-policy'])).toContain('sandbox');
    // Asking a PDF inline still downloads it: only raster images preview.
    expect((await agent.client.get(`${a.url}?inline=1`)).headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('previews PNG inline under a strict CSP', async () => {
    const a = await uploaded(agent.client, { filename: 'shot.png', type: 'image/png', data: png() });
    const res = await agent.client.get(`${a.url}?inline=1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; img-src 'self'; sandbox");
    expect(res.headers['content-type']).toBe('image/png');
  });

  it('answers If-None-Match with 304 and no body; HEAD with headers only', async () => {
    const bytes = png();
    const a = await uploaded(agent.client, { filename: 'e.png', type: 'image/png', data: bytes });
    const cached = await agent.client.get(a.url, { 'if-none-match': `"${sha(bytes)}"` });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect(cached.headers.etag).toBe(`"${sha(bytes)}"`);
    expect((await agent.client.get(a.url, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
    // A matching tag does not bypass authorization.
    expect((await stranger.client.get(a.url, { 'if-none-match': `"${sha(bytes)}"` })).statusCode).toBe(404);
    const head = await agent.client.request('HEAD', a.url);
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(bytes.length));
  });
});

describe('storage and reuse', () => {
  it('stores the same bytes once, however many uploads carry them', async () => {
    const bytes = png(300);
    const key = `${sha(bytes).slice(0, 2)}/${sha(bytes).slice(2, 4)}/${sha(bytes)}`;
    const a = await uploaded(agent.client, { filename: 'one.png', type: 'image/png', data: bytes });
    const b = await uploaded(customer.client, { filename: 'two.png', type: 'image/png', data: bytes });
    expect(b.id).not.toBe(a.id);
    expect(b.sha256).toBe(a.sha256);
    expect(storedFiles().filter((f) => f === path.join(...key.split('/')))).toHaveLength(1);
    expect(storedFiles().filter((f) => f.includes(sha(bytes)))).toHaveLength(1);
  });

  it('an attachment is used once, and only by its uploader', async () => {
    const t = await portalTicket();
    const a = await uploaded(agent.client, { filename: 'a.txt', type: 'text/plain', data: text() });
    expect((await reply(agent.client, t.id, [a.id])).statusCode).toBe(201);
    const again = await reply(agent.client, t.id, [a.id]);
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0]).toMatchObject({ path: 'attachmentIds', code: 'attachment_not_found' });
    const mine = await uploaded(agent.client, { filename: 'b.txt', type: 'text/plain', data: text() });
    expect((await reply(agent2.client, t.id, [mine.id])).statusCode).toBe(400);
    expect((await customer.client.post('/api/v1/tickets', { subject: 's', bodyText: 'b', attachmentIds: [mine.id] })).statusCode).toBe(400);
    const foreign = await uploaded(otherAdmin.client, { filename: 'c.txt', type: 'text/plain', data: text() });
    expect((await reply(agent.client, t.id, [foreign.id])).statusCode).toBe(400);
  });

  it('the uploader discards a staged upload (bytes go unless shared); attached ones are in use', async () => {
    const t = await portalTicket();
    const used = await uploaded(agent.client, { filename: 'used.txt', type: 'text/plain', data: text() });
    await reply(agent.client, t.id, [used.id]);
    const del = await agent.client.delete(used.url);
    expect(del.statusCode).toBe(409);
    expect(code(del)).toBe('attachment.in_use');

    const shared = text('shared bytes for delete');
    const keep = await uploaded(customer.client, { filename: 'keep.txt', type: 'text/plain', data: shared });
    const drop = await uploaded(agent.client, { filename: 'drop.txt', type: 'text/plain', data: shared });
    const lone = await uploaded(agent.client, { filename: 'lone.txt', type: 'text/plain', data: text() });
    expect((await agent2.client.delete(drop.url)).statusCode).toBe(404);
    for (const a of [drop, lone]) expect((await agent.client.delete(a.url)).statusCode).toBe(204);
    expect((await agent.client.get(drop.url)).statusCode).toBe(404);
    expect(storedFiles().some((f) => f.endsWith(keep.sha256))).toBe(true);
    expect(storedFiles().some((f) => f.endsWith(lone.sha256))).toBe(false);
    expect((await customer.client.get(keep.url)).rawPayload.equals(shared)).toBe(true);
  });
});

describe('cleanup of stale uploads', () => {
  it('a daily job removes staged uploads older than a day, and their bytes when unshared', async () => {
    const schedules = await app.platform.jobs.pgBoss.getSchedules();
    expect(schedules.map((s) => s.name)).toContain(ATTACHMENTS_CLEANUP_JOB);

    const t = await portalTicket();
    const old = await uploaded(agent.client, { filename: 'old.txt', type: 'text/plain', data: text() });
    const oldAttached = await uploaded(agent.client, { filename: 'attached.txt', type: 'text/plain', data: text() });
    await reply(agent.client, t.id, [oldAttached.id]);
    const fresh = await uploaded(agent.client, { filename: 'fresh.txt', type: 'text/plain', data: text() });
    // A reply scheduled for next week keeps its upload staged until it is sent.
    const held = await uploaded(agent.client, { filename: 'held.txt', type: 'text/plain', data: text() });
    const sendAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const scheduled = await agent.client.post(`/api/v1/tickets/${t.id}/messages`, { bodyText: 'Later', attachmentIds: [held.id], sendAt });
    expect(scheduled.statusCode, scheduled.body).toBe(202);
    const dayAgo = sql`now() - interval '25 hours'`;
    for (const id of [old.id, oldAttached.id, held.id])
      await app.platform.db.update(attachments).set({ createdAt: dayAgo }).where(eq(attachments.id, id));

    await app.platform.jobs.send(ATTACHMENTS_CLEANUP_JOB, {});
    await waitFor(async () => (await agent.client.get(old.url)).statusCode === 404);
    expect(storedFiles().some((f) => f.endsWith(old.sha256))).toBe(false);
    for (const a of [oldAttached, fresh, held]) {
      const res = await agent.client.get(a.url);
      expect(res.statusCode, a.filename).toBe(200);
    }
  });
});
