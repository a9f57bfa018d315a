import { and, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { type Cursor, decodeCursor, encodeCursor, type KeyType, type ListRequest } from './ticket-list-query.js';
import { RANK } from './ticket-search.js';
import type { TicketRow } from './tickets.repo.js';
import { tickets } from './tickets.schema.js';

/**
 * Keyset pages of tickets: rows ordered by sort keys then id, the next page starting strictly
 * after the last row's (keys, id). Rows inserted meanwhile land before or after the cursor,
 * never shifting rows that already existed, so paging neither repeats nor skips them.
 */

export type ListRow = Omit<TicketRow, 'searchVector' | 'conversationVector'>;
/** Lists never read the search vectors (large, and useless to a client). */
const { searchVector: _searchVector, conversationVector: _conversationVector, ...LIST_COLUMNS } = getTableColumns(tickets);

export type SortName = NonNullable<ListRequest['sort']>;

/** Rows ordered by `keys` then id, all in `dir`; every key is non-null so row comparison is exact. */
export interface SortSpec {
  dir: 'asc' | 'desc';
  keys: Array<{ expr: SQL; type: KeyType }>;
}

const at = (column: typeof tickets.updatedAt) => ({ expr: sql`${column}`, type: 'timestamptz' as const });
/** urgent > high > normal > low, as a number the cursor can carry (the tickets_ws_priority index has the same expression). */
export const PRIORITY_ORDINAL = sql`(case ${tickets.priority} when 'urgent' then 3 when 'high' then 2 when 'normal' then 1 else 0 end)`;

export const SORTS: Record<SortName, SortSpec> = {
  updated_desc: { dir: 'desc', keys: [at(tickets.updatedAt)] },
  updated_asc: { dir: 'asc', keys: [at(tickets.updatedAt)] },
  created_desc: { dir: 'desc', keys: [at(tickets.createdAt)] },
  created_asc: { dir: 'asc', keys: [at(tickets.createdAt)] },
  // most urgent first, most recently updated first within a priority
  priority_desc: { dir: 'desc', keys: [{ expr: PRIORITY_ORDINAL, type: 'int4' }, at(tickets.updatedAt)] },
  // tickets without an SLA due date last
  sla_due_asc: { dir: 'asc', keys: [{ expr: sql`coalesce(${tickets.slaDueAt}, 'infinity'::timestamptz)`, type: 'timestamptz' }] },
  number_desc: { dir: 'desc', keys: [{ expr: sql`${tickets.number}`, type: 'int4' }] },
};
export const RELEVANCE: SortSpec = { dir: 'desc', keys: [{ expr: RANK, type: 'float4' }] };

export interface Plan {
  /** the sort's name, carried in the cursor */
  name: string;
  mode: Cursor['m'];
  spec: SortSpec;
  /** workspace, access rule, filters */
  where: SQL;
  /** the search condition, evaluated after `where` */
  match?: SQL;
  /** `ranked` hits joined for relevance order */
  join?: SQL;
  /** look no further than this row (inclusive), see walkLimit */
  until?: RowKey;
}

/** A row's place in a sort: its key values as PostgreSQL prints them, and its id. */
export interface RowKey {
  k: string[];
  id: string;
}

/** Rows strictly after `key` in the sort, or (upTo) rows up to and including it. */
function keysetCondition(spec: SortSpec, key: RowKey, upTo = false): SQL {
  const left = sql.join([...spec.keys.map((k) => sql`${k.expr}`), sql`${tickets.id}`], sql`, `);
  const right = sql.join([...spec.keys.map((k, i) => sql`${key.k[i]}::${sql.raw(k.type)}`), sql`${key.id}::uuid`], sql`, `);
  const op = (spec.dir === 'desc') !== upTo ? sql`<` : sql`>`;
  return upTo ? sql`(${left}) ${op}= (${right})` : sql`(${left}) ${op} (${right})`;
}

function afterCursor(plan: Plan, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor, { s: plan.name, m: plan.mode, types: plan.spec.keys.map((k) => k.type) });
  return keysetCondition(plan.spec, c);
}

function orderOf(spec: SortSpec): SQL {
  const dir = sql.raw(spec.dir);
  return sql.join([...spec.keys.map((k) => sql`${k.expr} ${dir}`), sql`${tickets.id} ${dir}`], sql`, `);
}

const keysOf = (spec: SortSpec) =>
  sql<string[]>`array[${sql.join(
    spec.keys.map((k) => sql`(${k.expr})::text`),
    sql`, `,
  )}]`;

/**
 * The n-th row of `where` after the cursor, in sort order: a search walks no further than it.
 * Null when there are fewer rows, so a walk over them sees everything.
 */
export async function walkLimit(db: DbOrTx, plan: Plan, cursor: string | undefined, n: number): Promise<RowKey | null> {
  const [row] = await db
    .select({ id: tickets.id, k: keysOf(plan.spec) })
    .from(tickets)
    .where(and(plan.where, afterCursor(plan, cursor)))
    .orderBy(orderOf(plan.spec))
    .offset(n - 1)
    .limit(1);
  return row ?? null;
}

/** How many rows `where` holds, counting no further than `cap`. */
export async function countUpTo(db: DbOrTx, where: SQL, cap: number): Promise<number> {
  const limited = db.select({ one: sql`1` }).from(tickets).where(where).limit(cap).as('limited');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(limited);
  return Number(row?.n ?? 0);
}

export async function fetchPage(db: DbOrTx, plan: Plan, cursor: string | undefined, limit: number) {
  let query = db
    .select({ ...LIST_COLUMNS, sortKeys: keysOf(plan.spec) })
    .from(tickets)
    .$dynamic();
  if (plan.join) query = query.innerJoin(plan.join, sql`ranked.ticket_id = ${tickets.id}`);
  const until = plan.until ? keysetCondition(plan.spec, plan.until, true) : undefined;
  const rows = await query
    .where(and(plan.where, afterCursor(plan, cursor), until, plan.match))
    .orderBy(orderOf(plan.spec))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ s: plan.name, m: plan.mode, k: last.sortKeys, id: last.id }) : null;
  return { rows: page.map(({ sortKeys: _keys, ...row }) => row as ListRow), nextCursor: next };
}
