import type { Availability, UpdateAgentBodySchema } from '@switchboard/contracts';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { BACKLOG_JOB, type BacklogJobData } from './routing.jobs.js';
import { requireRoutingManage, requireRoutingRead, requireStaff } from './routing.policy.js';
import { presentAgent } from './routing.presenter.js';
import { countOpenAssigned, findActiveStaff, findProfiles, findTeamIdsOfUsers, lockProfile, upsertProfile } from './routing.repo.js';

type UpdateAgentBody = z.infer<typeof UpdateAgentBodySchema>;

/** Routing profiles of staff: availability, capacity and skills. */
export function agentsService(p: Platform) {
  async function loadAgents(db: DbOrTx, workspaceId: string, ids?: string[]) {
    const staff = await findActiveStaff(db, workspaceId, ids);
    const userIds = staff.map((s) => s.id);
    const profiles = await findProfiles(db, workspaceId, userIds);
    const open = await countOpenAssigned(db, workspaceId, userIds);
    const teams = await findTeamIdsOfUsers(db, workspaceId, userIds);
    return staff.map((s) => presentAgent(s, profiles.get(s.id), open.get(s.id) ?? 0, teams.get(s.id) ?? []));
  }

  async function loadAgent(db: DbOrTx, workspaceId: string, id: string) {
    const [agent] = await loadAgents(db, workspaceId, [id]);
    if (!agent) throw notFound('user.not_found', 'Agent');
    return agent;
  }

  async function enqueueBacklog(tx: DbOrTx, ctx: Ctx, data: BacklogJobData) {
    await p.jobs.enqueue(tx, ctx.actor, BACKLOG_JOB, data);
  }

  return {
    async list(ctx: Ctx) {
      const actor = requireRoutingRead(ctx.actor);
      return loadAgents(p.db, actor.workspaceId);
    },

    /** More capacity or new skills can take waiting tickets right away. */
    async update(ctx: Ctx, id: string, input: UpdateAgentBody) {
      const actor = requireRoutingManage(ctx.actor);
      const ws = actor.workspaceId;
      await loadAgent(p.db, ws, id);
      return p.transaction(async (tx) => {
        const set: Parameters<typeof upsertProfile>[3] = {};
        if (input.capacity !== undefined) set.capacity = input.capacity;
        if (input.skills !== undefined) set.skills = input.skills;
        const profile = await upsertProfile(tx, ws, id, set);
        await recordAudit(tx, ctx, { workspaceId: ws, action: 'agent.profile_updated', subject: { type: 'user', id }, data: { ...input } });
        if (profile.availability === 'online') await enqueueBacklog(tx, ctx, { workspaceId: ws, userId: id });
        return loadAgent(tx, ws, id);
      });
    },

    /**
     * Any staff member sets their own availability. Coming online hands them their share of
     * the waiting tickets, by a job enqueued in this transaction.
     */
    async setAvailability(ctx: Ctx, availability: Availability) {
      const actor = requireStaff(ctx.actor);
      const ws = actor.workspaceId;
      await loadAgent(p.db, ws, actor.userId);
      return p.transaction(async (tx) => {
        const before = await lockProfile(tx, ws, actor.userId);
        if (before.availability !== availability) {
          await upsertProfile(tx, ws, actor.userId, { availability, availabilityChangedAt: new Date() });
          await recordEvent(tx, ctx.actor, {
            workspaceId: ws,
            type: 'agent.availability_changed',
            subject: { type: 'user', id: actor.userId },
            payload: { userId: actor.userId, from: before.availability, to: availability },
          });
          if (availability === 'online') await enqueueBacklog(tx, ctx, { workspaceId: ws, userId: actor.userId });
        }
        return loadAgent(tx, ws, actor.userId);
      });
    },
  };
}

export type AgentsService = ReturnType<typeof agentsService>;
