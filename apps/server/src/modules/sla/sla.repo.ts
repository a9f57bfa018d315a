import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, lte, max, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { RowShape, rawRows } from '../../platform/db/raw.js';
import { organizations } from '../identity/index.js';
import { ticketColumns, tickets } from '../tickets/index.js';
import { businessCalendars, slaPolicies, ticketSlaClocks } from './sla.schema.js';
import type { Clock, SlaMetric, SlaState } from './sla-clocks.js';

export type CalendarRow = typeof businessCalendars.$inferSelect;
export type PolicyRow = typeof slaPolicies.$inferSelect;
export type ClockRow = typeof ticketSlaClocks.$inferSelect;

// ---- calendars ----

export async function listCalendars(db: DbOrTx, workspaceId: string): Promise<CalendarRow[]> {
  return db
    .select()
    .from(businessCalendars)
    .where(eq(businessCalendars.workspaceId, workspaceId))
    .orderBy(asc(businessCalendars.name), asc(businessCalendars.id));
}

export async function findCalendar(db: DbOrTx, workspaceId: string, id: string): Promise<CalendarRow | null> {
  const [row] = await db
    .select()
    .from(businessCalendars)
    .where(and(eq(businessCalendars.workspaceId, workspaceId), eq(businessCalendars.id, id)));
  return row ?? null;
}

export async function insertCalendar(db: DbOrTx, values: typeof businessCalendars.$inferInsert): Promise<CalendarRow> {
  const [row] = await db.insert(businessCalendars).values(values).returning();
  return row as CalendarRow;
}

export async function updateCalendar(db: DbOrTx, id: string, set: Partial<typeof businessCalendars.$inferInsert>): Promise<CalendarRow> {
  const [row] = await db.update(businessCalendars).set(set).where(eq(businessCalendars.id, id)).returning();
  return row as CalendarRow;
}

export async function deleteCalendar(db: DbOrTx, id: string): Promise<void> {
  await db.delete(businessCalendars).where(eq(businessCalendars.id, id));
}

export async function findPolicyNamesUsingCalendar(db: DbOrTx, calendarId: string): Promise<string[]> {
  const rows = await db.select({ name: slaPolicies.name }).from(slaPolicies).where(eq(slaPolicies.calendarId, calendarId));
  return rows.map((r) => r.name);
}

// ---- policies ----

/** Ordered as they are matched: position, then age. */
export async function listPolicies(db: DbOrTx, workspaceId: string): Promise<PolicyRow[]> {
  return db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, workspaceId))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.id));
}

/** Policies with their calendars, in match order. */
export async function listPoliciesWithCalendars(db: DbOrTx, workspaceId: string) {
  return db
    .select({ policy: slaPolicies, calendar: businessCalendars })
    .from(slaPolicies)
    .leftJoin(businessCalendars, eq(businessCalendars.id, slaPolicies.calendarId))
    .where(eq(slaPolicies.workspaceId, workspaceId))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.id));
}

export async function findPolicy(db: DbOrTx, workspaceId: string, id: string): Promise<PolicyRow | null> {
  const [row] = await db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.workspaceId, workspaceId), eq(slaPolicies.id, id)));
  return row ?? null;
}

export async function nextPolicyPosition(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ last: max(slaPolicies.position) })
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, workspaceId));
  return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
}

export async function insertPolicy(db: DbOrTx, values: typeof slaPolicies.$inferInsert): Promise<PolicyRow> {
  const [row] = await db.insert(slaPolicies).values(values).returning();
  return row as PolicyRow;
}

export async function updatePolicy(db: DbOrTx, id: string, set: Partial<typeof slaPolicies.$inferInsert>): Promise<PolicyRow> {
  const [row] = await db.update(slaPolicies).set(set).where(eq(slaPolicies.id, id)).returning();
  return row as PolicyRow;
}

export async function deletePolicy(db: DbOrTx, id: string): Promise<void> {
  await db.delete(slaPolicies).where(eq(slaPolicies.id, id));
}

export async function countOrganizations(db: DbOrTx, workspaceId: string, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.workspaceId, workspaceId), inArray(organizations.id, ids)));
  return rows.length;
}

// ---- clocks ----

export function toClock(r: ClockRow): Clock {
  return {
    metric: r.metric as SlaMetric,
    policyId: r.policyId,
    targetMinutes: r.targetMinutes,
    accruedMs: r.accruedMs,
    runningSince: r.runningSince,
    dueAt: r.dueAt,
    warnAt: r.warnAt,
    warnedAt: r.warnedAt,
    breachedAt: r.breachedAt,
    completedAt: r.completedAt,
  };
}

const CLOCK_ROW = new RowShape<ClockRow>(getTableColumns(ticketSlaClocks));
// Plain SQL text: every ticket write and staff ticket view reads them (see platform/db/raw.ts).
const CLOCKS_OF = `select ${CLOCK_ROW.list} from "ticket_sla_clocks" where "ticket_id" = any($1::uuid[])`;

export async function findClocks(db: DbOrTx, ticketIds: string[]): Promise<ClockRow[]> {
  if (!ticketIds.length) return [];
  return (await rawRows(db, CLOCKS_OF, [ticketIds])).map((r) => CLOCK_ROW.map(r));
}

/** Writes the ticket's clocks as given and deletes the ones not given. */
export async function saveClocks(db: DbOrTx, ticket: { id: string; workspaceId: string }, clocks: Clock[], now: Date): Promise<void> {
  const metrics = clocks.map((c) => c.metric);
  await db
    .delete(ticketSlaClocks)
    .where(and(eq(ticketSlaClocks.ticketId, ticket.id), metrics.length ? notInArray(ticketSlaClocks.metric, metrics) : undefined));
  if (!clocks.length) return;
  const rows = clocks.map((c) => ({ ...c, ticketId: ticket.id, workspaceId: ticket.workspaceId, updatedAt: now }));
  await db
    .insert(ticketSlaClocks)
    .values(rows)
    .onConflictDoUpdate({
      target: [ticketSlaClocks.ticketId, ticketSlaClocks.metric],
      set: {
        policyId: sql`excluded.policy_id`,
        targetMinutes: sql`excluded.target_minutes`,
        accruedMs: sql`excluded.accrued_ms`,
        runningSince: sql`excluded.running_since`,
        dueAt: sql`excluded.due_at`,
        warnAt: sql`excluded.warn_at`,
        warnedAt: sql`excluded.warned_at`,
        breachedAt: sql`excluded.breached_at`,
        completedAt: sql`excluded.completed_at`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** Tickets with a running clock whose warning or due instant has passed unannounced. */
export async function findTicketsWithDueClocks(db: DbOrTx, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ticketId: ticketSlaClocks.ticketId })
    .from(ticketSlaClocks)
    .where(
      and(
        isNull(ticketSlaClocks.completedAt),
        isNotNull(ticketSlaClocks.runningSince),
        or(
          and(lte(ticketSlaClocks.warnAt, now), isNull(ticketSlaClocks.warnedAt)),
          and(lte(ticketSlaClocks.dueAt, now), isNull(ticketSlaClocks.breachedAt)),
        ),
      ),
    )
    .limit(limit);
  return rows.map((r) => r.ticketId);
}

export async function setTicketSummary(db: DbOrTx, ticketId: string, s: { policyId: string | null; state: SlaState; dueAt: Date | null }) {
  await db.update(tickets).set({ slaPolicyId: s.policyId, slaState: s.state, slaDueAt: s.dueAt }).where(eq(tickets.id, ticketId));
}

/** Locks the ticket row (serializes with ticket writers, whose hooks also move the clocks). */
export async function lockTicketRow(db: DbOrTx, ticketId: string) {
  const [row] = await db.select(ticketColumns).from(tickets).where(eq(tickets.id, ticketId)).for('update');
  return row ?? null;
}
