import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-hours.js';
import type { Clock } from './sla-clocks.js';
import { choosePolicy, type Plan, type PolicyRule, planClocks, type SlaTrigger, type TicketFacts } from './sla-plan.js';

/** 9–17 Monday to Friday in Berlin (UTC+1 in early March 2024; 2024-03-04 is a Monday). */
const berlin: BusinessCalendar = {
  timezone: 'Europe/Berlin',
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  holidays: [],
};
const d = (iso: string) => new Date(iso);
const MIN = 60_000;

const rule = (over: Partial<PolicyRule> & { id: string }): PolicyRule => ({
  enabled: true,
  conditions: {},
  calendar: berlin,
  firstResponseMinutes: 60,
  nextResponseMinutes: 30,
  resolutionMinutes: 480,
  warnBeforeMinutes: 15,
  ...over,
});
const standard = rule({ id: 'standard' });
const urgent = rule({ id: 'urgent', conditions: { priorities: ['urgent'] }, firstResponseMinutes: 15, resolutionMinutes: 90 });

function facts(over: Partial<TicketFacts> = {}): TicketFacts {
  return {
    status: 'new',
    priority: 'normal',
    organizationId: null,
    channel: 'portal',
    createdAt: d('2024-03-04T08:00:00Z'), // Monday 09:00 local
    slaPolicyId: null,
    firstResponseAt: null,
    lastAgentReplyAt: null,
    ...over,
  };
}

/** Runs one write and returns the plan plus the facts the ticket has afterwards. */
function step(
  state: { ticket: TicketFacts; clocks: Clock[] },
  trigger: SlaTrigger,
  at: string,
  over: Partial<TicketFacts> = {},
  policies = [urgent, standard],
) {
  const ticket = { ...state.ticket, ...over };
  const plan = planClocks({ ticket, clocks: state.clocks, policies, trigger, at: d(at) });
  return { plan, ticket: { ...ticket, slaPolicyId: plan.policyId }, clocks: plan.clocks };
}

const created = (over: Partial<TicketFacts> = {}, customerFirst = true) =>
  step(
    { ticket: facts(over), clocks: [] },
    { kind: 'created', customerFirst },
    (over.createdAt ?? d('2024-03-04T08:00:00Z')).toISOString(),
  );
const clock = (p: Plan, metric: Clock['metric']) => p.clocks.find((c) => c.metric === metric);
const changed = (beforeStatus: string): SlaTrigger => ({ kind: 'changed', beforeStatus });

describe('choosing a policy', () => {
  it('takes the first enabled policy whose every given list matches', () => {
    const byOrg = rule({ id: 'org', conditions: { organizationIds: ['o1'], channels: ['email'] } });
    const off = rule({ id: 'off', enabled: false });
    const rules = [off, byOrg, urgent, standard];
    expect(choosePolicy(rules, facts({ organizationId: 'o1', channel: 'email' }))?.id).toBe('org');
    expect(choosePolicy(rules, facts({ organizationId: 'o1', channel: 'portal' }))?.id).toBe('standard');
    expect(choosePolicy(rules, facts({ priority: 'urgent' }))?.id).toBe('urgent');
    expect(choosePolicy(rules, facts({ organizationId: null, channel: 'email' }))?.id).toBe('standard');
    expect(choosePolicy([off, urgent], facts())).toBeNull();
  });
});

describe('a new ticket', () => {
  it('starts first response and resolution from its creation, in business time', () => {
    const { plan } = created();
    expect(plan.policyId).toBe('standard');
    expect(clock(plan, 'first_response')).toMatchObject({ runningSince: d('2024-03-04T08:00:00Z'), dueAt: d('2024-03-04T09:00:00Z') });
    // 8 business hours = the whole Monday.
    expect(clock(plan, 'resolution')?.dueAt?.toISOString()).toBe('2024-03-04T16:00:00.000Z');
    expect(clock(plan, 'next_response')).toBeUndefined();
    expect(plan).toMatchObject({ state: 'ok', dueAt: d('2024-03-04T09:00:00Z') });
  });

  it('opened by an agent writing first has nothing to respond to: no first-response clock', () => {
    const { plan } = created({}, false);
    expect(plan.clocks.map((c) => c.metric)).toEqual(['resolution']);
  });

  it('without a matching policy has no clocks', () => {
    const plan = planClocks({
      ticket: facts(),
      clocks: [],
      policies: [urgent],
      trigger: { kind: 'created', customerFirst: true },
      at: d('2024-03-04T08:00:00Z'),
    });
    expect(plan).toMatchObject({ policyId: null, clocks: [], state: 'none', dueAt: null });
  });
});

describe('replies', () => {
  it('an agent reply meets first response; a later customer message starts next response', () => {
    const s1 = created();
    const s2 = step(s1, { kind: 'reply', by: 'staff' }, '2024-03-04T08:20:00Z', { status: 'open' });
    expect(clock(s2.plan, 'first_response')).toMatchObject({
      completedAt: d('2024-03-04T08:20:00Z'),
      accruedMs: 20 * MIN,
      breachedAt: null,
    });
    expect(s2.plan.state).toBe('ok');
    const s3 = step(
      { ...s2, ticket: { ...s2.ticket, firstResponseAt: d('2024-03-04T08:20:00Z') } },
      { kind: 'reply', by: 'customer' },
      '2024-03-04T15:50:00Z',
    );
    // 16:50 local + 30 business minutes = Tuesday 09:20 local.
    expect(clock(s3.plan, 'next_response')).toMatchObject({ runningSince: d('2024-03-04T15:50:00Z'), dueAt: d('2024-03-05T08:20:00Z') });
    const s4 = step(s3, { kind: 'reply', by: 'staff' }, '2024-03-05T08:10:00Z');
    expect(clock(s4.plan, 'next_response')).toMatchObject({ completedAt: d('2024-03-05T08:10:00Z'), breachedAt: null });
  });

  it('a customer writing again before the first response does not start next response', () => {
    const s = step(created(), { kind: 'reply', by: 'customer' }, '2024-03-04T08:10:00Z');
    expect(clock(s.plan, 'next_response')).toBeUndefined();
  });

  it('a reply after the due time completes the clock as breached and reports it once', () => {
    const s = step(created(), { kind: 'reply', by: 'staff' }, '2024-03-04T09:30:00Z', { status: 'open' });
    expect(clock(s.plan, 'first_response')).toMatchObject({
      breachedAt: d('2024-03-04T09:00:00Z'),
      completedAt: d('2024-03-04T09:30:00Z'),
    });
    expect(s.plan.breached.map((c) => c.metric)).toEqual(['first_response']);
    expect(s.plan.state).toBe('breached');
    const again = step(s, changed('open'), '2024-03-04T09:40:00Z');
    expect(again.plan.breached).toEqual([]);
  });
});

describe('status', () => {
  it('pending pauses every clock; back to open, the due time moved by the paused business time', () => {
    const s1 = created();
    const s2 = step(s1, changed('new'), '2024-03-04T08:30:00Z', { status: 'pending' });
    expect(s2.plan).toMatchObject({ state: 'paused', dueAt: null });
    expect(clock(s2.plan, 'first_response')).toMatchObject({ runningSince: null, accruedMs: 30 * MIN, dueAt: null });
    // Paused from 09:30 to Tuesday 10:00 local: 7.5 business hours of Monday plus 1 of Tuesday.
    const s3 = step(s2, changed('pending'), '2024-03-05T09:00:00Z', { status: 'open' });
    expect(clock(s3.plan, 'first_response')?.dueAt?.toISOString()).toBe('2024-03-05T09:30:00.000Z');
    expect(s3.plan.state).toBe('ok');
  });

  it('solving completes the clocks; reopening resumes resolution with the time it already had', () => {
    const s1 = step(created(), { kind: 'reply', by: 'staff' }, '2024-03-04T08:10:00Z', { status: 'open' });
    const s2 = step(s1, changed('open'), '2024-03-04T10:00:00Z', { status: 'solved' });
    expect(clock(s2.plan, 'resolution')).toMatchObject({ completedAt: d('2024-03-04T10:00:00Z'), accruedMs: 120 * MIN });
    expect(s2.plan.state).toBe('met');
    const s3 = step(s2, changed('solved'), '2024-03-05T08:00:00Z', { status: 'open' });
    expect(clock(s3.plan, 'resolution')).toMatchObject({
      completedAt: null,
      runningSince: d('2024-03-05T08:00:00Z'),
      accruedMs: 120 * MIN,
    });
    // 6 business hours left from Tuesday 09:00 local.
    expect(clock(s3.plan, 'resolution')?.dueAt?.toISOString()).toBe('2024-03-05T14:00:00.000Z');
    expect(clock(s3.plan, 'first_response')?.completedAt).toEqual(d('2024-03-04T08:10:00Z'));
  });

  it('a customer writing on a solved ticket starts next response, which the reopening then runs', () => {
    const s1 = step(created(), { kind: 'reply', by: 'staff' }, '2024-03-04T08:10:00Z', { status: 'open' });
    const s2 = step(s1, changed('open'), '2024-03-04T09:00:00Z', { status: 'solved' });
    const s3 = step(s2, { kind: 'reply', by: 'customer' }, '2024-03-04T10:00:00Z', { lastAgentReplyAt: d('2024-03-04T08:10:00Z') });
    expect(clock(s3.plan, 'next_response')).toMatchObject({ completedAt: null, runningSince: null });
    const s4 = step(s3, changed('solved'), '2024-03-04T10:00:00Z', { status: 'open' });
    expect(clock(s4.plan, 'next_response')).toMatchObject({ runningSince: d('2024-03-04T10:00:00Z'), dueAt: d('2024-03-04T10:30:00Z') });
    expect(clock(s4.plan, 'resolution')?.completedAt).toBeNull();
  });
});

describe('policy changes', () => {
  it('a priority change moves the ticket to the matching policy, keeping the business time elapsed', () => {
    const s1 = created();
    const s2 = step(s1, changed('open'), '2024-03-04T09:00:00Z', { priority: 'urgent', status: 'open' });
    expect(s2.plan.policyId).toBe('urgent');
    // 60 of 90 resolution minutes already elapsed: due 30 business minutes later.
    expect(clock(s2.plan, 'resolution')).toMatchObject({ targetMinutes: 90, accruedMs: 60 * MIN, dueAt: d('2024-03-04T09:30:00Z') });
    // First response: 60 minutes waited against a 15-minute target, breached at its new due time.
    expect(clock(s2.plan, 'first_response')?.breachedAt).not.toBeNull();
    expect(s2.plan.breached.map((c) => c.metric)).toEqual(['first_response']);
  });

  it('a looser target lifts a breach the old one caused', () => {
    const s1 = created({ priority: 'urgent' });
    const s2 = step(s1, changed('new'), '2024-03-04T08:30:00Z');
    expect(s2.plan.state).toBe('breached');
    const s3 = step(s2, changed('new'), '2024-03-04T08:31:00Z', { priority: 'normal' });
    expect(s3.plan.policyId).toBe('standard');
    expect(clock(s3.plan, 'first_response')).toMatchObject({ breachedAt: null, dueAt: d('2024-03-04T09:00:00Z') });
    expect(s3.plan.state).toBe('ok');
  });

  it('drops unfinished clocks the new policy does not measure, and all of them when none matches', () => {
    const noFirst = rule({ id: 'nofirst', firstResponseMinutes: null });
    const s1 = created();
    const s2 = step(s1, changed('new'), '2024-03-04T08:10:00Z', {}, [noFirst]);
    expect(s2.plan.clocks.map((c) => c.metric)).toEqual(['resolution']);
    const s3 = step(s2, changed('new'), '2024-03-04T08:20:00Z', {}, [urgent]);
    expect(s3.plan).toMatchObject({ policyId: null, clocks: [], state: 'none' });
  });
});
