import type { BusinessCalendar } from './business-hours.js';
import {
  type Clock,
  complete,
  detectBreach,
  elapsedMs,
  isUnfinished,
  METRICS,
  newClock,
  pause,
  resume,
  type SlaMetric,
  type SlaState,
  schedule,
  summarize,
} from './sla-clocks.js';

/**
 * What happens to a ticket's SLA clocks when the ticket is written. Pure: the hook loads the
 * inputs, calls `planClocks`, and persists the result.
 */
export interface PolicyRule {
  id: string;
  enabled: boolean;
  conditions: { priorities?: string[]; organizationIds?: string[]; channels?: string[] };
  calendar: BusinessCalendar | null;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  warnBeforeMinutes: number;
}

export interface TicketFacts {
  status: string;
  priority: string;
  organizationId: string | null;
  channel: string;
  createdAt: Date;
  slaPolicyId: string | null;
  firstResponseAt: Date | null;
  lastAgentReplyAt: Date | null;
}

export type SlaTrigger =
  | { kind: 'created'; customerFirst: boolean }
  | { kind: 'reply'; by: 'staff' | 'customer' }
  | { kind: 'changed'; beforeStatus: string | null };

export interface Plan {
  policyId: string | null;
  clocks: Clock[];
  /** Clocks this write found breached (an `sla.breached` event is owed for each). */
  breached: Clock[];
  state: SlaState;
  dueAt: Date | null;
}

const PAUSED = new Set(['pending', 'on_hold']);
const DONE = new Set(['solved', 'closed']);

const TARGET: Record<SlaMetric, keyof Pick<PolicyRule, 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes'>> = {
  first_response: 'firstResponseMinutes',
  next_response: 'nextResponseMinutes',
  resolution: 'resolutionMinutes',
};

const listMatches = (list: string[] | undefined, value: string | null) => !list?.length || (value !== null && list.includes(value));

export function matchesConditions(
  rule: Pick<PolicyRule, 'conditions'>,
  t: Pick<TicketFacts, 'priority' | 'organizationId' | 'channel'>,
): boolean {
  const c = rule.conditions;
  return listMatches(c.priorities, t.priority) && listMatches(c.organizationIds, t.organizationId) && listMatches(c.channels, t.channel);
}

/** The first enabled policy, in the given order (by position), whose conditions match. */
export function choosePolicy(rules: readonly PolicyRule[], t: TicketFacts): PolicyRule | null {
  return rules.find((r) => r.enabled && matchesConditions(r, t)) ?? null;
}

export interface PlanInput {
  ticket: TicketFacts;
  clocks: Clock[];
  /** All policies of the workspace, ordered by position. */
  policies: readonly PolicyRule[];
  trigger: SlaTrigger;
  at: Date;
}

/**
 * Re-evaluates the policy on every write (like the big help desks do), so priority,
 * organization or channel changes, and edited or disabled policies, take effect at the
 * ticket's next change. Elapsed business time carries over to the new targets.
 */
export function planClocks(input: PlanInput): Plan {
  const { ticket, trigger, at } = input;
  const clocks = new Map(input.clocks.map((c) => [c.metric, { ...c }] as const));
  const breached = new Set<Clock>();
  const note = (c: Clock, hit: boolean) => hit && breached.add(c);
  const current = input.policies.find((p) => p.id === ticket.slaPolicyId) ?? null;
  const chosen = choosePolicy(input.policies, ticket);
  const oldCal = current?.calendar ?? null;
  const cal = chosen?.calendar ?? null;

  if (!chosen) return finish(null, [], [], at);

  const switched = chosen.id !== ticket.slaPolicyId && trigger.kind !== 'created';
  if (switched) {
    // Measure what ran so far with the old calendar, then start over on the new one.
    for (const c of clocks.values()) {
      note(c, detectBreach(c, at));
      pause(c, oldCal, at);
    }
  }
  const carriedMs = carriedTime(clocks, chosen, ticket, at);
  const retargeted = applyTargets(clocks, chosen, ticket, trigger, carriedMs);
  onReply(clocks, chosen, ticket, trigger, cal, at, note);
  onStatus(clocks, ticket, trigger, cal, at, note);
  for (const c of clocks.values()) {
    if (retargeted.has(c.metric)) forgiveIfWithinTarget(c, cal, chosen.warnBeforeMinutes, at);
    schedule(c, cal, chosen.warnBeforeMinutes);
    note(c, detectBreach(c, at));
  }
  return finish(chosen.id, [...clocks.values()], [...breached], at);
}

function finish(policyId: string | null, list: Clock[], breached: Clock[], at: Date): Plan {
  const ordered = METRICS.map((m) => list.find((c) => c.metric === m)).filter((c): c is Clock => c !== undefined);
  return { policyId, clocks: ordered, breached, ...summarize(ordered, at) };
}

/** Business time a clock that a new policy adds should start with: what the ticket already waited. */
function carriedTime(clocks: Map<SlaMetric, Clock>, chosen: PolicyRule, ticket: TicketFacts, at: Date): number {
  const known = clocks.get('resolution') ?? clocks.get('first_response');
  if (known) return elapsedMs(known, chosen.calendar, at);
  return elapsedMs({ ...newClock('resolution', chosen.id, 1), runningSince: ticket.createdAt }, chosen.calendar, at);
}

/**
 * Sets each metric's target from the policy and drops clocks it no longer measures. A metric the
 * policy measures but the ticket has no clock for (new ticket, new or edited policy) gets one,
 * started with the time the ticket already waited. Returns the metrics whose target changed.
 */
function applyTargets(
  clocks: Map<SlaMetric, Clock>,
  chosen: PolicyRule,
  ticket: TicketFacts,
  trigger: SlaTrigger,
  carriedMs: number,
): Set<SlaMetric> {
  const changed = new Set<SlaMetric>();
  const done = DONE.has(ticket.status);
  for (const metric of METRICS) {
    const target = chosen[TARGET[metric]];
    const existing = clocks.get(metric);
    if (!target) {
      // A completed clock stays as the record of what was achieved.
      if (existing && isUnfinished(existing)) clocks.delete(metric);
      continue;
    }
    if (existing) {
      if (existing.targetMinutes !== target) changed.add(metric);
      existing.targetMinutes = target;
      existing.policyId = chosen.id;
      continue;
    }
    const created = trigger.kind === 'created';
    const awaitingFirst = created ? trigger.customerFirst : ticket.firstResponseAt === null && ticket.lastAgentReplyAt === null;
    // Next response only ever starts on a customer message (see onReply).
    const wanted = metric === 'resolution' ? created || !done : metric === 'first_response' && awaitingFirst && !done;
    if (!wanted) continue;
    const clock = newClock(metric, chosen.id, target, created ? 0 : carriedMs);
    if (created) clock.runningSince = ticket.createdAt;
    clocks.set(metric, clock);
  }
  return changed;
}

/**
 * An agent's public reply meets first and next response. A customer's public message starts
 * next response once the first response is behind them (or an agent has written before).
 */
function onReply(
  clocks: Map<SlaMetric, Clock>,
  chosen: PolicyRule,
  ticket: TicketFacts,
  trigger: SlaTrigger,
  cal: BusinessCalendar | null,
  at: Date,
  note: (c: Clock, hit: boolean) => void,
): void {
  if (trigger.kind !== 'reply') return;
  const first = clocks.get('first_response');
  const next = clocks.get('next_response');
  if (trigger.by === 'staff') {
    for (const c of [first, next]) {
      if (!c) continue;
      note(c, detectBreach(c, at));
      complete(c, cal, at);
    }
    return;
  }
  if (!chosen.nextResponseMinutes) return;
  if ((first && isUnfinished(first)) || (next && isUnfinished(next))) return;
  if (!first?.completedAt && !ticket.lastAgentReplyAt) return;
  // One row per metric: a new wait for an answer starts a fresh cycle (past breaches were evented).
  clocks.set('next_response', newClock('next_response', chosen.id, chosen.nextResponseMinutes));
}

/** Solved/closed completes every clock; pending/on hold pauses; reopening resumes resolution. */
function onStatus(
  clocks: Map<SlaMetric, Clock>,
  ticket: TicketFacts,
  trigger: SlaTrigger,
  cal: BusinessCalendar | null,
  at: Date,
  note: (c: Clock, hit: boolean) => void,
): void {
  if (DONE.has(ticket.status)) {
    // A customer writing on a solved ticket reopens it right after this hook: their wait starts now.
    const reopening = trigger.kind === 'reply' && trigger.by === 'customer';
    for (const c of clocks.values()) {
      if (reopening && c.metric === 'next_response') continue;
      note(c, detectBreach(c, at));
      complete(c, cal, at);
    }
    return;
  }
  const resolution = clocks.get('resolution');
  if (trigger.kind === 'changed' && trigger.beforeStatus && DONE.has(trigger.beforeStatus) && resolution?.completedAt) {
    resolution.completedAt = null;
  }
  const runs = !PAUSED.has(ticket.status);
  for (const c of clocks.values()) {
    if (!isUnfinished(c)) continue;
    if (runs) resume(c, at);
    else {
      note(c, detectBreach(c, at));
      pause(c, cal, at);
    }
  }
}

/** A looser target can lift a breach or warning that the old target caused. */
function forgiveIfWithinTarget(c: Clock, cal: BusinessCalendar | null, warnBefore: number, at: Date): void {
  if (!isUnfinished(c)) return;
  const remaining = c.targetMinutes * 60_000 - elapsedMs(c, cal, at);
  if (remaining > 0) c.breachedAt = null;
  if (remaining > warnBefore * 60_000) c.warnedAt = null;
}
