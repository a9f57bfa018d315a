import { sql } from 'drizzle-orm';
import type { Job, QueueOptions, SendOptions } from 'pg-boss';
import { fromDrizzle, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, DbOrTx } from '../db/client.js';

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

  /** Enqueues a job; pass `tx` to make it part of the caller's transaction. */
  async send<T extends object>(name: string, data: T, options: SendOptions & { tx?: DbOrTx } = {}): Promise<string | null> {
    const { tx, ...rest } = options;
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    return this.boss.send(name, data, {
      ...rest,
      // biome-ignore lint/suspicious/noExplicitAny: drizzle's tx satisfies pg-boss's structural type
      ...(tx ? { db: fromDrizzle(tx as any, sql as any) } : {}),
    });
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
