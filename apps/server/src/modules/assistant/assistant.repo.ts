import type { AssistantSettingsBody } from '@switchboard/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/ids.js';
import { workspaces } from '../workspaces/index.js';
import { assistantSettings, type BotMemory, botConversations, botDecisions } from './assistant.schema.js';

export type SettingsRow = typeof assistantSettings.$inferSelect;
export type DecisionRow = typeof botDecisions.$inferSelect;
export type ConversationRow = typeof botConversations.$inferSelect;

export async function findSettings(db: DbOrTx, workspaceId: string): Promise<SettingsRow | null> {
  const [row] = await db.select().from(assistantSettings).where(eq(assistantSettings.workspaceId, workspaceId));
  return row ?? null;
}

export async function upsertSettings(db: DbOrTx, workspaceId: string, body: AssistantSettingsBody): Promise<SettingsRow> {
  const values = { ...body, updatedAt: new Date() };
  const [row] = await db
    .insert(assistantSettings)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: assistantSettings.workspaceId, set: values })
    .returning();
  return row as SettingsRow;
}

export async function findConversation(db: DbOrTx, workspaceId: string, sessionId: string): Promise<ConversationRow | null> {
  const [row] = await db
    .select()
    .from(botConversations)
    .where(and(eq(botConversations.workspaceId, workspaceId), eq(botConversations.sessionId, sessionId)));
  return row ?? null;
}

export async function saveConversation(
  db: DbOrTx,
  row: { sessionId: string; workspaceId: string; ticketId: string; memory: BotMemory; handedOff: boolean },
): Promise<void> {
  const set = { memory: row.memory, handedOff: row.handedOff, turns: sql`${botConversations.turns} + 1`, updatedAt: new Date() };
  await db
    .insert(botConversations)
    .values({ ...row, turns: 1 })
    .onConflictDoUpdate({ target: botConversations.sessionId, set });
}

/** Logs one decision; returns its id. */
export async function insertDecision(db: DbOrTx, row: Omit<DecisionRow, 'id' | 'createdAt'>): Promise<string> {
  const id = uuidv7();
  await db.insert(botDecisions).values({ id, ...row });
  return id;
}

/** A ticket's decisions, oldest first (a chat has a handful of turns; capped for safety). */
export async function findDecisionsOfTicket(db: DbOrTx, workspaceId: string, ticketId: string): Promise<DecisionRow[]> {
  return db
    .select()
    .from(botDecisions)
    .where(and(eq(botDecisions.workspaceId, workspaceId), eq(botDecisions.ticketId, ticketId)))
    .orderBy(asc(botDecisions.createdAt), asc(botDecisions.id))
    .limit(500);
}

export async function listWorkspaceIds(db: DbOrTx): Promise<string[]> {
  return (await db.select({ id: workspaces.id }).from(workspaces)).map((r) => r.id);
}
