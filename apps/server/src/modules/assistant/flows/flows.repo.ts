import type { FlowBody, HandoffRuleBody, QaPairBody } from '@switchboard/contracts';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { uuidv7 } from '../../../platform/ids.js';
import { botFlowRuns, botFlowSettings, botFlows, botHandoffRules, botQaPairs } from './flows.schema.js';

export type QaRow = typeof botQaPairs.$inferSelect;
export type FlowRow = typeof botFlows.$inferSelect;
export type RunRow = typeof botFlowRuns.$inferSelect;
export type RuleRow = typeof botHandoffRules.$inferSelect;
export type FlowSettingsRow = typeof botFlowSettings.$inferSelect;

const now = () => new Date();

// ---- Q&A ----
export const listQa = (db: DbOrTx, ws: string) =>
  db.select().from(botQaPairs).where(eq(botQaPairs.workspaceId, ws)).orderBy(asc(botQaPairs.id)).limit(1000);
export async function findQa(db: DbOrTx, ws: string, id: string): Promise<QaRow | null> {
  const [r] = await db
    .select()
    .from(botQaPairs)
    .where(and(eq(botQaPairs.workspaceId, ws), eq(botQaPairs.id, id)));
  return r ?? null;
}
export async function insertQa(db: DbOrTx, ws: string, body: QaPairBody): Promise<QaRow> {
  const [r] = await db
    .insert(botQaPairs)
    .values({ id: uuidv7(), workspaceId: ws, ...body })
    .returning();
  return r as QaRow;
}
export async function updateQa(db: DbOrTx, ws: string, id: string, body: QaPairBody): Promise<QaRow | null> {
  const [r] = await db
    .update(botQaPairs)
    .set({ ...body, updatedAt: now() })
    .where(and(eq(botQaPairs.workspaceId, ws), eq(botQaPairs.id, id)))
    .returning();
  return r ?? null;
}
export async function deleteQa(db: DbOrTx, ws: string, id: string): Promise<boolean> {
  return (
    (
      await db
        .delete(botQaPairs)
        .where(and(eq(botQaPairs.workspaceId, ws), eq(botQaPairs.id, id)))
        .returning()
    ).length > 0
  );
}

// ---- flows ----
export const listFlows = (db: DbOrTx, ws: string) =>
  db.select().from(botFlows).where(eq(botFlows.workspaceId, ws)).orderBy(asc(botFlows.id)).limit(500);
export async function findFlow(db: DbOrTx, ws: string, id: string): Promise<FlowRow | null> {
  const [r] = await db
    .select()
    .from(botFlows)
    .where(and(eq(botFlows.workspaceId, ws), eq(botFlows.id, id)));
  return r ?? null;
}
export async function insertFlow(db: DbOrTx, ws: string, body: FlowBody): Promise<FlowRow> {
  const [r] = await db
    .insert(botFlows)
    .values({ id: uuidv7(), workspaceId: ws, ...body })
    .returning();
  return r as FlowRow;
}
export async function updateFlow(db: DbOrTx, ws: string, id: string, body: FlowBody): Promise<FlowRow | null> {
  const [r] = await db
    .update(botFlows)
    .set({ ...body, updatedAt: now() })
    .where(and(eq(botFlows.workspaceId, ws), eq(botFlows.id, id)))
    .returning();
  return r ?? null;
}
export async function deleteFlow(db: DbOrTx, ws: string, id: string): Promise<boolean> {
  return (
    (
      await db
        .delete(botFlows)
        .where(and(eq(botFlows.workspaceId, ws), eq(botFlows.id, id)))
        .returning()
    ).length > 0
  );
}

// ---- flow runs ----
export const runsOfSession = (db: DbOrTx, ws: string, sessionId: string) =>
  db
    .select()
    .from(botFlowRuns)
    .where(and(eq(botFlowRuns.workspaceId, ws), eq(botFlowRuns.sessionId, sessionId), ne(botFlowRuns.status, 'done')));
export async function saveRun(db: DbOrTx, run: Omit<RunRow, 'updatedAt'>): Promise<void> {
  const { sessionId: _s, flowId: _f, workspaceId: _w, ...set } = run;
  await db
    .insert(botFlowRuns)
    .values(run)
    .onConflictDoUpdate({ target: [botFlowRuns.sessionId, botFlowRuns.flowId], set: { ...set, updatedAt: now() } });
}

// ---- handoff rules ----
export const listRules = (db: DbOrTx, ws: string) =>
  db
    .select()
    .from(botHandoffRules)
    .where(eq(botHandoffRules.workspaceId, ws))
    .orderBy(asc(botHandoffRules.position), asc(botHandoffRules.id))
    .limit(500);
export async function findRule(db: DbOrTx, ws: string, id: string): Promise<RuleRow | null> {
  const [r] = await db
    .select()
    .from(botHandoffRules)
    .where(and(eq(botHandoffRules.workspaceId, ws), eq(botHandoffRules.id, id)));
  return r ?? null;
}
export async function insertRule(db: DbOrTx, ws: string, body: HandoffRuleBody): Promise<RuleRow> {
  const [r] = await db
    .insert(botHandoffRules)
    .values({ id: uuidv7(), workspaceId: ws, ...body })
    .returning();
  return r as RuleRow;
}
export async function updateRule(db: DbOrTx, ws: string, id: string, body: HandoffRuleBody): Promise<RuleRow | null> {
  const [r] = await db
    .update(botHandoffRules)
    .set({ ...body, updatedAt: now() })
    .where(and(eq(botHandoffRules.workspaceId, ws), eq(botHandoffRules.id, id)))
    .returning();
  return r ?? null;
}
export async function deleteRule(db: DbOrTx, ws: string, id: string): Promise<boolean> {
  return (
    (
      await db
        .delete(botHandoffRules)
        .where(and(eq(botHandoffRules.workspaceId, ws), eq(botHandoffRules.id, id)))
        .returning()
    ).length > 0
  );
}

// ---- settings ----
export async function findFlowSettings(db: DbOrTx, ws: string): Promise<FlowSettingsRow | null> {
  const [r] = await db.select().from(botFlowSettings).where(eq(botFlowSettings.workspaceId, ws));
  return r ?? null;
}
export async function upsertFlowSettings(db: DbOrTx, ws: string, set: Partial<Omit<FlowSettingsRow, 'workspaceId'>>): Promise<void> {
  await db
    .insert(botFlowSettings)
    .values({ workspaceId: ws, ...set })
    .onConflictDoUpdate({ target: botFlowSettings.workspaceId, set: { ...set, updatedAt: now() } });
}
/** Claims the one-time seeding of default handoff rules; true for exactly one caller. */
export async function claimRuleSeeding(db: DbOrTx, ws: string): Promise<boolean> {
  const rows = await db
    .insert(botFlowSettings)
    .values({ workspaceId: ws, handoffRulesSeeded: true })
    .onConflictDoUpdate({
      target: botFlowSettings.workspaceId,
      set: { handoffRulesSeeded: true },
      setWhere: sql`${botFlowSettings.handoffRulesSeeded} = false`,
    })
    .returning();
  return rows.length > 0;
}
