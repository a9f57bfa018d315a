import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { channels } from './channels.schema.js';

export type ChannelRow = typeof channels.$inferSelect;

export async function findChannels(db: DbOrTx, workspaceId: string): Promise<ChannelRow[]> {
  return db.select().from(channels).where(eq(channels.workspaceId, workspaceId)).orderBy(asc(channels.name), asc(channels.id));
}

export async function findChannel(db: DbOrTx, workspaceId: string, id: string): Promise<ChannelRow | null> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id)))
    .limit(1);
  return row ?? null;
}

export async function findChannelById(db: DbOrTx, id: string): Promise<ChannelRow | null> {
  const [row] = await db.select().from(channels).where(eq(channels.id, id)).limit(1);
  return row ?? null;
}

export async function findChannelByPublicKey(db: DbOrTx, publicKey: string): Promise<ChannelRow | null> {
  const [row] = await db.select().from(channels).where(eq(channels.publicKey, publicKey)).limit(1);
  return row ?? null;
}

export async function insertChannel(db: DbOrTx, values: typeof channels.$inferInsert): Promise<ChannelRow> {
  const [row] = await db.insert(channels).values(values).returning();
  return row as ChannelRow;
}

export async function updateChannel(db: DbOrTx, id: string, set: Partial<typeof channels.$inferInsert>): Promise<ChannelRow> {
  const [row] = await db
    .update(channels)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(channels.id, id))
    .returning();
  return row as ChannelRow;
}

export async function deleteChannel(db: DbOrTx, id: string): Promise<void> {
  await db.delete(channels).where(eq(channels.id, id));
}
