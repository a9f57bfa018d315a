import type { Tx } from '../../platform/db/client.js';
import type { Platform } from '../../platform/platform.js';
import { persistPlan, recordSlaEvent } from './sla.hook.js';
import { findClocks, findTicketsWithDueClocks, lockTicketRow, toClock } from './sla.repo.js';
import { type Clock, detectBreach, isRunning, METRICS, summarize } from './sla-clocks.js';

export const SLA_SWEEP_JOB = 'sla.sweep';
/** Cron of the sweep: every minute, so warnings and breaches are at most a minute late. */
export const SLA_SWEEP_CRON = '* * * * *';

const BATCH = 200;

export interface SweepResult {
  warned: number;
  breached: number;
}

export function registerSlaJobs(p: Platform): void {
  p.jobs.define<Record<string, never>>({
    name: SLA_SWEEP_JOB,
    // The next minute's run catches up; retrying an old one only adds load.
    options: { retryLimit: 0, expireInSeconds: 120 },
    async handle() {
      await sweepSla(p, new Date());
    },
  });
}

/**
 * Announces what came due by `now`: a running clock past its warning instant gets one
 * `sla.warning`, past its due instant one `sla.breached` (a clock found already overdue is not
 * warned first), and the ticket's summary is refreshed. Each ticket in its own transaction,
 * locked like any ticket write, so it never races the clocks' own updates.
 */
export async function sweepSla(p: Platform, now: Date): Promise<SweepResult> {
  const totals: SweepResult = { warned: 0, breached: 0 };
  const seen = new Set<string>();
  for (;;) {
    const ids = (await findTicketsWithDueClocks(p.db, now, BATCH)).filter((id) => !seen.has(id));
    if (!ids.length) return totals;
    for (const id of ids) {
      seen.add(id);
      const result = await p.transaction((tx) => sweepTicket(tx, id, now));
      totals.warned += result.warned;
      totals.breached += result.breached;
    }
  }
}

async function sweepTicket(tx: Tx, ticketId: string, now: Date): Promise<SweepResult> {
  const ticket = await lockTicketRow(tx, ticketId);
  if (!ticket) return { warned: 0, breached: 0 };
  const before = (await findClocks(tx, [ticketId])).map(toClock).sort((a, b) => METRICS.indexOf(a.metric) - METRICS.indexOf(b.metric));
  const clocks = before.map((c) => ({ ...c }));
  const warned: Clock[] = [];
  const breached: Clock[] = [];
  for (const c of clocks) {
    if (!isRunning(c)) continue;
    if (detectBreach(c, now)) {
      breached.push(c);
      c.warnedAt ??= now;
    } else if (c.warnAt && c.warnAt.getTime() <= now.getTime() && !c.warnedAt) {
      c.warnedAt = now;
      warned.push(c);
    }
  }
  for (const c of warned) await recordSlaEvent(tx, ticket, 'sla.warning', c);
  await persistPlan(tx, ticket, before, { policyId: ticket.slaPolicyId, clocks, breached, ...summarize(clocks, now) }, now);
  return { warned: warned.length, breached: breached.length };
}
