import type {
  CreateBusinessCalendarBody,
  CreateSlaPolicyBody,
  FieldError,
  UpdateBusinessCalendarBody,
  UpdateSlaPolicyBody,
} from '@switchboard/contracts';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { requirePermission } from '../identity/index.js';
import { type BusinessCalendar, validateCalendar } from './business-hours.js';
import {
  type CalendarRow,
  countOrganizations,
  deleteCalendar,
  deletePolicy,
  findCalendar,
  findPolicy,
  findPolicyNamesUsingCalendar,
  insertCalendar,
  insertPolicy,
  listCalendars,
  listPolicies,
  nextPolicyPosition,
  type PolicyRow,
  updateCalendar,
  updatePolicy,
} from './sla.repo.js';

const calendarNotFound = () => notFound('calendar.not_found', 'Business calendar');
const policyNotFound = () => notFound('sla_policy.not_found', 'SLA policy');

/** validateCalendar's sentences → field errors: "hours[2]: …" points at hours.2, the zone at timezone. */
export function calendarFieldErrors(problems: string[]): FieldError[] {
  return problems.map((message) => {
    const indexed = /^(hours|holidays)\[(\d+)\]/.exec(message);
    const path = indexed
      ? `${indexed[1]}.${indexed[2]}`
      : message.includes('time zone')
        ? 'timezone'
        : message.startsWith('holidays')
          ? 'holidays'
          : 'hours';
    return { path, message, code: 'invalid' };
  });
}

function assertCalendar(cal: BusinessCalendar): void {
  const problems = validateCalendar(cal);
  if (problems.length) {
    throw new AppError('calendar.invalid', 400, 'The business calendar is invalid', { errors: calendarFieldErrors(problems) });
  }
}

const TARGETS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const;

/** Cross-field and cross-table rules of a policy: a target to measure, a calendar and organizations of this workspace. */
async function assertPolicy(db: DbOrTx, workspaceId: string, p: Pick<PolicyRow, (typeof TARGETS)[number] | 'calendarId' | 'conditions'>) {
  if (TARGETS.every((k) => !p[k])) throw invalid('firstResponseMinutes', 'Set at least one target', 'target_required');
  if (p.calendarId && !(await findCalendar(db, workspaceId, p.calendarId)))
    throw invalid('calendarId', 'Unknown business calendar', 'calendar_not_found');
  const orgs = [...new Set(p.conditions.organizationIds ?? [])];
  if (orgs.length && (await countOrganizations(db, workspaceId, orgs)) !== orgs.length) {
    throw invalid('conditions.organizationIds', 'Unknown organization', 'organization_not_found');
  }
}

/** Empty lists mean "any": store them as absent so matching has one rule. */
function cleanConditions(c: CreateSlaPolicyBody['conditions']): Record<string, string[]> {
  return Object.fromEntries(Object.entries(c ?? {}).filter(([, list]) => Array.isArray(list) && list.length)) as Record<string, string[]>;
}

export function slaService(p: Platform) {
  return {
    async listCalendars(ctx: Ctx): Promise<CalendarRow[]> {
      const actor = requirePermission(ctx.actor, 'ticket.read');
      return listCalendars(p.db, actor.workspaceId);
    },

    async createCalendar(ctx: Ctx, input: CreateBusinessCalendarBody): Promise<CalendarRow> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      const values = {
        name: input.name,
        timezone: input.timezone,
        hours: input.hours,
        holidays: [...new Set(input.holidays ?? [])].sort(),
      };
      assertCalendar(values);
      return p.transaction(async (tx) => {
        p.cache.invalidate('sla-policies', actor.workspaceId);
        const row = await insertCalendar(tx, { id: uuidv7(), workspaceId: actor.workspaceId, ...values });
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'calendar.created',
          subject: { type: 'calendar', id: row.id },
          data: { name: row.name },
        });
        return row;
      });
    },

    /** Running clocks pick up new hours at their ticket's next change. */
    async updateCalendar(ctx: Ctx, id: string, input: UpdateBusinessCalendarBody): Promise<CalendarRow> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      return p.transaction(async (tx) => {
        const current = await findCalendar(tx, actor.workspaceId, id);
        if (!current) throw calendarNotFound();
        const next = {
          name: input.name ?? current.name,
          timezone: input.timezone ?? current.timezone,
          hours: input.hours ?? current.hours,
          holidays: input.holidays ? [...new Set(input.holidays)].sort() : current.holidays,
        };
        assertCalendar(next);
        p.cache.invalidate('sla-policies', actor.workspaceId);
        const row = await updateCalendar(tx, id, { ...next, updatedAt: new Date() });
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'calendar.updated',
          subject: { type: 'calendar', id },
          data: { fields: Object.keys(input) },
        });
        return row;
      });
    },

    /** Refused while a policy measures with it: silently turning those policies 24x7 would move every due time. */
    async deleteCalendar(ctx: Ctx, id: string): Promise<void> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      await p.transaction(async (tx) => {
        const current = await findCalendar(tx, actor.workspaceId, id);
        if (!current) throw calendarNotFound();
        const users = await findPolicyNamesUsingCalendar(tx, id);
        if (users.length) throw new AppError('calendar.in_use', 409, `SLA policies use this calendar: ${users.join(', ')}`);
        p.cache.invalidate('sla-policies', actor.workspaceId);
        await deleteCalendar(tx, id);
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'calendar.deleted',
          subject: { type: 'calendar', id },
          data: { name: current.name },
        });
      });
    },

    async listPolicies(ctx: Ctx): Promise<PolicyRow[]> {
      const actor = requirePermission(ctx.actor, 'ticket.read');
      return listPolicies(p.db, actor.workspaceId);
    },

    async createPolicy(ctx: Ctx, input: CreateSlaPolicyBody): Promise<PolicyRow> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      const ws = actor.workspaceId;
      return p.transaction(async (tx) => {
        const values = {
          name: input.name,
          enabled: input.enabled ?? true,
          conditions: cleanConditions(input.conditions),
          calendarId: input.calendarId ?? null,
          firstResponseMinutes: input.firstResponseMinutes ?? null,
          nextResponseMinutes: input.nextResponseMinutes ?? null,
          resolutionMinutes: input.resolutionMinutes ?? null,
          warnBeforeMinutes: input.warnBeforeMinutes ?? 15,
        };
        await assertPolicy(tx, ws, values);
        const position = input.position ?? (await nextPolicyPosition(tx, ws));
        p.cache.invalidate('sla-policies', ws);
        const row = await insertPolicy(tx, { id: uuidv7(), workspaceId: ws, position, ...values });
        await recordAudit(tx, ctx, {
          workspaceId: ws,
          action: 'sla_policy.created',
          subject: { type: 'sla_policy', id: row.id },
          data: { name: row.name },
        });
        return row;
      });
    },

    /** Tickets follow the change at their next write (the policy is re-evaluated then; elapsed time carries over). */
    async updatePolicy(ctx: Ctx, id: string, input: UpdateSlaPolicyBody): Promise<PolicyRow> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      const ws = actor.workspaceId;
      return p.transaction(async (tx) => {
        const current = await findPolicy(tx, ws, id);
        if (!current) throw policyNotFound();
        const set: Partial<PolicyRow> = { ...input, updatedAt: new Date() } as Partial<PolicyRow>;
        if (input.conditions !== undefined) set.conditions = cleanConditions(input.conditions);
        await assertPolicy(tx, ws, { ...current, ...set });
        p.cache.invalidate('sla-policies', ws);
        const row = await updatePolicy(tx, id, set);
        await recordAudit(tx, ctx, {
          workspaceId: ws,
          action: 'sla_policy.updated',
          subject: { type: 'sla_policy', id },
          data: { fields: Object.keys(input) },
        });
        return row;
      });
    },

    async deletePolicy(ctx: Ctx, id: string): Promise<void> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      await p.transaction(async (tx) => {
        const current = await findPolicy(tx, actor.workspaceId, id);
        if (!current) throw policyNotFound();
        p.cache.invalidate('sla-policies', actor.workspaceId);
        await deletePolicy(tx, id);
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'sla_policy.deleted',
          subject: { type: 'sla_policy', id },
          data: { name: current.name },
        });
      });
    },
  };
}

export type SlaService = ReturnType<typeof slaService>;
