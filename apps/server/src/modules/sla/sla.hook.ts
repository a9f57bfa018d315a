import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { recordEvent } from '../../platform/events/outbox.js';
import type { Platform } from '../../platform/platform.js';
import type { SlaClockView, TicketChange, TicketHook, TicketRow } from '../tickets/index.js';
import { type BusinessCalendar, validateCalendar } from './business-hours.js';
import {
  type CalendarRow,
  findClocks,
  listPoliciesWithCalendars,
  type PolicyRow,
  saveClocks,
  setTicketSummary,
  toClock,
} from './sla.repo.js';
import { type Clock, clockState, METRICS } from './sla-clocks.js';
import { type Plan, type PolicyRule, planClocks, type SlaTrigger } from './sla-plan.js';

export function toCalendar(row: Pick<CalendarRow, 'timezone' | 'hours' | 'holidays'> | null): BusinessCalendar | null {
  if (!row) return null;
  const cal = { timezone: row.timezone, hours: row.hours, holidays: row.holidays };
  // Stored calendars were validated on write; should one be unusable, measure 24x7 rather than fail the ticket write.
  return validateCalendar(cal).length ? null : cal;
}

export function toRule(row: { policy: PolicyRow; calendar: CalendarRow | null }): PolicyRule {
  const p = row.policy;
  return {
    id: p.id,
    enabled: p.enabled,
    conditions: p.conditions,
    calendar: toCalendar(row.calendar),
    firstResponseMinutes: p.firstResponseMinutes,
    nextResponseMinutes: p.nextResponseMinutes,
    resolutionMinutes: p.resolutionMinutes,
    warnBeforeMinutes: p.warnBeforeMinutes,
  };
}

/** What the write means for the clocks. Only public replies count; notes change nothing. */
export function triggerOf(change: TicketChange): SlaTrigger {
  if (change.kind === 'created') return { kind: 'created', customerFirst: change.message?.authorKind === 'customer' };
  if (change.kind === 'message' && change.message?.kind === 'reply') {
    const customer = change.ctx.actor.kind === 'customer' || change.message.authorKind === 'customer';
    return { kind: 'reply', by: customer ? 'customer' : 'staff' };
  }
  return { kind: 'changed', beforeStatus: change.before?.status ?? null };
}

/** The instant of the write: the ticket's creation, or its update stamp (a message's time for replies). */
const instantOf = (change: TicketChange) => (change.kind === 'created' ? change.after.createdAt : change.after.updatedAt);

/**
 * Keeps `ticket_sla_clocks` and the ticket's SLA summary columns right, inside the ticket's
 * transaction. Policies come from the configuration cache (the SLA service invalidates it).
 */
export function slaHook(p: Platform): TicketHook {
  return {
    name: 'sla',
    async afterWrite(tx, change) {
      const ws = change.after.workspaceId;
      const policies = await p.cache.get('sla-policies', ws, async () => (await listPoliciesWithCalendars(tx, ws)).map(toRule));
      if (await reconcileTicket(tx, change.after, triggerOf(change), instantOf(change), policies)) change.touched = true;
      return undefined;
    },
  };
}

/** Plans and saves the ticket's clocks; true when it wrote the ticket's summary columns. */
export async function reconcileTicket(
  tx: Tx,
  ticket: TicketRow,
  trigger: SlaTrigger,
  at: Date,
  policies: readonly PolicyRule[],
): Promise<boolean> {
  // Workspaces without SLAs, on tickets that never had one, pay nothing.
  if (!policies.length && ticket.slaState === 'none' && !ticket.slaPolicyId) return false;
  const rows = trigger.kind === 'created' ? [] : await findClocks(tx, [ticket.id]);
  if (!policies.length && !rows.length && ticket.slaState === 'none' && !ticket.slaPolicyId) return false;
  const before = rows.map(toClock).sort((x, y) => METRICS.indexOf(x.metric) - METRICS.indexOf(y.metric));
  const plan = planClocks({
    ticket: {
      status: ticket.status,
      priority: ticket.priority,
      organizationId: ticket.organizationId,
      channel: ticket.channel,
      createdAt: ticket.createdAt,
      slaPolicyId: ticket.slaPolicyId,
      firstResponseAt: ticket.firstResponseAt,
      lastAgentReplyAt: ticket.lastAgentReplyAt,
    },
    clocks: before,
    policies: [...policies],
    trigger,
    at,
  });
  return persistPlan(tx, ticket, before, plan, at);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Writes what changed and owes an `sla.breached` event for each clock this write found breached. */
export async function persistPlan(tx: Tx, ticket: TicketRow, before: Clock[], plan: Plan, at: Date): Promise<boolean> {
  if (!same(before, plan.clocks)) await saveClocks(tx, ticket, plan.clocks, at);
  const summary = { policyId: plan.policyId, state: plan.state, dueAt: plan.dueAt };
  const wrote = !same(summary, { policyId: ticket.slaPolicyId, state: ticket.slaState, dueAt: ticket.slaDueAt });
  if (wrote) await setTicketSummary(tx, ticket.id, summary);
  for (const c of plan.breached) await recordSlaEvent(tx, ticket, 'sla.breached', c);
  return wrote;
}

export async function recordSlaEvent(tx: DbOrTx, ticket: TicketRow, type: 'sla.warning' | 'sla.breached', c: Clock): Promise<void> {
  const actor: Actor = { kind: 'system', workspaceId: ticket.workspaceId };
  await recordEvent(tx, actor, {
    workspaceId: ticket.workspaceId,
    type,
    subject: { type: 'ticket', id: ticket.id },
    payload: { ticketId: ticket.id, number: ticket.number, metric: c.metric, dueAt: c.dueAt?.toISOString() ?? null, policyId: c.policyId },
  });
}

export function presentClock(c: Clock): SlaClockView {
  return {
    metric: c.metric,
    targetMinutes: c.targetMinutes,
    state: clockState(c),
    dueAt: c.dueAt?.toISOString() ?? null,
    breachedAt: c.breachedAt?.toISOString() ?? null,
    completedAt: c.completedAt?.toISOString() ?? null,
  };
}

/** Clock views per ticket, for the ticket presenter (provided to the tickets module). */
export async function slaClocksOf(db: DbOrTx, ticketIds: string[]): Promise<Map<string, SlaClockView[]>> {
  const out = new Map<string, SlaClockView[]>();
  const rows = await findClocks(db, ticketIds);
  const order = (m: string) => METRICS.indexOf(m as Clock['metric']);
  rows.sort((a, b) => order(a.metric) - order(b.metric));
  for (const r of rows) out.set(r.ticketId, [...(out.get(r.ticketId) ?? []), presentClock(toClock(r))]);
  return out;
}
