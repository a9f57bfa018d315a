import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { workspaces } from '../workspaces/index.js';
import { applyChanges } from './ticket-writer.js';
import { listFieldDefs, lockTicket } from './tickets.repo.js';
import { tickets } from './tickets.schema.js';
import type { TicketsCore } from './tickets.service.js';

export const AUTO_CLOSE_JOB = 'tickets.auto_close';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

interface Due {
  id: string;
  workspaceId: string;
  autoCloseDays: number;
}

/** Solved tickets whose workspace's waiting period (in 24-hour days) has passed at `now`. */
async function findDue(core: TicketsCore, now: Date, skip: string[]): Promise<Due[]> {
  return core.p.db
    .select({ id: tickets.id, workspaceId: tickets.workspaceId, autoCloseDays: workspaces.autoCloseDays })
    .from(tickets)
    .innerJoin(workspaces, eq(workspaces.id, tickets.workspaceId))
    .where(
      and(
        eq(tickets.status, 'solved'),
        sql`${tickets.solvedAt} <= ${now.toISOString()}::timestamptz - ${workspaces.autoCloseDays} * interval '24 hours'`,
        skip.length ? notInArray(tickets.id, skip) : undefined,
      ),
    )
    .orderBy(asc(tickets.solvedAt), asc(tickets.id))
    .limit(BATCH);
}

/** Closes one ticket if it is still due once locked (a customer may have replied meanwhile). */
async function closeOne(core: TicketsCore, due: Due, now: Date): Promise<boolean> {
  const ctx: Ctx = { actor: { kind: 'system', workspaceId: due.workspaceId }, log: core.p.log };
  return core.p.transaction(async (tx) => {
    const ticket = await lockTicket(tx, due.workspaceId, due.id);
    if (ticket?.status !== 'solved' || !ticket.solvedAt) return false;
    if (ticket.solvedAt.getTime() > now.getTime() - due.autoCloseDays * DAY_MS) return false;
    const defs = await listFieldDefs(tx, due.workspaceId);
    await applyChanges(tx, ctx, ticket, { status: 'closed' }, { defs, hooks: core.hooks });
    return true;
  });
}

/**
 * Closes every solved ticket older than its workspace's `auto_close_days`, each in its own
 * transaction through the ticket writer (timeline event, outbox events, hooks) as the system
 * actor. A ticket that fails is logged and skipped so one bad row cannot stall the rest.
 * Returns how many were closed.
 */
export async function closeSolvedTickets(core: TicketsCore, now: Date = new Date()): Promise<number> {
  // Tickets left solved (no longer due once locked, or failing) are not picked again this run.
  const skipped: string[] = [];
  let closed = 0;
  for (;;) {
    const due = await findDue(core, now, skipped);
    for (const t of due) {
      try {
        if (await closeOne(core, t, now)) closed++;
        else skipped.push(t.id);
      } catch (err) {
        core.p.log.warn({ err, ticketId: t.id }, 'auto-close failed for a ticket; skipping it this run');
        skipped.push(t.id);
      }
    }
    if (due.length < BATCH) return closed;
  }
}

/** Defines the hourly job (app.ts schedules it when workers run). */
export function registerAutoCloseJob(core: TicketsCore): void {
  core.p.jobs.define<Record<string, never>>({
    name: AUTO_CLOSE_JOB,
    // The next hourly run is the retry; a long backlog may take a while on the first run.
    options: { retryLimit: 0, expireInSeconds: 3600 },
    async handle() {
      const closed = await closeSolvedTickets(core);
      if (closed) core.p.log.info({ closed }, 'auto-closed solved tickets');
    },
  });
}
