import { addBusinessMinutes, type BusinessCalendar, businessMinutesBetween } from './business-hours.js';

/**
 * SLA clock arithmetic. Pure: no DB, no clock. A clock accrues business time while
 * `runningSince` is set; pausing folds the open stretch into `accruedMs`. Due and warning
 * instants are only meaningful while it runs.
 */
export type SlaMetric = 'first_response' | 'next_response' | 'resolution';
export const METRICS: readonly SlaMetric[] = ['first_response', 'next_response', 'resolution'];

export interface Clock {
  metric: SlaMetric;
  policyId: string | null;
  targetMinutes: number;
  accruedMs: number;
  runningSince: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  completedAt: Date | null;
}

export type SlaState = 'none' | 'ok' | 'at_risk' | 'breached' | 'paused' | 'met';
export type ClockState = 'running' | 'paused' | 'met' | 'breached';

const MINUTE_MS = 60_000;

export const isUnfinished = (c: Clock) => c.completedAt === null;
export const isRunning = (c: Clock) => c.completedAt === null && c.runningSince !== null;

export function newClock(metric: SlaMetric, policyId: string, targetMinutes: number, accruedMs = 0): Clock {
  return {
    metric,
    policyId,
    targetMinutes,
    accruedMs,
    runningSince: null,
    dueAt: null,
    warnAt: null,
    warnedAt: null,
    breachedAt: null,
    completedAt: null,
  };
}

/** Business ms accrued so far, including the stretch still running at `at`. */
export function elapsedMs(c: Clock, cal: BusinessCalendar | null, at: Date): number {
  if (!isRunning(c) || !c.runningSince) return c.accruedMs;
  return c.accruedMs + Math.round(businessMinutesBetween(cal, c.runningSince, at) * MINUTE_MS);
}

/**
 * Marks a running clock breached when its due instant has passed. The breach is dated at the
 * due instant, not when it was noticed. Returns whether this call did it (so an event is owed).
 */
export function detectBreach(c: Clock, at: Date): boolean {
  if (!isRunning(c) || c.breachedAt || !c.dueAt || c.dueAt.getTime() > at.getTime()) return false;
  c.breachedAt = c.dueAt;
  return true;
}

/** Stops a running clock, keeping the business time it accrued. */
export function pause(c: Clock, cal: BusinessCalendar | null, at: Date): void {
  if (!isRunning(c)) return;
  c.accruedMs = elapsedMs(c, cal, at);
  c.runningSince = null;
  c.dueAt = null;
  c.warnAt = null;
}

export function resume(c: Clock, at: Date): void {
  if (isUnfinished(c) && c.runningSince === null) c.runningSince = at;
}

/** Completes the clock at `at`; due/warn stay as they were, for the record. */
export function complete(c: Clock, cal: BusinessCalendar | null, at: Date): void {
  if (!isUnfinished(c)) return;
  if (c.runningSince) c.accruedMs = elapsedMs(c, cal, at);
  c.runningSince = null;
  c.completedAt = at;
}

/**
 * Recomputes due and warning instants of a running clock: due once the remaining target has
 * accrued after `runningSince`, warning `warnBefore` business minutes earlier. A clock already
 * over its target is due at `runningSince` (it is overdue from the moment it runs).
 */
export function schedule(c: Clock, cal: BusinessCalendar | null, warnBeforeMinutes: number): void {
  if (!isUnfinished(c)) return;
  if (!c.runningSince) {
    c.dueAt = null;
    c.warnAt = null;
    return;
  }
  const remaining = (c.targetMinutes * MINUTE_MS - c.accruedMs) / MINUTE_MS;
  if (remaining <= 0) {
    c.dueAt = c.runningSince;
    c.warnAt = c.runningSince;
    return;
  }
  c.dueAt = addBusinessMinutes(cal, c.runningSince, remaining);
  c.warnAt = addBusinessMinutes(cal, c.runningSince, Math.max(0, remaining - warnBeforeMinutes));
}

export function clockState(c: Clock): ClockState {
  if (c.breachedAt) return 'breached';
  if (c.completedAt) return 'met';
  return c.runningSince ? 'running' : 'paused';
}

/**
 * The ticket's summary: breached if any clock (running or completed) breached; else at risk
 * if a running clock is past its warning instant; else paused if every unfinished clock is
 * paused; else ok while one runs; met when all completed; none without clocks. The due
 * instant is the earliest of the running clocks'.
 */
export function summarize(clocks: readonly Clock[], at: Date): { state: SlaState; dueAt: Date | null } {
  const running = clocks.filter(isRunning);
  const dues = running.map((c) => c.dueAt?.getTime()).filter((t): t is number => t !== undefined);
  const dueAt = dues.length ? new Date(Math.min(...dues)) : null;
  if (clocks.length === 0) return { state: 'none', dueAt };
  if (clocks.some((c) => c.breachedAt)) return { state: 'breached', dueAt };
  if (running.some((c) => c.warnAt && c.warnAt.getTime() <= at.getTime())) return { state: 'at_risk', dueAt };
  if (running.length) return { state: 'ok', dueAt };
  if (clocks.some(isUnfinished)) return { state: 'paused', dueAt };
  return { state: 'met', dueAt };
}
