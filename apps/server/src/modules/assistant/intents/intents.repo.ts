import type { IntentBody } from '@switchboard/contracts';
import { and, asc, count, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { uuidv7 } from '../../../platform/ids.js';
import { botIntents } from './intents.schema.js';

export type IntentRow = typeof botIntents.$inferSelect;

/** An admin defines tens of intents, not thousands; the cap keeps a runaway list from training forever. */
const MAX_INTENTS = 500;

export const listIntents = (db: DbOrTx, ws: string) =>
  db.select().from(botIntents).where(eq(botIntents.workspaceId, ws)).orderBy(asc(botIntents.name)).limit(MAX_INTENTS);

export async function findIntent(db: DbOrTx, ws: string, id: string): Promise<IntentRow | null> {
  const [r] = await db
    .select()
    .from(botIntents)
    .where(and(eq(botIntents.workspaceId, ws), eq(botIntents.id, id)));
  return r ?? null;
}

export async function findIntentByName(db: DbOrTx, ws: string, name: string): Promise<IntentRow | null> {
  const [r] = await db
    .select()
    .from(botIntents)
    .where(and(eq(botIntents.workspaceId, ws), eq(botIntents.name, name)));
  return r ?? null;
}

export async function insertIntent(db: DbOrTx, ws: string, body: IntentBody): Promise<IntentRow> {
  const [r] = await db
    .insert(botIntents)
    .values({ id: uuidv7(), workspaceId: ws, ...body })
    .returning();
  return r as IntentRow;
}

export async function updateIntent(db: DbOrTx, ws: string, id: string, body: IntentBody): Promise<IntentRow | null> {
  const [r] = await db
    .update(botIntents)
    .set({ ...body, updatedAt: new Date() })
    .where(and(eq(botIntents.workspaceId, ws), eq(botIntents.id, id)))
    .returning();
  return r ?? null;
}

export async function deleteIntent(db: DbOrTx, ws: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(botIntents)
    .where(and(eq(botIntents.workspaceId, ws), eq(botIntents.id, id)))
    .returning({ id: botIntents.id });
  return rows.length > 0;
}

/** Changes whenever an intent is created, edited or deleted: the classifier cache's version. */
export async function intentsVersion(db: DbOrTx, ws: string): Promise<string> {
  const [r] = await db
    .select({ n: count(), latest: max(botIntents.updatedAt) })
    .from(botIntents)
    .where(eq(botIntents.workspaceId, ws));
  return `${r?.n ?? 0}|${r?.latest ? new Date(r.latest).toISOString() : ''}`;
}
