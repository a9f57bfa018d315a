import type { CreateTeamBodySchema, UpdateTeamBodySchema } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import type { CreateRoutingRuleBody, UpdateRoutingRuleBody } from './routing.contracts.js';
import { BACKLOG_JOB, type BacklogJobData } from './routing.jobs.js';
import { requireRoutingManage, requireRoutingRead } from './routing.policy.js';
import { presentRule, presentTeam } from './routing.presenter.js';
import {
  clearTeamOfClosedTickets,
  countUnclosedTicketsOfTeam,
  findActiveStaff,
  findMemberIds,
  findRule,
  findRules,
  findRulesNamingTeam,
  findTeam,
  findTeamByName,
  findTeams,
  nextRulePosition,
  RULES_CACHE,
  replaceMembers,
} from './routing.repo.js';
import { routingRules, teams } from './routing.schema.js';

type CreateTeamBody = z.infer<typeof CreateTeamBodySchema>;
type UpdateTeamBody = z.infer<typeof UpdateTeamBodySchema>;

const teamNotFound = () => notFound('team.not_found', 'Team');
const ruleNotFound = () => notFound('routing_rule.not_found', 'Routing rule');

/** Teams (queues with a strategy), their members, and the routing rules that feed them. */
export function routingService(p: Platform) {
  async function loadTeam(db: DbOrTx, workspaceId: string, id: string) {
    const team = await findTeam(db, workspaceId, id);
    if (!team) throw teamNotFound();
    return team;
  }

  async function teamDto(db: DbOrTx, team: typeof teams.$inferSelect) {
    return presentTeam(team, (await findMemberIds(db, [team.id])).get(team.id) ?? []);
  }

  async function assertNameFree(workspaceId: string, name: string, exceptId?: string) {
    const existing = await findTeamByName(p.db, workspaceId, name);
    if (existing && existing.id !== exceptId) throw conflict('team.name_taken', `A team named "${existing.name}" already exists`);
  }

  async function assertRuleTeam(workspaceId: string, teamId: string | null | undefined) {
    if (teamId && !(await findTeam(p.db, workspaceId, teamId))) throw invalid('action.teamId', 'Unknown team', 'team_not_found');
  }

  /** Tickets waiting in a team get handed out once the team may hand them out. */
  async function enqueueBacklog(tx: DbOrTx, ctx: Ctx, data: BacklogJobData) {
    await p.jobs.enqueue(tx, ctx.actor, BACKLOG_JOB, data);
  }

  return {
    async listTeams(ctx: Ctx) {
      const actor = requireRoutingRead(ctx.actor);
      const rows = await findTeams(p.db, actor.workspaceId);
      const members = await findMemberIds(
        p.db,
        rows.map((t) => t.id),
      );
      return rows.map((t) => presentTeam(t, members.get(t.id) ?? []));
    },

    async getTeam(ctx: Ctx, id: string) {
      const actor = requireRoutingRead(ctx.actor);
      return teamDto(p.db, await loadTeam(p.db, actor.workspaceId, id));
    },

    async createTeam(ctx: Ctx, input: CreateTeamBody) {
      const actor = requireRoutingManage(ctx.actor);
      await assertNameFree(actor.workspaceId, input.name);
      return p.transaction(async (tx) => {
        const [row] = await tx
          .insert(teams)
          .values({ id: uuidv7(), workspaceId: actor.workspaceId, ...input, description: input.description ?? null })
          .returning();
        const team = row as typeof teams.$inferSelect;
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'team.created',
          subject: { type: 'team', id: team.id },
          data: input,
        });
        return presentTeam(team, []);
      });
    },

    async updateTeam(ctx: Ctx, id: string, input: UpdateTeamBody) {
      const actor = requireRoutingManage(ctx.actor);
      const before = await loadTeam(p.db, actor.workspaceId, id);
      if (input.name !== undefined) await assertNameFree(actor.workspaceId, input.name, id);
      return p.transaction(async (tx) => {
        const [row] = await tx
          .update(teams)
          .set({ ...input, updatedAt: new Date() })
          .where(eq(teams.id, id))
          .returning();
        const team = row as typeof teams.$inferSelect;
        await recordAudit(tx, ctx, { workspaceId: actor.workspaceId, action: 'team.updated', subject: { type: 'team', id }, data: input });
        const handsOutMore = (before.strategy === 'manual' && team.strategy !== 'manual') || (before.onlyOnline && !team.onlyOnline);
        if (handsOutMore) await enqueueBacklog(tx, ctx, { workspaceId: actor.workspaceId, teamId: id });
        return teamDto(tx, team);
      });
    },

    /** Refused while open tickets or rules still point at the team: they would route nowhere. */
    async deleteTeam(ctx: Ctx, id: string) {
      const actor = requireRoutingManage(ctx.actor);
      const ws = actor.workspaceId;
      const team = await loadTeam(p.db, ws, id);
      await p.transaction(async (tx) => {
        const unclosed = await countUnclosedTicketsOfTeam(tx, ws, id);
        if (unclosed) throw conflict('team.in_use', `${unclosed} ticket(s) not closed yet belong to this team; move them first`);
        const rules = await findRulesNamingTeam(tx, ws, id);
        if (rules.length) throw conflict('team.in_use', `Routing rules send tickets to this team: ${rules.map((r) => r.name).join(', ')}`);
        await clearTeamOfClosedTickets(tx, ws, id);
        await tx.delete(teams).where(eq(teams.id, id));
        await recordAudit(tx, ctx, { workspaceId: ws, action: 'team.deleted', subject: { type: 'team', id }, data: { name: team.name } });
      });
    },

    async setMembers(ctx: Ctx, id: string, userIds: string[]) {
      const actor = requireRoutingManage(ctx.actor);
      const ws = actor.workspaceId;
      await loadTeam(p.db, ws, id);
      const wanted = [...new Set(userIds)];
      const staff = new Set((await findActiveStaff(p.db, ws, wanted)).map((s) => s.id));
      const unknown = wanted.findIndex((uid) => !staff.has(uid));
      if (unknown >= 0)
        throw invalid(
          `userIds.${userIds.indexOf(wanted[unknown] as string)}`,
          'Not an active staff member of this workspace',
          'user_not_found',
        );
      return p.transaction(async (tx) => {
        const before = new Set((await findMemberIds(tx, [id])).get(id) ?? []);
        await replaceMembers(tx, ws, id, wanted);
        await recordAudit(tx, ctx, {
          workspaceId: ws,
          action: 'team.members_changed',
          subject: { type: 'team', id },
          data: { userIds: wanted },
        });
        if (wanted.some((uid) => !before.has(uid))) await enqueueBacklog(tx, ctx, { workspaceId: ws, teamId: id });
        return teamDto(tx, await loadTeam(tx, ws, id));
      });
    },

    async listRules(ctx: Ctx) {
      const actor = requireRoutingManage(ctx.actor);
      return (await findRules(p.db, actor.workspaceId)).map(presentRule);
    },

    async createRule(ctx: Ctx, input: CreateRoutingRuleBody) {
      const actor = requireRoutingManage(ctx.actor);
      await assertRuleTeam(actor.workspaceId, input.action.teamId);
      return p.transaction(async (tx) => {
        const position = input.position ?? (await nextRulePosition(tx, actor.workspaceId));
        const [row] = await tx
          .insert(routingRules)
          .values({
            id: uuidv7(),
            workspaceId: actor.workspaceId,
            name: input.name,
            position,
            enabled: input.enabled ?? true,
            conditions: input.conditions as unknown as Array<Record<string, unknown>>,
            action: input.action as unknown as Record<string, unknown>,
          })
          .returning();
        const rule = row as typeof routingRules.$inferSelect;
        p.cache.invalidate(RULES_CACHE, actor.workspaceId);
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'routing_rule.created',
          subject: { type: 'routing_rule', id: rule.id },
          data: { name: rule.name },
        });
        return presentRule(rule);
      });
    },

    async updateRule(ctx: Ctx, id: string, input: UpdateRoutingRuleBody) {
      const actor = requireRoutingManage(ctx.actor);
      if (!(await findRule(p.db, actor.workspaceId, id))) throw ruleNotFound();
      await assertRuleTeam(actor.workspaceId, input.action?.teamId);
      return p.transaction(async (tx) => {
        const set: Partial<typeof routingRules.$inferInsert> = { updatedAt: new Date() };
        if (input.name !== undefined) set.name = input.name;
        if (input.position !== undefined) set.position = input.position;
        if (input.enabled !== undefined) set.enabled = input.enabled;
        if (input.conditions !== undefined) set.conditions = input.conditions as unknown as Array<Record<string, unknown>>;
        if (input.action !== undefined) set.action = input.action as unknown as Record<string, unknown>;
        const [row] = await tx.update(routingRules).set(set).where(eq(routingRules.id, id)).returning();
        p.cache.invalidate(RULES_CACHE, actor.workspaceId);
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'routing_rule.updated',
          subject: { type: 'routing_rule', id },
          data: { fields: Object.keys(input) },
        });
        return presentRule(row as typeof routingRules.$inferSelect);
      });
    },

    async deleteRule(ctx: Ctx, id: string) {
      const actor = requireRoutingManage(ctx.actor);
      const rule = await findRule(p.db, actor.workspaceId, id);
      if (!rule) throw ruleNotFound();
      await p.transaction(async (tx) => {
        await tx.delete(routingRules).where(eq(routingRules.id, id));
        p.cache.invalidate(RULES_CACHE, actor.workspaceId);
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'routing_rule.deleted',
          subject: { type: 'routing_rule', id },
          data: { name: rule.name },
        });
      });
    },
  };
}

export type RoutingService = ReturnType<typeof routingService>;
