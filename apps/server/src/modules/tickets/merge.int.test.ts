import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../platform/events/outbox.schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { type Client, createUser, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { attachments, tickets } from './tickets.schema.js';

let app: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let agent: Awaited<ReturnType<typeof signedIn>>;
let supervisor: Awaited<ReturnType<typeof signedIn>>;
let alice: Awaited<ReturnType<typeof signedIn>>;
let bob: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  app = await startApp();
  ws = await createWorkspace(app);
  agent = await signedIn(app, ws.id, 'agent');
  supervisor = await signedIn(app, ws.id, 'supervisor');
  alice = await signedIn(app, ws.id, 'customer');
  bob = await signedIn(app, ws.id, 'customer');
});
afterAll(async () => app.close());

const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;
type Msg = { id: string; seq: number; kind: string; bodyText: string; event: Record<string, unknown> | null; authorKind: string };

async function portalTicket(client: Client, subject: string, bodyText = `${subject}: details`) {
  const res = await client.post('/api/v1/tickets', { subject, bodyText });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: number };
}
const timeline = async (id: string, client: Client = supervisor.client) =>
  (await client.get(`/api/v1/tickets/${id}/messages`)).json().items as Msg[];

/** An uploaded file already attached to a message (the upload route is not what is tested here). */
async function attachTo(ticketId: string, messageId: string) {
  const id = uuidv7();
  await app.platform.db.insert(attachments).values({
    id,
    workspaceId: ws.id,
    ticketId,
    messageId,
    uploaderId: null,
    filename: 'invoice.pdf',
    contentType: 'application/pdf',
    size: 3,
    sha256: 'abc',
    storageKey: `test/${id}`,
  });
  return id;
}

describe('merging', () => {
  it('moves messages, followers and files to the target and closes the source with a pointer', async () => {
    const source = await portalTicket(alice.client, 'Printer on fire');
    const target = await portalTicket(bob.client, 'Office printer broken');
    const cc = await createUser(app, ws.id, 'customer');
    await agent.client.patch(`/api/v1/tickets/${source.id}`, { followerIds: [cc.id] });
    await agent.client.post(`/api/v1/tickets/${source.id}/messages`, { bodyText: 'Unplug it please' });
    await alice.client.post(`/api/v1/tickets/${source.id}/messages`, { bodyText: 'Done, smoke stopped' });
    await agent.client.post(`/api/v1/tickets/${source.id}/messages`, { kind: 'note', bodyText: 'same as the office one' });
    const sourceBefore = await timeline(source.id);
    const fileId = await attachTo(source.id, sourceBefore[0]?.id as string);
    const targetBefore = (await supervisor.client.get(`/api/v1/tickets/${target.id}`)).json();

    const refused = await agent.client.post(`/api/v1/tickets/${source.id}/merge`, { targetId: target.id });
    expect(refused.statusCode).toBe(403);

    const res = await supervisor.client.post(`/api/v1/tickets/${source.id}/merge`, { targetId: target.id, note: 'Same printer' });
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json();
    expect(merged.id).toBe(target.id);
    expect(merged.followerIds).toEqual(expect.arrayContaining([alice.user.id, cc.id]));
    expect(merged.version).toBeGreaterThan(targetBefore.version);
    // The source's four replies and notes, plus the merge note.
    expect(merged.messageCount).toBe(targetBefore.messageCount + 5);

    // Target: its own message, then the source's in their order, then the merge event and the note; seq without gaps.
    const items = await timeline(target.id);
    expect(items.map((m) => m.seq)).toEqual(items.map((_, i) => i + 1));
    const moved = items.slice(targetBefore.lastSeq, targetBefore.lastSeq + sourceBefore.length);
    expect(moved.map((m) => m.id)).toEqual(sourceBefore.map((m) => m.id));
    const tail = items.slice(targetBefore.lastSeq + sourceBefore.length);
    expect(tail[0]?.event).toMatchObject({ type: 'merged_from', ticketId: source.id, number: source.number });
    expect(tail[1]).toMatchObject({ kind: 'note', bodyText: 'Same printer' });

    // Source: closed, pointing at the target, only the merge event left on it.
    const src = (await supervisor.client.get(`/api/v1/tickets/${source.id}`)).json();
    expect(src).toMatchObject({ status: 'closed', mergedIntoId: target.id, messageCount: 0 });
    const srcItems = await timeline(source.id);
    expect(srcItems).toHaveLength(1);
    expect(srcItems[0]?.event).toMatchObject({ type: 'merged_into', ticketId: target.id, number: target.number });

    const [file] = await app.platform.db.select().from(attachments).where(eq(attachments.id, fileId));
    expect(file?.ticketId).toBe(target.id);

    // The requester of the source still opens it (with the pointer) and now follows the target.
    const aliceSource = await alice.client.get(`/api/v1/tickets/${source.id}`);
    expect(aliceSource.json()).toMatchObject({ status: 'closed', mergedIntoNumber: target.number });
    const aliceTarget = await alice.client.get(`/api/v1/tickets/${target.id}`);
    expect(aliceTarget.statusCode).toBe(200);
    expect(aliceTarget.json().following).toBe(true);
    const aliceView = await alice.client.get(`/api/v1/tickets/${target.id}/messages`);
    expect(aliceView.body).toContain('Done, smoke stopped');
    expect(aliceView.body).not.toContain('same as the office one');
    expect(aliceView.body).not.toContain('Same printer');

    const [event] = await app.platform.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.type, 'ticket.merged'), eq(outboxEvents.subjectId, target.id)));
    expect(event?.payload).toMatchObject({
      sourceId: source.id,
      targetId: target.id,
      sourceRequesterId: alice.user.id,
      targetRequesterId: bob.user.id,
    });

    // Replying on the merged source is refused; the conversation lives on the target.
    const late = await alice.client.post(`/api/v1/tickets/${source.id}/messages`, { bodyText: 'hello?' });
    expect(late.statusCode).toBe(409);
  });

  it('refuses merging into itself, twice, into a merged or closed ticket, or across workspaces', async () => {
    const a = await portalTicket(alice.client, 'A');
    const b = await portalTicket(alice.client, 'B');
    const c = await portalTicket(alice.client, 'C');
    const self = await supervisor.client.post(`/api/v1/tickets/${a.id}/merge`, { targetId: a.id });
    expect(self.statusCode).toBe(409);
    expect(code(self)).toBe('merge.invalid');
    expect((await supervisor.client.post(`/api/v1/tickets/${a.id}/merge`, { targetId: b.id })).statusCode).toBe(200);
    const twice = await supervisor.client.post(`/api/v1/tickets/${a.id}/merge`, { targetId: c.id });
    expect(twice.statusCode).toBe(409);
    expect(code(twice)).toBe('merge.invalid');
    const intoMerged = await supervisor.client.post(`/api/v1/tickets/${c.id}/merge`, { targetId: a.id });
    expect(code(intoMerged)).toBe('merge.invalid');

    const d = await portalTicket(alice.client, 'D');
    await supervisor.client.patch(`/api/v1/tickets/${d.id}`, { status: 'solved' });
    await supervisor.client.patch(`/api/v1/tickets/${d.id}`, { status: 'closed' });
    const intoClosed = await supervisor.client.post(`/api/v1/tickets/${c.id}/merge`, { targetId: d.id });
    expect(code(intoClosed)).toBe('merge.invalid');

    const other = await createWorkspace(app);
    const otherCustomer = await signedIn(app, other.id, 'customer');
    const foreign = await portalTicket(otherCustomer.client, 'Elsewhere');
    const across = await supervisor.client.post(`/api/v1/tickets/${c.id}/merge`, { targetId: foreign.id });
    expect(across.statusCode).toBe(404);
    expect(code(across)).toBe('ticket.not_found');
    // Nothing happened to c along the way.
    expect((await supervisor.client.get(`/api/v1/tickets/${c.id}`)).json()).toMatchObject({ status: 'new', mergedIntoId: null });
  });
});

describe('links', () => {
  it('links and unlinks a pair, visible from both sides, with timeline events', async () => {
    const a = await portalTicket(alice.client, 'Link A');
    const b = await portalTicket(bob.client, 'Link B');
    const first = await agent.client.post(`/api/v1/tickets/${a.id}/links`, { otherId: b.id });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ id: b.id, number: b.number, subject: 'Link B', status: 'new' });
    expect((await agent.client.post(`/api/v1/tickets/${b.id}/links`, { otherId: a.id })).statusCode).toBe(200);
    expect((await agent.client.get(`/api/v1/tickets/${a.id}/links`)).json().items.map((t: { id: string }) => t.id)).toEqual([b.id]);
    expect((await agent.client.get(`/api/v1/tickets/${b.id}/links`)).json().items.map((t: { id: string }) => t.id)).toEqual([a.id]);
    const events = (await timeline(b.id)).filter((m) => m.kind === 'event').map((m) => m.event);
    expect(events).toContainEqual({ type: 'linked', ticketId: a.id, number: a.number });

    expect((await alice.client.get(`/api/v1/tickets/${a.id}/links`)).statusCode).toBe(403);
    expect((await alice.client.post(`/api/v1/tickets/${a.id}/links`, { otherId: b.id })).statusCode).toBe(403);
    const self = await agent.client.post(`/api/v1/tickets/${a.id}/links`, { otherId: a.id });
    expect(code(self)).toBe('link.invalid');

    expect((await agent.client.delete(`/api/v1/tickets/${b.id}/links/${a.id}`)).statusCode).toBe(204);
    expect((await agent.client.get(`/api/v1/tickets/${a.id}/links`)).json().items).toEqual([]);
    const again = await agent.client.delete(`/api/v1/tickets/${b.id}/links/${a.id}`);
    expect(again.statusCode).toBe(404);
    expect(code(again)).toBe('link.invalid');
  });

  it('lists only linked tickets the caller may see, and 404s on other workspaces', async () => {
    const a = await portalTicket(alice.client, 'Visible');
    const hidden = await portalTicket(alice.client, 'Another team');
    expect((await supervisor.client.post(`/api/v1/tickets/${a.id}/links`, { otherId: hidden.id })).statusCode).toBe(201);
    // Moved to a team the agent is not in: agents without ticket.read_all no longer see it.
    await app.platform.db.update(tickets).set({ teamId: uuidv7() }).where(eq(tickets.id, hidden.id));
    expect((await agent.client.get(`/api/v1/tickets/${a.id}/links`)).json().items).toEqual([]);
    expect((await supervisor.client.get(`/api/v1/tickets/${a.id}/links`)).json().items).toHaveLength(1);

    const other = await createWorkspace(app);
    const otherCustomer = await signedIn(app, other.id, 'customer');
    const foreign = await portalTicket(otherCustomer.client, 'Elsewhere');
    const res = await supervisor.client.post(`/api/v1/tickets/${a.id}/links`, { otherId: foreign.id });
    expect(res.statusCode).toBe(404);
    expect(code(res)).toBe('ticket.not_found');
  });
});

describe('splitting', () => {
  it('copies a reply into a new linked ticket for the same requester, files included', async () => {
    const source = await portalTicket(alice.client, 'Two problems', 'My invoice is wrong');
    await alice.client.post(`/api/v1/tickets/${source.id}/messages`, { bodyText: 'Also, my password reset mail never arrives' });
    await agent.client.post(`/api/v1/tickets/${source.id}/messages`, { kind: 'note', bodyText: 'two issues here' });
    const items = await timeline(source.id);
    const second = items.find((m) => m.bodyText.startsWith('Also'));
    const note = items.find((m) => m.kind === 'note');
    const fileId = await attachTo(source.id, second?.id as string);

    expect((await alice.client.post(`/api/v1/tickets/${source.id}/split`, { messageId: second?.id, subject: 'x' })).statusCode).toBe(403);
    expect((await agent.client.post(`/api/v1/tickets/${source.id}/split`, { messageId: note?.id, subject: 'x' })).statusCode).toBe(400);
    const elsewhere = await portalTicket(alice.client, 'Unrelated');
    const wrong = await agent.client.post(`/api/v1/tickets/${elsewhere.id}/split`, { messageId: second?.id, subject: 'x' });
    expect(wrong.statusCode).toBe(404);
    expect(code(wrong)).toBe('message.not_found');

    const res = await agent.client.post(`/api/v1/tickets/${source.id}/split`, {
      messageId: second?.id,
      subject: 'Password reset mail missing',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      subject: 'Password reset mail missing',
      status: 'new',
      requester: { id: alice.user.id },
      messageCount: 1,
    });
    expect(created.number).toBeGreaterThan(source.number);

    const newItems = await timeline(created.id);
    expect(newItems[0]).toMatchObject({
      seq: 1,
      kind: 'reply',
      authorKind: 'customer',
      bodyText: 'Also, my password reset mail never arrives',
    });
    expect(newItems[1]?.event).toMatchObject({ type: 'split_from', ticketId: source.id, number: source.number });
    const sourceItems = await timeline(source.id);
    expect(sourceItems.some((m) => m.id === second?.id)).toBe(true);
    expect(sourceItems.at(-1)?.event).toMatchObject({ type: 'split_to', ticketId: created.id, number: created.number });

    const copies = await app.platform.db.select().from(attachments).where(eq(attachments.ticketId, created.id));
    expect(copies).toHaveLength(1);
    expect(copies[0]?.id).not.toBe(fileId);
    expect(copies[0]).toMatchObject({ storageKey: `test/${fileId}`, messageId: newItems[0]?.id, filename: 'invoice.pdf' });

    expect((await agent.client.get(`/api/v1/tickets/${source.id}/links`)).json().items.map((t: { id: string }) => t.id)).toEqual([
      created.id,
    ]);
    const aliceView = await alice.client.get(`/api/v1/tickets/${created.id}/messages`);
    expect(aliceView.statusCode).toBe(200);
    expect(aliceView.json().items).toHaveLength(1);
  });
});
