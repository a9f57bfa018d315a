import type { EventType } from '@switchboard/contracts';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.js';
import type { Db, DbOrTx } from '../db/client.js';
import { uuidv7 } from '../ids.js';
import { outboxEvents } from './outbox.schema.js';

export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  workspaceId: string | null;
  type: EventType;
  subjectType: string | null;
  subjectId: string | null;
  payload: P;
  actor: Record<string, unknown>;
  createdAt: Date;
}

export interface NewEvent {
  workspaceId: string | null;
  type: EventType;
  subject?: { type: string; id: string };
  payload?: Record<string, unknown>;
}

/** Records an event inside the caller's transaction: no commit without its event, and vice versa. */
export async function recordEvent(tx: DbOrTx, actor: Actor, event: NewEvent): Promise<string> {
  const id = uuidv7();
  await tx.insert(outboxEvents).values({
    id,
    workspaceId: event.workspaceId,
    type: event.type,
    subjectType: event.subject?.type ?? null,
    subjectId: event.subject?.id ?? null,
    payload: event.payload ?? {},
    actor: describeActor(actor),
  });
  return id;
}

function describeActor(actor: Actor): Record<string, unknown> {
  switch (actor.kind) {
    case 'agent':
    case 'customer':
      return { kind: actor.kind, userId: actor.userId, tokenId: actor.tokenId ?? null };
    default:
      return { kind: actor.kind };
  }
}

export type Listener = (event: DomainEvent) => Promise<void> | void;

interface Registration {
  name: string;
  types: ReadonlySet<string> | '*';
  handle: Listener;
}

const BATCH = 100;
const LEASE_SECONDS = 60;
const MAX_ATTEMPTS = 10;

/**
 * Delivers committed events to listeners, in id order, at least once. Listeners must be
 * idempotent per event id. A failing listener makes the event retry with exponential backoff
 * (and, after MAX_ATTEMPTS, park it as failed for an operator to look at).
 */
export class OutboxDispatcher {
  private readonly listeners: Registration[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly pollMs = 1000,
  ) {}

  on(name: string, types: readonly EventType[] | '*', handle: Listener): void {
    this.listeners.push({ name, types: types === '*' ? '*' : new Set(types), handle });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Called after a commit that recorded events: dispatch now rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Dispatches until nothing is due. Tests and shutdown use it to settle. */
  async drain(): Promise<void> {
    for (;;) {
      await this.running;
      const delivered = await this.dispatchBatch();
      // Leases keep this from delivering what the background loop claimed; but if the loop
      // started while we were claiming, what it holds is not delivered yet: wait for it too.
      if (delivered === 0 && !this.running) return;
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.loop().finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        } else {
          this.schedule(this.pollMs);
        }
      });
    }, ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.dispatchBatch()) === BATCH) {
        // keep going while there is a backlog
      }
    } catch (err) {
      this.log.error({ err }, 'outbox dispatch failed');
    }
  }

  private async dispatchBatch(): Promise<number> {
    const claimed = await this.claim();
    const delivered: string[] = [];
    for (const row of claimed) {
      if (await this.deliver(row)) delivered.push(row.id);
    }
    // One statement for the batch. A crash before it redelivers the batch: listeners are
    // idempotent per event id, as for any at-least-once delivery.
    if (delivered.length) {
      await this.db.update(outboxEvents).set({ dispatchedAt: sql`now()`, leaseUntil: null }).where(inArray(outboxEvents.id, delivered));
    }
    return claimed.length;
  }

  private async claim() {
    const now = sql`now()`;
    const due = this.db
      .select({ id: outboxEvents.id })
      .from(outboxEvents)
      .where(
        and(
          isNull(outboxEvents.dispatchedAt),
          isNull(outboxEvents.failedAt),
          lte(outboxEvents.availableAt, now),
          or(isNull(outboxEvents.leaseUntil), lte(outboxEvents.leaseUntil, now)),
        ),
      )
      .orderBy(asc(outboxEvents.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const rows = await this.db
      .update(outboxEvents)
      .set({ leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where(inArray(outboxEvents.id, due))
      .returning();
    return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Runs the listeners; true when all of them succeeded (the caller marks it dispatched). */
  private async deliver(row: typeof outboxEvents.$inferSelect): Promise<boolean> {
    const event: DomainEvent = {
      id: row.id,
      workspaceId: row.workspaceId,
      type: row.type as EventType,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      payload: row.payload,
      actor: row.actor,
      createdAt: row.createdAt,
    };
    try {
      for (const l of this.listeners) {
        if (l.types !== '*' && !l.types.has(event.type)) continue;
        try {
          await l.handle(event);
        } catch (err) {
          throw Object.assign(new Error(`listener ${l.name} failed: ${(err as Error).message}`), {
            cause: err,
          });
        }
      }
      return true;
    } catch (err) {
      const attempts = row.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      const backoffSeconds = Math.min(3600, 2 ** attempts);
      this.log.error({ err, eventId: row.id, type: row.type, attempts }, 'event listener failed');
      await this.db
        .update(outboxEvents)
        .set({
          attempts,
          lastError: String((err as Error).message).slice(0, 2000),
          leaseUntil: null,
          availableAt: sql`now() + make_interval(secs => ${backoffSeconds})`,
          ...(failed ? { failedAt: sql`now()` } : {}),
        })
        .where(eq(outboxEvents.id, row.id));
      return false;
    }
  }
}
