import type { EventType } from '@switchboard/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, signedIn, startApp, type TestApp, waitFor } from '../../test/harness.js';
import { SYSTEM } from '../auth/actor.js';
import { uuidv7 } from '../ids.js';
import { type DomainEvent, recordEvent } from './outbox.js';
import { outboxEvents } from './outbox.schema.js';

describe('transactional outbox', () => {
  let app: TestApp;
  /** Every event delivered to this file's catch-all listener, in delivery order. */
  const seen: DomainEvent[] = [];
  const seenWithSubject = (id: string) => seen.filter((e) => e.subjectId === id);

  beforeAll(async () => {
    app = await startApp();
    app.platform.outbox.on('test.record-everything', '*', (event) => {
      seen.push(event);
    });
  });
  afterAll(async () => app.close());

  async function row(id: string) {
    const [r] = await app.platform.db.select().from(outboxEvents).where(eq(outboxEvents.id, id));
    return r;
  }

  /** Commits one event about a fresh subject and returns both ids. */
  async function commitEvent(type: EventType = 'workspace.updated', subjectId = uuidv7()) {
    const id = await app.platform.transaction((tx) =>
      recordEvent(tx, SYSTEM, { workspaceId: null, type, subject: { type: 'test', id: subjectId } }),
    );
    return { id, subjectId };
  }

  it('a committed change through the API records its event, delivered to listeners exactly once', async () => {
    const ws = await createWorkspace(app);
    const { client, user } = await signedIn(app, ws.id, 'agent');
    const res = await client.patch('/api/v1/me', { name: 'Renamed Agent' });
    expect(res.statusCode).toBe(200);

    const [delivered] = await waitFor(() => {
      const events = seenWithSubject(user.id).filter((e) => e.type === 'user.updated');
      return events.length ? events : null;
    });
    expect(delivered?.workspaceId).toBe(ws.id);
    expect(delivered?.payload).toEqual({ fields: ['name'] });
    expect(delivered?.actor).toMatchObject({ kind: 'agent', userId: user.id });

    // Settled: marked dispatched, and no second delivery turns up.
    await app.settle();
    const stored = await row(delivered?.id ?? '');
    expect(stored?.dispatchedAt).toBeInstanceOf(Date);
    expect(stored?.attempts).toBe(0);
    expect(seenWithSubject(user.id).filter((e) => e.type === 'user.updated')).toHaveLength(1);
  });

  it('a request that fails validation changes nothing and records no event', async () => {
    const ws = await createWorkspace(app);
    const { client, user } = await signedIn(app, ws.id, 'agent');
    const res = await client.patch('/api/v1/me', { timezone: 'Mars/Olympus_Mons' });
    expect(res.statusCode).toBe(400);
    const rows = await app.platform.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.subjectId, user.id), eq(outboxEvents.type, 'user.updated')));
    expect(rows).toEqual([]);
  });

  it('a transaction that throws after recording an event leaves no event, and no listener sees it', async () => {
    let recorded = '';
    const failed = app.platform.transaction(async (tx) => {
      recorded = await recordEvent(tx, SYSTEM, { workspaceId: null, type: 'workspace.updated' });
      throw new Error('boom after recordEvent');
    });
    await expect(failed).rejects.toThrow('boom after recordEvent');
    expect(recorded).not.toBe('');
    expect(await row(recorded)).toBeUndefined();

    // An event committed afterwards is delivered, so the dispatcher has run past the rolled-back one.
    const later = await commitEvent();
    await waitFor(() => seenWithSubject(later.subjectId).length === 1);
    await app.settle();
    expect(seen.some((e) => e.id === recorded)).toBe(false);
  });

  it('an event whose listener throws is retried later and then delivered, without holding up later events', async () => {
    const failOnce = new Set<string>();
    const attempts = new Map<string, number>();
    app.platform.outbox.on('test.fails-once', ['role.changed'], (event) => {
      if (!failOnce.has(event.subjectId ?? '')) return;
      attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
      if (attempts.get(event.id) === 1) throw new Error('listener is having a bad moment');
    });

    const subject = uuidv7();
    failOnce.add(subject);
    const flaky = await commitEvent('role.changed', subject);

    // The first attempt fails: counted, explained, and put off with backoff.
    await waitFor(async () => (await row(flaky.id))?.attempts === 1);
    const afterFailure = await row(flaky.id);
    expect(afterFailure?.dispatchedAt).toBeNull();
    expect(afterFailure?.failedAt).toBeNull();
    expect(afterFailure?.lastError).toContain('test.fails-once');
    expect(afterFailure?.lastError).toContain('listener is having a bad moment');
    expect(afterFailure?.availableAt.getTime()).toBeGreaterThan(Date.now() - 500);

    // A later event is not stuck behind the failing one.
    const next = await commitEvent('role.changed');
    await waitFor(() => seenWithSubject(next.subjectId).length === 1, 2_000);
    expect((await row(flaky.id))?.dispatchedAt).toBeNull();

    // The retry (2 s backoff, 1 s poll) delivers it.
    await waitFor(async () => (await row(flaky.id))?.dispatchedAt, 10_000);
    expect(attempts.get(flaky.id)).toBe(2);
    const delivered = await row(flaky.id);
    expect(delivered?.attempts).toBe(1);
    // The catch-all listener runs before the failing one, so it saw the event on both attempts:
    // delivery is at least once, and listeners must be idempotent per event id.
    expect(seenWithSubject(subject).map((e) => e.id)).toEqual([flaky.id, flaky.id]);
  }, 20_000);

  it('delivers a backlog in id order, across batches and transactions', async () => {
    // Let a backlog build while the dispatcher is stopped (as after a restart).
    await app.platform.outbox.stop();
    const marker = uuidv7();
    const recorded: string[] = [];
    try {
      for (let t = 0; t < 3; t++) {
        await app.platform.transaction(async (tx) => {
          for (let i = 0; i < 45; i++) {
            const types: EventType[] = ['workspace.updated', 'user.updated', 'invitation.created'];
            recorded.push(
              await recordEvent(tx, SYSTEM, {
                workspaceId: null,
                type: types[i % 3] as EventType,
                subject: { type: 'test', id: uuidv7() },
                payload: { marker, n: recorded.length },
              }),
            );
          }
        });
      }
      const pending = await app.platform.db.select({ id: outboxEvents.id }).from(outboxEvents).where(inArray(outboxEvents.id, recorded));
      expect(pending).toHaveLength(135);
      expect(seen.filter((e) => e.payload.marker === marker)).toEqual([]);
    } finally {
      app.platform.outbox.start();
    }

    await waitFor(() => seen.filter((e) => e.payload.marker === marker).length >= recorded.length);
    const order = seen.filter((e) => e.payload.marker === marker);
    expect(order.map((e) => e.id)).toEqual(recorded);
    expect(order.map((e) => e.payload.n)).toEqual(recorded.map((_, i) => i));
    expect([...recorded].sort()).toEqual(recorded);
  });

  it('the daily prune deletes events dispatched more than a week ago, and keeps newer, pending and failed ones', async () => {
    // Ids as UUIDv7 of a given time (the prune goes by the id's time).
    const idAt = (daysAgo: number) => {
      const hex = (Date.now() - daysAgo * 86_400_000).toString(16).padStart(12, '0');
      const tail = uuidv7().slice(14);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${tail}`;
    };
    const row = (id: string, state: 'dispatched' | 'pending' | 'failed') => ({
      id,
      workspaceId: null,
      type: 'workspace.updated',
      payload: {},
      actor: { kind: 'system' },
      // pending ones are not due yet, so the running dispatcher leaves them alone
      availableAt: new Date(Date.now() + 3_600_000),
      ...(state === 'dispatched' ? { dispatchedAt: new Date() } : {}),
      ...(state === 'failed' ? { failedAt: new Date() } : {}),
    });
    const old = [idAt(9), idAt(8)];
    const kept = [idAt(6), idAt(1)];
    const oldPending = idAt(10);
    const oldFailed = idAt(10);
    await app.platform.db
      .insert(outboxEvents)
      .values([
        ...old.map((id) => row(id, 'dispatched')),
        ...kept.map((id) => row(id, 'dispatched')),
        row(oldPending, 'pending'),
        row(oldFailed, 'failed'),
      ] as (typeof outboxEvents.$inferInsert)[]);
    const ids = [...old, ...kept, oldPending, oldFailed];
    expect(await app.platform.outbox.prune()).toBeGreaterThanOrEqual(2);
    const left = await app.platform.db.select({ id: outboxEvents.id }).from(outboxEvents).where(inArray(outboxEvents.id, ids));
    expect(left.map((r) => r.id).sort()).toEqual([...kept, oldPending, oldFailed].sort());
    await app.platform.db.delete(outboxEvents).where(inArray(outboxEvents.id, ids));
  });
});
