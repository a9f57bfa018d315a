import type { Job, QueueOptions, SendOptions } from 'pg-boss';
import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.js';
import type { Database, DbOrTx } from '../db/client.js';
import { type DomainEvent, recordEvent } from '../events/outbox.js';

export interface JobDefinition<T extends object> {
  name: string;
  handle(data: T, job: { id: string; retryCount: number }): Promise<void>;
  /** Retries with exponential backoff by default: a failed send is tried again, not lost. */
  options?: QueueOptions;
  /** How many jobs of this queue one process works at once. */
  concurrency?: number;
}

const DEFAULTS: QueueOptions = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 300,
};

/**
 * Durable jobs on the same database as everything else (pg-boss), on PGlite and PostgreSQL.
 * `send` accepts the caller's transaction so a job is enqueued atomically with the change
 * that needs it.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private started = false;
  private working = false;

  constructor(
    database: Database,
    private readonly log: Logger,
  ) {
    this.boss = new PgBoss({
      db: database.bossDb,
      schema: 'pgboss',
      ...(database.kind === 'pglite' ? { backend: 'pglite' as const } : {}),
      // Maintenance on one node is enough but harmless on several; pg-boss coordinates.
      superviseIntervalSeconds: 60,
    });
    this.boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
  }

  define<T extends object>(definition: JobDefinition<T>): void {
    if (this.started) throw new Error(`define ${definition.name} before the queue starts`);
    this.definitions.set(definition.name, definition as JobDefinition<object>);
  }

  /** Installs pg-boss's schema and the queues; `work` additionally starts the workers. */
  async start({ work }: { work: boolean }): Promise<void> {
    await this.boss.start();
    for (const def of this.definitions.values()) {
      const existing = await this.boss.getQueue(def.name);
      const options = { ...DEFAULTS, ...def.options };
      if (existing) await this.boss.updateQueue(def.name, options);
      else await this.boss.createQueue(def.name, options);
    }
    this.started = true;
    if (!work) return;
    this.working = true;
    for (const def of this.definitions.values()) {
      await this.boss.work<object>(
        def.name,
        { batchSize: 1, pollingIntervalSeconds: 0.5, localConcurrency: def.concurrency ?? 1 },
        async ([job]: Job<object>[]) => {
          if (!job) return;
          const retryCount = (job as unknown as { retryCount?: number }).retryCount ?? 0;
          try {
            await def.handle(job.data, { id: job.id, retryCount });
          } catch (err) {
            this.log.warn({ err, job: def.name, jobId: job.id, retryCount }, 'job failed; will retry if attempts remain');
            throw err;
          }
        },
      );
    }
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: this.working, timeout: 10_000, close: false });
  }

  /** Enqueues a job now (outside any transaction). */
  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    return this.boss.send(name, data, options);
  }

  /**
   * Enqueues a job as part of the caller's transaction: it is recorded as a `job.requested`
   * outbox event and handed to pg-boss after commit, with the event id as the job id, so a
   * retried hand-over never creates a second job. (Passing the transaction to pg-boss directly
   * deadlocks on PGlite's single connection whenever pg-boss refreshes its queue cache.)
   */
  async enqueue<T extends object>(tx: DbOrTx, actor: Actor, name: string, data: T, options: { startAfter?: Date } = {}): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    await recordEvent(tx, actor, {
      workspaceId: null,
      type: 'job.requested',
      payload: { job: name, data, ...(options.startAfter ? { startAfter: options.startAfter.toISOString() } : {}) },
    });
  }

  /** The outbox listener that performs `enqueue`'s hand-over. */
  async handOver(event: DomainEvent): Promise<void> {
    const { job, data, startAfter } = event.payload as { job: string; data: object; startAfter?: string };
    await this.boss.send(job, data, { id: event.id, ...(startAfter ? { startAfter } : {}) });
  }

  /** Jobs waiting per queue, for /metrics. */
  async depths(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const name of this.definitions.keys()) {
      const q = await this.boss.getQueue(name);
      out[name] = q?.queuedCount ?? 0;
    }
    return out;
  }

  get pgBoss(): PgBoss {
    return this.boss;
  }
}
