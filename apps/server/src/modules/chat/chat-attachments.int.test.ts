import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { ChatKit, collect } from './chat-test-kit.js';

const MAX = 2048;
let app: TestApp;
let kit: ChatKit;

beforeAll(async () => {
  app = await startApp({ config: { ATTACHMENT_MAX_BYTES: String(MAX) } });
  kit = new ChatKit(app);
  await kit.listen();
});
afterAll(async () => app.close());
afterEach(() => kit.closeSockets());

const png = (extra = 64) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(extra)]);
const code = (res: LightMyRequestResponse) => (res.json() as { code: string }).code;

/** A multipart/form-data body as a browser sends it. */
function multipart(file: { filename: string; type: string; data: Buffer }) {
  const boundary = `----sbchat${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), file.data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(c: Client, url: string, file: { filename: string; type: string; data: Buffer }, headers: Record<string, string> = {}) {
  const m = multipart(file);
  return c.request('POST', url, m.body, { ...m.headers, ...headers });
}

/** A visitor with a started chat, and the agent of the workspace. */
async function chatWithAgent(settings: Record<string, unknown> = {}) {
  const w = await kit.workspace(settings);
  const agent = await kit.agent(w.ws.id);
  const c = new Client(app);
  const v = await kit.visitor(c, w.key);
  const started = await kit.startChat(c, w.key, v.visitorToken, 'I have a screenshot');
  expect(started.statusCode, started.body).toBe(201);
  const sessionId = started.json().session.id as string;
  const ticketId = (await agent.client.get(`/api/v1/chats/${sessionId}`)).json().ticketId as string;
  const h = { 'x-visitor-token': v.visitorToken };
  return { ...w, agent, c, v, h, sessionId, ticketId, base: `/api/v1/widget/${w.key}` };
}

describe('visitor attachments', () => {
  it('uploads an image, sends it over the socket, the agent sees and downloads it, the visitor previews it', async () => {
    const t = await chatWithAgent();
    const config = (await t.c.get(`${t.base}/config`)).json();
    expect(config.attachments).toMatchObject({ enabled: true, maxBytes: MAX });
    expect(config.attachments.types).toContain('image/*');

    const bytes = png();
    const up = await upload(t.c, `${t.base}/attachments`, { filename: 'shot.png', type: 'image/png', data: bytes }, t.h);
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json() as { id: string; url: string; previewable: boolean; contentType: string; size: number };
    expect(file).toMatchObject({
      contentType: 'image/png',
      size: bytes.length,
      previewable: true,
      url: `${t.base}/attachments/${file.id}`,
    });

    const vs = await kit.visitorSocket(t.v.visitorToken);
    const as = await kit.agentSocket(t.agent.client);
    expect(await vs.emitWithAck('subscribe', { room: `chat:${t.sessionId}` })).toEqual({ ok: true });
    expect(await as.emitWithAck('subscribe', { room: `chat:${t.sessionId}` })).toEqual({ ok: true });
    const agentGot = collect<{ text: string; attachments: Array<{ id: string }> }>(as, 'chat.message');
    const ack = await vs.emitWithAck('chat.send', { sessionId: t.sessionId, clientId: 'f1', text: '', attachmentIds: [file.id] });
    expect(ack).toMatchObject({ ok: true, duplicate: false });
    const pushed = await waitFor(() => agentGot.find((m) => m.attachments.length));
    expect(pushed).toMatchObject({ text: '', attachments: [{ id: file.id, filename: 'shot.png' }] });

    // The agent's timeline carries the file (named in the body), and the staff download serves it.
    const timeline = (await t.agent.client.get(`/api/v1/tickets/${t.ticketId}/messages`)).json().items as Array<{
      bodyText: string;
      attachments: Array<{ id: string }>;
    }>;
    expect(timeline.find((m) => m.attachments.some((a) => a.id === file.id))?.bodyText).toBe('shot.png');
    const staff = await t.agent.client.get(`/api/v1/attachments/${file.id}`);
    expect(staff.statusCode).toBe(200);
    expect(staff.rawPayload.equals(bytes)).toBe(true);

    const own = await t.c.get(file.url, t.h);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(bytes)).toBe(true);
    expect(own.headers['content-disposition']).toMatch(/^attachment; filename="shot.png"/);
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.headers['cache-control']).toBe('private, max-age=300');
    const preview = await t.c.get(`${file.url}?inline=1`, t.h);
    expect(preview.headers['content-disposition']).toMatch(/^inline;/);
    expect((await t.c.get(file.url, { ...t.h, 'if-none-match': own.headers.etag as string })).statusCode).toBe(304);

    const sync = (await t.c.get(`${t.base}/conversations/${t.sessionId}/messages`, t.h)).json();
    expect(sync.messages.at(-1)).toMatchObject({ seq: ack.seq, text: '', attachments: [{ id: file.id, url: file.url }] });
    // A file is sent once: reusing its id in another message is refused.
    const again = await t.c.post(`${t.base}/conversations/${t.sessionId}/messages`, { clientId: 'f2', attachmentIds: [file.id] }, t.h);
    expect(again.statusCode).toBe(400);
  });

  it("keeps files to their conversation: other visitors get 404, notes' files stay hidden, staged ids cannot be borrowed", async () => {
    const t = await chatWithAgent();
    const up = await upload(t.c, `${t.base}/attachments`, { filename: 'a.png', type: 'image/png', data: png() }, t.h);
    const staged = up.json() as { id: string; url: string };
    const other = await kit.visitor(new Client(app), t.key);
    const oh = { 'x-visitor-token': other.visitorToken };
    expect((await t.c.get(staged.url, oh)).statusCode).toBe(404);
    const otherStart = await kit.startChat(t.c, t.key, other.visitorToken, 'Mine');
    const borrowed = await t.c.post(
      `${t.base}/conversations/${otherStart.json().session.id}/messages`,
      { clientId: 'b1', text: 'look', attachmentIds: [staged.id] },
      oh,
    );
    expect(borrowed.statusCode).toBe(400);

    expect(
      (await t.c.post(`${t.base}/conversations/${t.sessionId}/messages`, { clientId: 's1', attachmentIds: [staged.id] }, t.h)).statusCode,
    ).toBe(201);
    const sent = await t.c.get(staged.url, oh);
    expect(sent.statusCode).toBe(404);
    expect(code(sent)).toBe('attachment.not_found');
    const elsewhere = await kit.workspace();
    const foreign = await kit.visitor(t.c, elsewhere.key);
    const cross = await t.c.get(`/api/v1/widget/${elsewhere.key}/attachments/${staged.id}`, { 'x-visitor-token': foreign.visitorToken });
    expect(cross.statusCode).toBe(404);

    // An agent's public reply shares its file with the visitor; a note's file never.
    const agentUpload = (name: string) =>
      upload(t.agent.client, '/api/v1/attachments', { filename: name, type: 'image/png', data: png() }).then((r) => r.json().id as string);
    const replyFile = await agentUpload('reply.png');
    const noteFile = await agentUpload('note.png');
    await t.agent.client.post(`/api/v1/tickets/${t.ticketId}/messages`, { kind: 'reply', bodyText: 'Here', attachmentIds: [replyFile] });
    await t.agent.client.post(`/api/v1/tickets/${t.ticketId}/messages`, { kind: 'note', bodyText: 'internal', attachmentIds: [noteFile] });
    expect((await t.c.get(`${t.base}/attachments/${replyFile}`, t.h)).statusCode).toBe(200);
    expect((await t.c.get(`${t.base}/attachments/${noteFile}`, t.h)).statusCode).toBe(404);
    const sync = (await t.c.get(`${t.base}/conversations/${t.sessionId}/messages`, t.h)).json();
    expect(sync.messages.find((m: { text: string }) => m.text === 'Here').attachments).toMatchObject([
      { id: replyFile, previewable: true },
    ]);
  });

  it('refuses files over the size limit (413), of refused types (415) and without a visitor token (401)', async () => {
    const t = await chatWithAgent();
    const big = await upload(t.c, `${t.base}/attachments`, { filename: 'big.png', type: 'image/png', data: png(MAX) }, t.h);
    expect(big.statusCode).toBe(413);
    expect(code(big)).toBe('attachment.too_large');
    const html = await upload(
      t.c,
      `${t.base}/attachments`,
      { filename: 'x.html', type: 'text/html', data: Buffer.from('<script>1</script>') },
      t.h,
    );
    expect(html.statusCode).toBe(415);
    expect(code(html)).toBe('attachment.type_not_allowed');
    const exe = await upload(
      t.c,
      `${t.base}/attachments`,
      { filename: 'cat.png', type: 'image/png', data: Buffer.from('MZ\x90\x00binary') },
      t.h,
    );
    expect(exe.statusCode).toBe(415);
    const anonymous = await upload(t.c, `${t.base}/attachments`, { filename: 'a.png', type: 'image/png', data: png() });
    expect(anonymous.statusCode).toBe(401);
    const exact = await upload(t.c, `${t.base}/attachments`, { filename: 'max.png', type: 'image/png', data: png(MAX - 8) }, t.h);
    expect(exact.statusCode, exact.body).toBe(201);
  });

  it('answers chat.attachments_disabled when the channel takes no files', async () => {
    const t = await chatWithAgent({ attachmentsEnabled: false });
    expect((await t.c.get(`${t.base}/config`)).json().attachments.enabled).toBe(false);
    const up = await upload(t.c, `${t.base}/attachments`, { filename: 'a.png', type: 'image/png', data: png() }, t.h);
    expect(up.statusCode).toBe(400);
    expect(code(up)).toBe('chat.attachments_disabled');
    const send = await t.c.post(
      `${t.base}/conversations/${t.sessionId}/messages`,
      { clientId: 'd1', text: 'file', attachmentIds: ['01900000-0000-7000-8000-000000000000'] },
      t.h,
    );
    expect(code(send)).toBe('chat.attachments_disabled');
  });
});
