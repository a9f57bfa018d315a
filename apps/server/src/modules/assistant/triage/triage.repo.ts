import type { TriageField, TriageSettingsBody, TriageState } from '@switchboard/contracts';
import { and, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { routingRules, teams } from '../../routing/index.js';
import { messages, tickets, ticketTaxonomies } from '../../tickets/index.js';
import { ticketTriage, triageModels, triageSettings } from './triage.schema.js';
import { MAX_TRAINING_TICKETS, type ModelField } from './triage-model.js';

export type TriageRow = typeof ticketTriage.$inferSelect;
export type TriageModelRow = typeof triageModels.$inferSelect;
export type TriageSettingsRow = typeof triageSettings.$inferSelect;

export async function findTriageSettings(db: DbOrTx, workspaceId: string): Promise<TriageSettingsRow | null> {
  const [row] = await db.select().from(triageSettings).where(eq(triageSettings.workspaceId, workspaceId));
  return row ?? null;
}

export async function upsertTriageSettings(db: DbOrTx, workspaceId: string, body: TriageSettingsBody): Promise<void> {
  const values = { ...body, updatedAt: new Date() };
  await db
    .insert(triageSettings)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: triageSettings.workspaceId, set: values });
}

export type TriageModelInfoRow = Omit<TriageModelRow, 'model'>;

/** Versions and sizes of a workspace's models, without the (large) weights. */
export async function findModelInfo(db: DbOrTx, workspaceId: string): Promise<TriageModelInfoRow[]> {
  return db
    .select({
      workspaceId: triageModels.workspaceId,
      field: triageModels.field,
      version: triageModels.version,
      labels: triageModels.labels,
      examples: triageModels.examples,
      trainedAt: triageModels.trainedAt,
    })
    .from(triageModels)
    .where(eq(triageModels.workspaceId, workspaceId));
}

export async function findModelJson(db: DbOrTx, workspaceId: string, field: string): Promise<TriageModelRow | null> {
  const [row] = await db
    .select()
    .from(triageModels)
    .where(and(eq(triageModels.workspaceId, workspaceId), eq(triageModels.field, field)));
  return row ?? null;
}

export async function saveModel(db: DbOrTx, row: Omit<TriageModelRow, 'version' | 'trainedAt'>): Promise<void> {
  await db
    .insert(triageModels)
    .values({ ...row, version: 1, trainedAt: new Date() })
    .onConflictDoUpdate({
      target: [triageModels.workspaceId, triageModels.field],
      set: {
        model: row.model,
        labels: row.labels,
        examples: row.examples,
        version: sql`${triageModels.version} + 1`,
        trainedAt: new Date(),
      },
    });
}

export async function findTriageOfTicket(db: DbOrTx, workspaceId: string, ticketId: string): Promise<TriageRow[]> {
  return db
    .select()
    .from(ticketTriage)
    .where(and(eq(ticketTriage.workspaceId, workspaceId), eq(ticketTriage.ticketId, ticketId)));
}

export async function insertTriage(db: DbOrTx, rows: Omit<TriageRow, 'createdAt' | 'updatedAt' | 'correctedValue' | 'correctedAt'>[]) {
  if (rows.length) await db.insert(ticketTriage).values(rows).onConflictDoNothing();
}

export async function setTriageState(
  db: DbOrTx,
  ticketId: string,
  field: TriageField,
  state: TriageState,
  correctedValue: string | null = null,
): Promise<void> {
  const now = new Date();
  await db
    .update(ticketTriage)
    .set({ state, updatedAt: now, ...(state === 'corrected' ? { correctedValue, correctedAt: now } : {}) })
    .where(and(eq(ticketTriage.ticketId, ticketId), eq(ticketTriage.field, field)));
}

export async function countCorrectionsSince(db: DbOrTx, workspaceId: string, since: Date | null): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ticketTriage)
    .where(
      and(
        eq(ticketTriage.workspaceId, workspaceId),
        isNotNull(ticketTriage.correctedAt),
        since ? gt(ticketTriage.correctedAt, since) : undefined,
      ),
    );
  return row?.n ?? 0;
}

const COLUMN = { category: tickets.categoryId, team: tickets.teamId, priority: tickets.priority } as const;

/** Newest labelled tickets of a field: subject, first message, label, and whether an agent corrected triage there. */
export async function findTrainingRows(db: DbOrTx, workspaceId: string, field: ModelField) {
  const column = COLUMN[field];
  return db
    .select({
      subject: tickets.subject,
      body: messages.bodyText,
      label: sql<string>`${column}::text`,
      corrected: sql<boolean>`exists (select 1 from ${ticketTriage} tt where tt.ticket_id = ${tickets.id} and tt.field = ${field} and tt.corrected_at is not null)`,
    })
    .from(tickets)
    .leftJoin(messages, and(eq(messages.ticketId, tickets.id), eq(messages.seq, 1)))
    .where(and(eq(tickets.workspaceId, workspaceId), isNotNull(column), sql`${tickets.mergedIntoId} is null`))
    .orderBy(desc(tickets.createdAt))
    .limit(MAX_TRAINING_TICKETS);
}

export async function findFirstMessageText(db: DbOrTx, ticketId: string): Promise<string> {
  const [row] = await db
    .select({ text: messages.bodyText })
    .from(messages)
    .where(and(eq(messages.ticketId, ticketId), eq(messages.seq, 1)));
  return row?.text ?? '';
}

/** Live (not archived) categories and existing teams among `ids`, with their names. */
export async function findNames(db: DbOrTx, workspaceId: string, categoryIds: string[], teamIds: string[]) {
  const names = new Map<string, string>();
  if (categoryIds.length) {
    const rows = await db
      .select({ id: ticketTaxonomies.id, name: ticketTaxonomies.name })
      .from(ticketTaxonomies)
      .where(
        and(
          eq(ticketTaxonomies.workspaceId, workspaceId),
          eq(ticketTaxonomies.kind, 'category'),
          inArray(ticketTaxonomies.id, categoryIds),
          sql`${ticketTaxonomies.archivedAt} is null`,
        ),
      );
    for (const r of rows) names.set(r.id, r.name);
  }
  if (teamIds.length) {
    const rows = await db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, teamIds)));
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}

/** The team of the first enabled routing rule that sends exactly this category somewhere. */
export async function findTeamForCategory(db: DbOrTx, workspaceId: string, categoryId: string): Promise<string | null> {
  const rules = await db
    .select({ conditions: routingRules.conditions, action: routingRules.action })
    .from(routingRules)
    .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.enabled, true)))
    .orderBy(routingRules.position, routingRules.createdAt);
  for (const r of rules) {
    const byCategory = r.conditions.some(
      (c) => c.field === 'categoryId' && c.op === 'in' && Array.isArray(c.values) && (c.values as unknown[]).includes(categoryId),
    );
    const teamId = r.action.teamId;
    if (byCategory && typeof teamId === 'string') return teamId;
  }
  return null;
}
