import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { uuidv7 } from '../../../platform/ids.js';
import { assistantProviderCalls, assistantProviders, assistantProviderUsage } from './provider.schema.js';

export type ProviderRow = typeof assistantProviders.$inferSelect;
export type ProviderCallRow = typeof assistantProviderCalls.$inferSelect;
export type UsageRow = typeof assistantProviderUsage.$inferSelect;

/** YYYY-MM of `at` in UTC: the budget's period. */
export const monthOf = (at: Date) => at.toISOString().slice(0, 7);

export async function findProvider(db: DbOrTx, workspaceId: string): Promise<ProviderRow | null> {
  const [row] = await db.select().from(assistantProviders).where(eq(assistantProviders.workspaceId, workspaceId));
  return row ?? null;
}

export async function upsertProvider(db: DbOrTx, row: Omit<ProviderRow, 'updatedAt'>): Promise<ProviderRow> {
  const { workspaceId: _ws, ...set } = row;
  const [saved] = await db
    .insert(assistantProviders)
    .values(row)
    .onConflictDoUpdate({ target: assistantProviders.workspaceId, set: { ...set, updatedAt: new Date() } })
    .returning();
  return saved as ProviderRow;
}

export async function findUsage(db: DbOrTx, workspaceId: string, month: string): Promise<UsageRow> {
  const [row] = await db
    .select()
    .from(assistantProviderUsage)
    .where(and(eq(assistantProviderUsage.workspaceId, workspaceId), eq(assistantProviderUsage.month, month)));
  return row ?? { workspaceId, month, tokens: 0, calls: 0, fallbacks: 0 };
}

export async function addUsage(db: DbOrTx, workspaceId: string, month: string, add: { tokens: number; calls: number; fallbacks: number }) {
  const t = assistantProviderUsage;
  await db
    .insert(t)
    .values({ workspaceId, month, ...add })
    .onConflictDoUpdate({
      target: [t.workspaceId, t.month],
      set: {
        tokens: sql`${t.tokens} + ${add.tokens}`,
        calls: sql`${t.calls} + ${add.calls}`,
        fallbacks: sql`${t.fallbacks} + ${add.fallbacks}`,
      },
    });
}

export async function insertCall(db: DbOrTx, row: Omit<ProviderCallRow, 'id' | 'createdAt'>): Promise<void> {
  await db.insert(assistantProviderCalls).values({ id: uuidv7(), ...row });
}

export async function findCalls(db: DbOrTx, workspaceId: string, q: { ticketId?: string | undefined; limit: number }) {
  const t = assistantProviderCalls;
  const where = q.ticketId ? and(eq(t.workspaceId, workspaceId), eq(t.ticketId, q.ticketId)) : eq(t.workspaceId, workspaceId);
  return db.select().from(t).where(where).orderBy(desc(t.createdAt), desc(t.id)).limit(q.limit);
}
