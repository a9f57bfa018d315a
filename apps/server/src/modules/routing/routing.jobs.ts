import type { Ctx } from '../../platform/context.js';
import type { Platform } from '../../platform/platform.js';
import { applyChanges, type TicketsModule } from '../tickets/index.js';
import { lockPoolCandidates, type Pool, poolOfTeam, SKILLS_POOL } from './agent-picker.js';
import { type BacklogCursor, findProfiles, findTeam, findTeamIdsOfUser, lockBacklog, touchLastAssigned } from './routing.repo.js';
import { distributeBacklog, pickAgent } from './strategies.js';

export const BACKLOG_JOB = 'routing.backlog';

/** Whose backlog to hand out: the teams (and skill pool) of a user who came online, or one team. */
export interface BacklogJobData {
  workspaceId: string;
  userId?: string;
  teamId?: string;
}

/** Tickets per transaction: long enough to spread fairly, short enough not to hold agents' rows long. */
const BATCH = 50;

interface BatchResult {
  size: number;
  last: BacklogCursor | null;
  /** Nobody in the pool can take another ticket (of any skill): stop early. */
  exhausted: boolean;
}

/**
 * Hands out one batch of a pool's unassigned tickets, oldest first, as repeated picks would:
 * each assignment goes through the ticket writer as the system actor, so it shows in the
 * timeline and emits `ticket.assigned` like any other.
 */
async function assignBatch(p: Platform, tickets: TicketsModule, workspaceId: string, pool: Pool, cursor: BacklogCursor | null) {
  const ctx: Ctx = { actor: { kind: 'system', workspaceId }, log: p.log as unknown as Ctx['log'] };
  return p.transaction(async (tx): Promise<BatchResult> => {
    const backlog = await lockBacklog(tx, workspaceId, pool.teamId, cursor, BATCH);
    const lastRow = backlog.at(-1);
    if (!lastRow) return { size: 0, last: null, exhausted: true };
    const candidates = await lockPoolCandidates(tx, workspaceId, pool);
    const options = { strategy: pool.strategy, onlyOnline: pool.onlyOnline };
    const plan = distributeBacklog(
      backlog.map((b) => ({ id: b.ticket.id, requiredSkills: b.requiredSkills })),
      candidates,
      options,
    );
    const byId = new Map(backlog.map((b) => [b.ticket.id, b.ticket]));
    // Later assignments get later stamps, so round-robin carries on where the batch stopped.
    const base = Date.now();
    const stamps = new Map<string, Date>();
    for (const [index, { ticketId, userId }] of plan.entries()) {
      const ticket = byId.get(ticketId);
      if (!ticket) continue;
      await applyChanges(tx, ctx, ticket, { assigneeId: userId }, { defs: [], hooks: tickets.core.hooks });
      stamps.set(userId, new Date(base + index));
    }
    for (const [userId, at] of stamps) await touchLastAssigned(tx, userId, at);
    const added = new Map<string, number>();
    for (const { userId } of plan) added.set(userId, (added.get(userId) ?? 0) + 1);
    const after = candidates.map((c) => ({ ...c, openCount: c.openCount + (added.get(c.userId) ?? 0) }));
    const exhausted = pickAgent(after, { ...options, requiredSkills: [] }) === null;
    return { size: backlog.length, last: { createdAt: lastRow.ticket.createdAt, id: lastRow.ticket.id }, exhausted };
  });
}

async function drainPool(p: Platform, tickets: TicketsModule, workspaceId: string, pool: Pool): Promise<void> {
  let cursor: BacklogCursor | null = null;
  for (;;) {
    const batch = await assignBatch(p, tickets, workspaceId, pool, cursor);
    if (batch.size < BATCH || batch.exhausted || !batch.last) return;
    cursor = batch.last;
  }
}

/** The pools worth draining for this job; a user who is no longer online drains nothing. */
async function poolsOf(p: Platform, data: BacklogJobData): Promise<Pool[]> {
  const ws = data.workspaceId;
  const teamIds = data.teamId ? [data.teamId] : [];
  let withSkillPool = false;
  if (data.userId) {
    const profile = (await findProfiles(p.db, ws, [data.userId])).get(data.userId);
    if (profile?.availability !== 'online') return [];
    teamIds.push(...(await findTeamIdsOfUser(p.db, ws, data.userId)));
    withSkillPool = Object.keys(profile.skills).length > 0;
  }
  const pools: Pool[] = [];
  for (const id of [...new Set(teamIds)].sort()) {
    const team = await findTeam(p.db, ws, id);
    const pool = team ? poolOfTeam(team) : null;
    if (pool) pools.push(pool);
  }
  return withSkillPool ? [...pools, SKILLS_POOL] : pools;
}

/** Backlog redistribution as a durable job: enqueued with the change that frees agents up. */
export function registerRoutingJobs(p: Platform, tickets: TicketsModule): void {
  p.jobs.define<BacklogJobData>({
    name: BACKLOG_JOB,
    async handle(data) {
      for (const pool of await poolsOf(p, data)) await drainPool(p, tickets, data.workspaceId, pool);
    },
  });
}
