import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Db as BossDb } from 'pg-boss';
import { fromPglite } from 'pg-boss';
import { type DataDirLock, lockDataDir } from './lock.js';

// biome-ignore lint/complexity/noBannedTypes: drizzle's "no relational schema" type
type NoSchema = {};
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema>;
export type DbOrTx = Db | Tx;

/**
 * Set while `platform.transaction` runs its callback. A query on the root handle from inside
 * would not be part of the transaction (and on PGlite's single connection it waits for the
 * transaction to end: a deadlock), so the root handle refuses it loudly instead.
 */
export const transactionScope = new AsyncLocalStorage<true>();

function refuseInsideTransaction(): void {
  if (transactionScope.getStore()) {
    throw new Error('Query on the root database handle inside a transaction: use the transaction (tx) instead');
  }
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** What pg-boss runs its SQL through (shares our connections). */
  readonly bossDb: BossDb;
  /** The PGlite instance, when embedded (pg-boss needs to know the backend). */
  readonly pglite?: PGlite;
  /** The connection pool, on PostgreSQL (for work that needs one session, like advisory locks). */
  readonly pool?: pg.Pool;
  ping(): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** Directory of the embedded database; `memory://` for a throwaway in-memory one. */
  dataDir: string;
  poolMax?: number;
  /** Name repeated statements (PostgreSQL; default true). */
  prepared?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolMax ?? 10, options.prepared ?? true) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory://';
  const lock: DataDirLock | null = inMemory ? null : lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(inMemory ? {} : { dataDir: path.join(dataDir, 'pgdata') }),
      extensions: { pg_trgm },
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  for (const method of ['query', 'exec'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      refuseInsideTransaction();
      return original(...args);
    };
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    bossDb: fromPglite(client),
    async ping() {
      await client.query('select 1');
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      try {
        // A checkpoint makes the next start skip WAL replay; close() flushes the filesystem.
        await client.exec('CHECKPOINT');
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * Distinct statement texts given a name, per process. Each named one is kept (with its plan) by
 * every connection that ran it, tens of kilobytes each: 500 bounds that to tens of megabytes per
 * connection, and the hot statements are named on their third run, long before the cap.
 */
const MAX_PREPARED = 500;
/** Runs of a text before it is named: statements run once (reports, migrations) stay unnamed. */
const PREPARE_AFTER = 3;
/** Full-text and fuzzy searches stay unnamed: their best plan depends on the words searched. */
const PLAN_SENSITIVE = /@@|to_tsquery|similarity|word_similarity|ts_rank| % /;

/**
 * The statements the app runs again and again become named prepared statements: PostgreSQL
 * parses each once per connection and, after a few runs, reuses a generic plan instead of
 * planning every execution (for a chat line, parsing and planning were about half of the
 * database's time). Only parameterized statements (one command each) are named.
 */
export class StatementNames {
  private readonly seen = new Map<string, number | string>();
  private named = 0;

  nameFor(text: string): string | undefined {
    const entry = this.seen.get(text);
    if (typeof entry === 'string') return entry;
    if (this.named >= MAX_PREPARED || PLAN_SENSITIVE.test(text)) return undefined;
    const runs = (entry ?? 0) + 1;
    if (runs < PREPARE_AFTER) {
      this.seen.set(text, runs);
      return undefined;
    }
    const name = `sb_${++this.named}`;
    this.seen.set(text, name);
    return name;
  }

  /** The query config with a name when it should have one (as `client.query` takes it). */
  apply(config: unknown, values: unknown): unknown {
    if (typeof config === 'string') {
      const name = Array.isArray(values) && values.length ? this.nameFor(config) : undefined;
      return name ? { text: config, name } : config;
    }
    if (!config || typeof config !== 'object') return config;
    const c = config as { text?: unknown; name?: unknown; values?: unknown };
    const params = Array.isArray(values) ? values : c.values;
    if (typeof c.text !== 'string' || c.name || !Array.isArray(params) || !params.length) return config;
    const name = this.nameFor(c.text);
    return name ? { ...c, name } : config;
  }
}

async function openPostgres(url: string, max: number, prepared: boolean): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client erroring (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const names = new StatementNames();
  pool.on('connect', (client) => {
    if (!prepared) return;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => query(names.apply(config, rest[0]), ...rest);
  });
  const originalQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    refuseInsideTransaction();
    return originalQuery(...args);
  };
  const db = drizzleNodePg(pool) as unknown as Db;
  await pool.query('select 1');
  return {
    kind: 'postgres',
    db,
    pool,
    bossDb: { executeSql: (text, values) => pool.query(text, values as unknown[]) },
    async ping() {
      await pool.query('select 1');
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await pool.end();
    },
  };
}

/** `select now()` from the database clock, so every node agrees on time. */
export async function dbNow(db: DbOrTx): Promise<Date> {
  const rows = await db.execute<{ now: Date | string }>(sql`select now() as now`);
  const value = (rows as unknown as { rows: { now: Date | string }[] }).rows[0]?.now;
  return value instanceof Date ? value : new Date(String(value));
}
