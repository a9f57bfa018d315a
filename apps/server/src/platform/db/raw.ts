import type { Column } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/**
 * The few statements every chat line and ticket write runs, as SQL text written once.
 *
 * Drizzle's query builder rebuilds a statement's text on every call; under a live chat load that
 * was 45 % of the server's CPU (mostly its `is()` entity checks over 40-odd columns). These
 * statements keep the schema's column objects as the one source of names and mappings: the
 * select list comes from them, and rows are mapped back with each column's own driver mapping,
 * so they read exactly as a Drizzle select of the same columns would.
 */
export class RowShape<T> {
  private readonly fields: Array<[name: string, key: string, column: Column]>;
  /** `"a"."id" as "a.id", …`: the columns named by their keys (prefixed by the alias, if any). */
  readonly list: string;
  /** `"id", "workspace_id", …`: the bare column names (a CTE's `returning`, read through an alias). */
  readonly names: string;

  constructor(columns: Record<string, Column>, alias?: string) {
    this.fields = Object.entries(columns).map(([key, column]) => [alias ? `${alias}.${key}` : key, key, column]);
    const table = alias ? `"${alias}".` : '';
    this.list = this.fields.map(([as, , c]) => `${table}"${c.name}" as "${as}"`).join(', ');
    this.names = this.fields.map(([, , c]) => `"${c.name}"`).join(', ');
  }

  /** `l."a.id", …`: the columns of {@link list} read back from a CTE or subquery named `relation`. */
  from(relation: string): string {
    return this.fields.map(([as]) => `${relation}."${as}"`).join(', ');
  }

  /** A row of the statement's result (keys as in {@link list}) in the table's row type. */
  map(raw: Record<string, unknown>): T {
    const out: Record<string, unknown> = {};
    for (const [as, key, column] of this.fields) {
      const value = raw[as];
      out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return out as T;
  }
}

interface DriverClient {
  query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * Runs `text` with `$1…` parameters on the handle's own connection (the transaction's, inside
 * one). Parameters go as the driver takes them: JSON as a string with a `::jsonb` cast.
 */
export async function rawRows(db: DbOrTx, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const client = (db as unknown as { session: { client: DriverClient } }).session.client;
  const result = await client.query(text, params);
  return result.rows;
}
