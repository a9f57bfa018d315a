import { and, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../platform/events/outbox.schema.js';
import { type Client, createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { sweepSla } from './index.js';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.close());

const MIN = 60_000;
const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;
const ms = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : Number.NaN);
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));

interface Clock {
  metric: string;
  targetMinutes: number;
  state: string;
  dueAt: string | null;
  breachedAt: string | null;
  completedAt: string | null;
}
interface TicketDto {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  reopenedCount: number;
  sla: { state: string; dueAt: string | null; policyId: string | null; clocks: Clock[] };
}

/** A workspace of its own per scenario: policies apply workspace-wide. */
async function workspace() {
  const ws = await createWorkspace(app);
  const admin = (await signedIn(app, ws.id, 'admin')).client;
  const agent = (await signedIn(app, ws.id, 'agent')).client;
  const customer = await signedIn(app, ws.id, 'customer');
  return { ws, admin, agent, customer };
}

async function created(client: Client, url: string, body: unknown): Promise<{ id: string }> {
  const res = await client.post(url, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** An emailed-in ticket, opened by staff for the customer: the customer's words come first. */
async function emailTicket(agent: Client, requesterId: string, priority = 'normal'): Promise<TicketDto> {
  const res = await agent.post('/api/v1/tickets', {
    subject: 'Printer on fire',
    bodyText: 'Help',
    requesterId,
    channel: 'email',
    priority,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function load(agent: Client, id: string): Promise<TicketDto> {
  const res = await agent.get(`/api/v1/tickets/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const clockOf = (t: TicketDto, metric: string) => t.sla.clocks.find((c) => c.metric === metric) as Clock;

async function patched(agent: Client, id: string, body: unknown): Promise<TicketDto> {
  const res = await agent.patch(`/api/v1/tickets/${id}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Brute-force reference: steps minute by minute through local wall-clock time (accurate to a minute). */
function referenceDue(from: Date, minutes: number, zone: string, holidays: string[]): number {
  let t = from.getTime();
  let counted = 0;
  while (counted < minutes) {
    const local = DateTime.fromMillis(t, { zone });
    if (local.weekday <= 5 && local.hour >= 9 && local.hour < 17 && !holidays.includes(local.toISODate() ?? '')) counted++;
    t += MIN;
  }
  return t;
}

describe('business calendars', () => {
  it('refuses an invalid calendar with one field error per problem', async () => {
    const { admin } = await workspace();
    const res = await admin.post('/api/v1/business-calendars', {
      name: 'Broken',
      timezone: 'Mars/Olympus_Mons',
      hours: [
        { weekday: 8, start: '09:00', end: '17:00' },
        { weekday: 1, start: '17:00', end: '09:00' },
      ],
      holidays: ['2024-02-30'],
    });
    expect(res.statusCode).toBe(400);
    expect(code(res)).toBe('calendar.invalid');
    const paths = (res.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['timezone', 'hours.0', 'hours.1', 'holidays.0']));
    const empty = await admin.post('/api/v1/business-calendars', { name: 'Never open', timezone: 'UTC', hours: [] });
    expect(code(empty)).toBe('calendar.invalid');
    expect((await admin.get('/api/v1/business-calendars')).json().items).toEqual([]);
  });

  it('creates, lists, changes and deletes; a calendar in use cannot be deleted', async () => {
    const { admin, agent, customer } = await workspace();
    const cal = await created(admin, '/api/v1/business-calendars', {
      name: 'Office',
      timezone: 'Europe/Berlin',
      hours: weekdays('09:00', '17:00'),
    });
    expect((await agent.get('/api/v1/business-calendars')).json().items).toMatchObject([{ id: cal.id, name: 'Office', holidays: [] }]);
    const upd = await admin.patch(`/api/v1/business-calendars/${cal.id}`, { holidays: ['2024-12-25', '2024-12-24', '2024-12-25'] });
    expect(upd.json()).toMatchObject({ holidays: ['2024-12-24', '2024-12-25'], timezone: 'Europe/Berlin' });
    const bad = await admin.patch(`/api/v1/business-calendars/${cal.id}`, { hours: [{ weekday: 1, start: '25:00', end: '26:00' }] });
    expect(bad.statusCode).toBe(400);
    expect(code(bad)).toBe('calendar.invalid');

    const policy = await created(admin, '/api/v1/sla-policies', { name: 'Office SLA', calendarId: cal.id, firstResponseMinutes: 60 });
    const inUse = await admin.delete(`/api/v1/business-calendars/${cal.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(code(inUse)).toBe('calendar.in_use');
    expect((await admin.delete(`/api/v1/sla-policies/${policy.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/business-calendars/${cal.id}`)).statusCode).toBe(204);
    expect((await admin.get('/api/v1/business-calendars')).json().items).toEqual([]);

    expect(
      (await agent.post('/api/v1/business-calendars', { name: 'x', timezone: 'UTC', hours: weekdays('09:00', '17:00') })).statusCode,
    ).toBe(403);
    expect((await customer.client.get('/api/v1/business-calendars')).statusCode).toBe(403);
  });
});

describe('SLA policies', () => {
  it('validates targets, calendars and organizations, and keeps match order', async () => {
    const { admin, agent } = await workspace();
    const none = await admin.post('/api/v1/sla-policies', { name: 'Nothing measured' });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0]).toMatchObject({ path: 'firstResponseMinutes', code: 'target_required' });
    const unknownCal = await admin.post('/api/v1/sla-policies', {
      name: 'x',
      resolutionMinutes: 60,
      calendarId: '01890000-0000-7000-8000-000000000000',
    });
    expect(unknownCal.json().errors[0]).toMatchObject({ path: 'calendarId', code: 'calendar_not_found' });
    const unknownOrg = await admin.post('/api/v1/sla-policies', {
      name: 'x',
      resolutionMinutes: 60,
      conditions: { organizationIds: ['01890000-0000-7000-8000-000000000000'] },
    });
    expect(unknownOrg.json().errors[0]).toMatchObject({ path: 'conditions.organizationIds', code: 'organization_not_found' });
    expect((await admin.post('/api/v1/sla-policies', { name: 'x', firstResponseMinutes: 0 })).statusCode).toBe(400);

    const a = await created(admin, '/api/v1/sla-policies', { name: 'A', firstResponseMinutes: 60 });
    const b = await created(admin, '/api/v1/sla-policies', { name: 'B', firstResponseMinutes: 60, conditions: { priorities: [] } });
    const first = await created(admin, '/api/v1/sla-policies', { name: 'First', position: 0, resolutionMinutes: 60 });
    const list = (await agent.get('/api/v1/sla-policies')).json().items as { id: string; position: number; conditions: object }[];
    expect(list.map((p) => p.id)).toEqual([a.id, first.id, b.id]);
    expect(list.map((p) => p.position)).toEqual([0, 0, 1]);
    expect(list[2]?.conditions).toEqual({});
    const cleared = await admin.patch(`/api/v1/sla-policies/${a.id}`, { firstResponseMinutes: null });
    expect(cleared.json().errors[0].code).toBe('target_required');
    expect((await agent.patch(`/api/v1/sla-policies/${a.id}`, { name: 'Mine now' })).statusCode).toBe(403);
    expect((await agent.delete(`/api/v1/sla-policies/${a.id}`)).statusCode).toBe(403);
  });

  it('another workspace’s calendars and policies answer 404, and cannot be referenced', async () => {
    const mine = await workspace();
    const theirs = await workspace();
    const cal = await created(theirs.admin, '/api/v1/business-calendars', {
      name: 'Theirs',
      timezone: 'UTC',
      hours: weekdays('09:00', '17:00'),
    });
    const pol = await created(theirs.admin, '/api/v1/sla-policies', { name: 'Theirs', firstResponseMinutes: 5, calendarId: cal.id });
    for (const res of [
      await mine.admin.patch(`/api/v1/business-calendars/${cal.id}`, { name: 'Hijacked' }),
      await mine.admin.delete(`/api/v1/business-calendars/${cal.id}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(code(res)).toBe('calendar.not_found');
    }
    for (const res of [
      await mine.admin.patch(`/api/v1/sla-policies/${pol.id}`, { name: 'Hijacked' }),
      await mine.admin.delete(`/api/v1/sla-policies/${pol.id}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(code(res)).toBe('sla_policy.not_found');
    }
    const borrow = await mine.admin.post('/api/v1/sla-policies', { name: 'Borrowed', firstResponseMinutes: 5, calendarId: cal.id });
    expect(borrow.json().errors[0].code).toBe('calendar_not_found');
    expect((await mine.admin.get('/api/v1/sla-policies')).json().items).toEqual([]);
    expect((await theirs.admin.get('/api/v1/sla-policies')).json().items).toMatchObject([{ id: pol.id, name: 'Theirs' }]);
  });
});

describe('clocks on tickets', () => {
  it('chooses the policy by priority, and re-chooses when the priority changes, keeping the elapsed time', async () => {
    const { admin, agent, customer } = await workspace();
    const urgent = await created(admin, '/api/v1/sla-policies', {
      name: 'Urgent',
      conditions: { priorities: ['urgent'] },
      firstResponseMinutes: 30,
    });
    const disabled = await created(admin, '/api/v1/sla-policies', { name: 'Off', enabled: false, firstResponseMinutes: 1 });
    const standard = await created(admin, '/api/v1/sla-policies', { name: 'Standard', firstResponseMinutes: 240, resolutionMinutes: 2880 });
    expect(disabled.id).toBeTruthy();

    const hot = await emailTicket(agent, customer.user.id, 'urgent');
    expect(hot.sla).toMatchObject({ policyId: urgent.id, state: 'ok' });
    expect(hot.sla.clocks).toEqual([expect.objectContaining({ metric: 'first_response', targetMinutes: 30, state: 'running' })]);
    expect(ms(hot.sla.dueAt)).toBe(ms(hot.createdAt) + 30 * MIN);

    const calm = await emailTicket(agent, customer.user.id);
    expect(calm.sla.policyId).toBe(standard.id);
    expect(calm.sla.clocks.map((c) => [c.metric, c.targetMinutes])).toEqual([
      ['first_response', 240],
      ['resolution', 2880],
    ]);
    const raised = await patched(agent, calm.id, { priority: 'urgent' });
    expect(raised.sla.policyId).toBe(urgent.id);
    // Measured from the ticket's creation, not restarted at the change.
    expect(Math.abs(ms(clockOf(raised, 'first_response').dueAt) - (ms(calm.createdAt) + 30 * MIN))).toBeLessThan(50);
    expect(clockOf(raised, 'resolution')).toBeUndefined();

    // Customers never see SLA data.
    const seen = (await customer.client.get(`/api/v1/tickets/${calm.id}`)).json();
    expect(seen).not.toHaveProperty('sla');
  });

  it('counts business hours of the calendar’s zone, and skips holidays', async () => {
    const { admin, agent, customer } = await workspace();
    const zone = 'America/New_York';
    const hours = weekdays('09:00', '17:00');
    const office = await created(admin, '/api/v1/business-calendars', { name: 'NY', timezone: zone, hours });
    // A week of holidays starting today (local), so the clock cannot start before next week.
    const today = DateTime.now().setZone(zone);
    const holidays = Array.from({ length: 7 }, (_, i) => today.plus({ days: i }).toISODate() as string);
    const closed = await created(admin, '/api/v1/business-calendars', { name: 'NY holidays', timezone: zone, hours, holidays });
    await created(admin, '/api/v1/sla-policies', {
      name: 'Low',
      conditions: { priorities: ['low'] },
      calendarId: closed.id,
      firstResponseMinutes: 600,
    });
    await created(admin, '/api/v1/sla-policies', { name: 'Office', calendarId: office.id, firstResponseMinutes: 600 });

    const t = await emailTicket(agent, customer.user.id);
    const due = ms(t.sla.dueAt);
    expect(Math.abs(due - referenceDue(new Date(t.createdAt), 600, zone, []))).toBeLessThanOrEqual(MIN);
    // Ten business hours never fit in one working day: at least one closed night lies between.
    expect(due - ms(t.createdAt)).toBeGreaterThan(26 * 60 * MIN);
    const local = DateTime.fromMillis(due, { zone });
    expect(local.weekday).toBeLessThanOrEqual(5);
    expect(local.hour * 60 + local.minute).toBeGreaterThan(9 * 60);
    expect(local.hour * 60 + local.minute).toBeLessThanOrEqual(17 * 60);

    const low = await emailTicket(agent, customer.user.id, 'low');
    const lowDue = ms(low.sla.dueAt);
    expect(Math.abs(lowDue - referenceDue(new Date(low.createdAt), 600, zone, holidays))).toBeLessThanOrEqual(MIN);
    expect((DateTime.fromMillis(lowDue, { zone }).toISODate() as string) > (holidays.at(-1) as string)).toBe(true);
  });

  it('pauses while pending (due time null, state paused) and resumes later by the paused time', async () => {
    const { admin, agent, customer } = await workspace();
    await created(admin, '/api/v1/sla-policies', { name: '24x7', firstResponseMinutes: 60, resolutionMinutes: 240 });
    const t = await emailTicket(agent, customer.user.id);
    const firstDue = ms(clockOf(t, 'first_response').dueAt);
    const resolutionDue = ms(clockOf(t, 'resolution').dueAt);

    const pending = await patched(agent, t.id, { status: 'pending' });
    expect(pending.sla).toMatchObject({ state: 'paused', dueAt: null });
    expect(pending.sla.clocks.map((c) => [c.state, c.dueAt])).toEqual([
      ['paused', null],
      ['paused', null],
    ]);
    await sleep(300);
    const open = await patched(agent, t.id, { status: 'open' });
    const paused = ms(open.updatedAt) - ms(pending.updatedAt);
    expect(paused).toBeGreaterThanOrEqual(300);
    expect(open.sla.state).toBe('ok');
    expect(ms(clockOf(open, 'first_response').dueAt) - firstDue).toBe(paused);
    expect(ms(clockOf(open, 'resolution').dueAt) - resolutionDue).toBe(paused);
    expect(ms(open.sla.dueAt)).toBe(firstDue + paused);
  });

  it('meets first response with the first public agent reply (not a note); a customer message starts next response', async () => {
    const { admin, agent, customer } = await workspace();
    await created(admin, '/api/v1/sla-policies', {
      name: '24x7',
      firstResponseMinutes: 60,
      nextResponseMinutes: 30,
      resolutionMinutes: 240,
    });
    const t = await emailTicket(agent, customer.user.id);
    expect((await agent.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'note', bodyText: 'Looking' })).statusCode).toBe(201);
    expect(clockOf(await load(agent, t.id), 'first_response').state).toBe('running');

    expect((await agent.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'reply', bodyText: 'On it' })).statusCode).toBe(201);
    const replied = await load(agent, t.id);
    expect(clockOf(replied, 'first_response')).toMatchObject({ state: 'met', breachedAt: null });
    expect(clockOf(replied, 'first_response').completedAt).not.toBeNull();
    expect(clockOf(replied, 'resolution').state).toBe('running');
    expect(replied.sla).toMatchObject({ state: 'ok', dueAt: clockOf(replied, 'resolution').dueAt });

    const msg = await customer.client.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'reply', bodyText: 'Still broken' });
    expect(msg.statusCode, msg.body).toBe(201);
    const waiting = await load(agent, t.id);
    const next = clockOf(waiting, 'next_response');
    expect(next).toMatchObject({ state: 'running', targetMinutes: 30 });
    expect(ms(next.dueAt)).toBe(ms(msg.json().message.createdAt) + 30 * MIN);
    expect(waiting.sla.dueAt).toBe(next.dueAt);

    await agent.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'reply', bodyText: 'Fixed' });
    expect(clockOf(await load(agent, t.id), 'next_response').state).toBe('met');
  });

  it('warns before the breach, then records the breach, once each', async () => {
    const { admin, agent, customer } = await workspace();
    await created(admin, '/api/v1/sla-policies', { name: '24x7', firstResponseMinutes: 60, warnBeforeMinutes: 15 });
    const t = await emailTicket(agent, customer.user.id);
    const born = ms(t.createdAt);
    const events = async () =>
      app.platform.db
        .select()
        .from(outboxEvents)
        .where(and(eq(outboxEvents.subjectId, t.id), inArray(outboxEvents.type, ['sla.warning', 'sla.breached'])))
        .orderBy(outboxEvents.id);

    await sweepSla(app.platform, new Date(born + 44 * MIN));
    expect(await events()).toEqual([]);
    expect((await load(agent, t.id)).sla.state).toBe('ok');

    await sweepSla(app.platform, new Date(born + 46 * MIN));
    await sweepSla(app.platform, new Date(born + 50 * MIN));
    const dueAt = new Date(born + 60 * MIN).toISOString();
    expect((await events()).map((e) => [e.type, e.payload])).toEqual([
      ['sla.warning', expect.objectContaining({ ticketId: t.id, metric: 'first_response', dueAt })],
    ]);
    expect((await load(agent, t.id)).sla.state).toBe('at_risk');

    expect((await sweepSla(app.platform, new Date(born + 61 * MIN))).breached).toBeGreaterThanOrEqual(1);
    await sweepSla(app.platform, new Date(born + 90 * MIN));
    expect((await events()).map((e) => [e.type, e.payload])).toEqual([
      ['sla.warning', expect.objectContaining({ metric: 'first_response' })],
      ['sla.breached', expect.objectContaining({ ticketId: t.id, metric: 'first_response', dueAt })],
    ]);
    const breached = await load(agent, t.id);
    expect(breached.sla.state).toBe('breached');
    expect(clockOf(breached, 'first_response')).toMatchObject({ state: 'breached', breachedAt: dueAt });

    // Answering late completes the clock but the ticket stays breached.
    await agent.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'reply', bodyText: 'Sorry for the wait' });
    const late = await load(agent, t.id);
    expect(clockOf(late, 'first_response').completedAt).not.toBeNull();
    expect(late.sla.state).toBe('breached');
  });

  it('completes resolution when solved, and resumes it (not restarts) when reopened', async () => {
    const { admin, agent, customer } = await workspace();
    await created(admin, '/api/v1/sla-policies', { name: '24x7', firstResponseMinutes: 60, resolutionMinutes: 240 });
    const t = await emailTicket(agent, customer.user.id);
    const due = ms(clockOf(t, 'resolution').dueAt);
    await agent.post(`/api/v1/tickets/${t.id}/messages`, { kind: 'reply', bodyText: 'Done' });

    const solved = await patched(agent, t.id, { status: 'solved' });
    expect(clockOf(solved, 'resolution')).toMatchObject({ state: 'met', completedAt: solved.updatedAt });
    expect(solved.sla).toMatchObject({ state: 'met', dueAt: null });
    await sleep(200);
    const reopened = await patched(agent, t.id, { status: 'open' });
    expect(reopened.reopenedCount).toBe(1);
    const resolution = clockOf(reopened, 'resolution');
    expect(resolution).toMatchObject({ state: 'running', completedAt: null });
    expect(ms(resolution.dueAt) - due).toBe(ms(reopened.updatedAt) - ms(solved.updatedAt));
    expect(clockOf(reopened, 'first_response').state).toBe('met');
    expect(reopened.sla.state).toBe('ok');
  });
});
