import type { EventType } from '@switchboard/contracts';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.js';
import type { Db, DbOrTx } from '../db/client.js';
import { RowShape, rawRows } from '../db/raw.js';
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
  const values = eventValues(actor, event);
  // Every write records one: plain SQL text (see platform/db/raw.ts).
  await rawRows(tx, INSERT_EVENT, values);
  return values[0];
}

/** The columns of an event insert, for statements that write one with something else. */
export const EVENT_INSERT_COLUMNS = '("id", "workspace_id", "type", "subject_type", "subject_id", "payload", "actor")';
const INSERT_EVENT = `insert into "outbox_events" ${EVENT_INSERT_COLUMNS} values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`;

/**
 * The seven values of an event insert, in EVENT_INSERT_COLUMNS order (payload and actor as JSON
 * text, to be cast to jsonb): a statement that writes an event along with its subject uses them.
 */
export function eventValues(actor: Actor, event: NewEvent): [id: string, ...rest: Array<string | null>] {
  return [
    uuidv7(),
    event.workspaceId,
    event.type,
    event.subject?.type ?? null,
    event.subject?.id ?? null,
    JSON.stringify(event.payload ?? {}),
    JSON.stringify(describeActor(actor)),
  ];
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
 * How long a kick waits, so the commits of a busy moment are claimed together: each claim is a
 * statement with an index scan and row locks, and a claim per committed message was the most
 * expensive statement of a chat line. 20 ms is below what a person notices for the pushes that
 * go through here (bot replies, REST writes); chat lines are pushed by their writer.
 */
const KICK_DELAY_MS = 20;
const EVENT_ROW = new RowShape<typeof outboxEvents.$inferSelect>(getTableColumns(outboxEvents));
/**
 * Marks the previous batch ($3) dispatched and leases the next due events, in id order, to this
 * node (skipping rows another node is claiming). The marked rows are still leased in the
 * claim's snapshot, so they are never claimed again.
 */
const CLAIM = `with done as (
    update "outbox_events" set "dispatched_at" = now(), "lease_until" = null where "id" = any($3::uuid[]))
  update "outbox_events" set "lease_until" = now() + make_interval(secs => $1::int)
  where "id" in (
    select "id" from "outbox_events"
    where "dispatched_at" is null and "failed_at" is null and "available_at" <= now()
      and ("lease_until" is null or "lease_until" <= now())
    order by "id" limit $2::int
    for update skip locked)
  returning ${EVENT_ROW.list}`;

/**
 * Delivers committed events to listeners, in id order, at least once. Listeners must be
 * idempotent per event id. A failing listener makes the event retry with exponential backoff
 * (and, after MAX_ATTEMPTS, park it as failed for an operator to look at).
 */
/** The daily job that deletes dispatched events once they are a week old (app.ts schedules it). */
export const OUTBOX_PRUNE_JOB = 'outbox.prune';
const KEEP_DISPATCHED_DAYS = 7;
const PRUNE_BATCH = 5_000;
// Ids are UUIDv7, so "older than" is a range of the primary key; failed events are kept.
const PRUNE = `with gone as (delete from "outbox_events" where "id" in (
  select "id" from "outbox_events" where "id" < $1::uuid and "dispatched_at" is not null limit ${PRUNE_BATCH}) returning 1)
  select count(*)::int as "n" from gone`;

/** The smallest UUIDv7 of the millisecond `at`: every id made before it sorts lower. */
function uuidv7Floor(at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

export class OutboxDispatcher {
  private readonly listeners: Registration[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private kicked = false;
  private stopped = true;
  /** Delivered, not yet marked: the next claim (a kick or the poll, at most pollMs away) marks them. */
  private pending: string[] = [];

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
    await this.flushMarks();
  }

  /**
   * Called after a commit that recorded events: dispatch in a few milliseconds rather than at
   * the next poll. The short wait gathers the commits of a busy moment into one claim.
   */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.kicked) return;
    this.kicked = true;
    this.schedule(KICK_DELAY_MS);
  }

  /** Dispatches until nothing is due. Tests and shutdown use it to settle. */
  async drain(): Promise<void> {
    for (;;) {
      await this.running;
      const { claimed, delivered } = await this.dispatchBatch(this.takeMarks());
      if (delivered.length) await this.mark(delivered);
      // Leases keep this from delivering what the background loop claimed; but if the loop
      // started while we were claiming, what it holds is not delivered yet: wait for it too.
      if (claimed === 0 && !this.running) {
        await this.flushMarks();
        return;
      }
    }
  }

  private takeMarks(): string[] {
    const marks = this.pending;
    this.pending = [];
    return marks;
  }

  private async flushMarks(): Promise<void> {
    const marks = this.takeMarks();
    if (marks.length) await this.mark(marks);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kicked = false;
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
    let marks = this.takeMarks();
    try {
      // Each claim also marks what the previous batch delivered: one statement per batch. A
      // batch smaller than BATCH means nothing more was due: its marks wait for the next claim.
      for (;;) {
        const { claimed, delivered } = await this.dispatchBatch(marks);
        marks = delivered;
        if (claimed < BATCH || this.stopped) break;
      }
    } catch (err) {
      // The marks were not written (the claim failed): they stay pending, their rows leased.
      this.log.error({ err }, 'outbox dispatch failed');
    } finally {
      this.pending.push(...marks);
    }
  }

  /** Marks `marks` dispatched and claims the next batch; runs its listeners. A crash before the marks land redelivers them: listeners are idempotent per event id, as for any at-least-once delivery. */
  private async dispatchBatch(marks: string[] = []): Promise<{ claimed: number; delivered: string[] }> {
    const claimed = await this.claim(marks);
    const delivered: string[] = [];
    for (const row of claimed) {
      if (await this.deliver(row)) delivered.push(row.id);
    }
    return { claimed: claimed.length, delivered };
  }

  /**
   * Deletes events dispatched more than `days` ago, in batches (without it the table grows by a
   * row per message forever). Returns how many went.
   */
  async prune(days = KEEP_DISPATCHED_DAYS, now = new Date()): Promise<number> {
    const cutoff = uuidv7Floor(new Date(now.getTime() - days * 86_400_000));
    let deleted = 0;
    for (;;) {
      const [row] = await rawRows(this.db, PRUNE, [cutoff]);
      const n = Number(row?.n ?? 0);
      deleted += n;
      if (n < PRUNE_BATCH) return deleted;
    }
  }

  /** Marks only: the claim statement with room for no new events. */
  private async mark(ids: string[]): Promise<void> {
    await rawRows(this.db, CLAIM, [LEASE_SECONDS, 0, ids]);
  }

  private async claim(marks: string[]) {
    const rows = await rawRows(this.db, CLAIM, [LEASE_SECONDS, BATCH, marks]);
    return rows.map((r) => EVENT_ROW.map(r)).sort((a, b) => (a.id < b.id ? -1 : 1));
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
