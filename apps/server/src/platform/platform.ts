import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { PasswordHasher } from './auth/passwords.js';
import type { Config } from './config.js';
import { ConfigCache, transactionEnd } from './config-cache.js';
import { randomToken, Secrets } from './crypto.js';
import { type Database, type Db, type Tx, transactionScope } from './db/client.js';
import { OUTBOX_PRUNE_JOB, OutboxDispatcher } from './events/outbox.js';
import { JobQueue } from './jobs/queue.js';
import { DevOutboxMailer, type Mailer, SmtpMailer } from './mail/mailer.js';
import { Metrics } from './metrics.js';
import { MemoryRateLimiter, type RateLimiter, RedisRateLimiter } from './rate-limit.js';
import type { Realtime } from './realtime.js';
import { LocalDiskStorage, type Storage } from './storage.js';

/** The shared services every module is built over. One per app instance; no globals. */
export interface Platform {
  config: Config;
  log: Logger;
  database: Database;
  db: Db;
  secrets: Secrets;
  passwords: PasswordHasher;
  outbox: OutboxDispatcher;
  jobs: JobQueue;
  mailer: Mailer;
  metrics: Metrics;
  rateLimiter: RateLimiter;
  /** Attachment bytes (local disk under STORAGE_DIR, default DATA_DIR/files). */
  storage: Storage;
  /** Attached once the HTTP server exists. */
  realtime: Realtime | null;
  /** Workspace configuration read on every write (channels, field definitions, SLA policies), for a few seconds. */
  cache: ConfigCache;
  /**
   * Runs `fn` in one transaction. Events recorded inside are dispatched right after commit;
   * if the transaction rolls back, they never existed.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PlatformOverrides {
  mailer?: Mailer;
  rateLimiter?: RateLimiter;
  storage?: Storage;
}

/** The secret from SECRET_KEY, or one generated once and kept in the data directory. */
export function resolveSecret(config: Config): string {
  if (config.SECRET_KEY) return config.SECRET_KEY;
  if (config.DATABASE_URL && config.NODE_ENV === 'production') {
    throw new Error('SECRET_KEY is required with DATABASE_URL in production (every node must share it)');
  }
  const file = path.join(config.dataDir, 'secret.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = randomToken(48);
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

export function createPlatform(config: Config, log: Logger, database: Database, overrides: PlatformOverrides = {}): Platform {
  const outbox = new OutboxDispatcher(database.db, log.child({ component: 'outbox' }));
  const jobs = new JobQueue(database, log.child({ component: 'jobs' }));
  outbox.on('jobs.hand-over', ['job.requested'], (event) => jobs.handOver(event));
  jobs.define<Record<string, never>>({
    name: OUTBOX_PRUNE_JOB,
    options: { retryLimit: 1 },
    async handle() {
      const deleted = await outbox.prune();
      if (deleted) log.info({ deleted }, 'dispatched outbox events pruned');
    },
  });
  const mailer =
    overrides.mailer ??
    (config.SMTP_URL
      ? new SmtpMailer(config.SMTP_URL, config.MAIL_FROM)
      : new DevOutboxMailer(path.join(config.dataDir, 'mail-outbox'), config.MAIL_FROM, log));
  const redis = !overrides.rateLimiter && config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 }) : null;
  const rateLimiter = overrides.rateLimiter ?? (redis ? new RedisRateLimiter(redis) : new MemoryRateLimiter());
  redis?.on('error', (err) => log.warn({ err }, 'redis (rate limits) connection error'));

  const platform: Platform = {
    config,
    log,
    database,
    db: database.db,
    secrets: new Secrets(resolveSecret(config)),
    passwords: new PasswordHasher(config.fastPasswordHashing ?? false),
    outbox,
    jobs,
    mailer,
    metrics: new Metrics(database, () => jobs),
    rateLimiter,
    storage: overrides.storage ?? new LocalDiskStorage(path.resolve(config.STORAGE_DIR ?? path.join(config.dataDir, 'files'))),
    realtime: null,
    cache: new ConfigCache(),
    async transaction(fn) {
      const onEnd: Array<() => void> = [];
      try {
        const result = await transactionEnd.run(onEnd, () => database.db.transaction((tx) => transactionScope.run(true, () => fn(tx))));
        outbox.kick();
        return result;
      } finally {
        for (const done of onEnd) done();
      }
    },
    async close() {
      await redis?.quit().catch(() => redis?.disconnect());
    },
  };
  return platform;
}
