import type { Tx } from '../../platform/db/client.js';
import { findActiveMemberIds, findActiveStaff, findTeam, lockCandidates, type TeamRow, touchLastAssigned } from './routing.repo.js';
import type { RequiredSkill } from './routing-rules.js';
import { type AgentCandidate, pickAgent, type Strategy } from './strategies.js';

/**
 * Where a ticket is picked from: a team's members with the team's strategy, or (team-less
 * tickets a rule gave required skills) every active staff member by skill, online only.
 */
export interface Pool {
  teamId: string | null;
  strategy: Strategy;
  onlyOnline: boolean;
}

export const SKILLS_POOL: Pool = { teamId: null, strategy: 'skills', onlyOnline: true };

/** The pool of a team, or null when the team hands out nothing itself (manual). */
export function poolOfTeam(team: TeamRow): Pool | null {
  if (team.strategy === 'manual') return null;
  return { teamId: team.id, strategy: team.strategy as Strategy, onlyOnline: team.onlyOnline };
}

/** Locks and loads the pool's candidates (see lockCandidates for why the lock comes first). */
export async function lockPoolCandidates(tx: Tx, workspaceId: string, pool: Pool): Promise<AgentCandidate[]> {
  const userIds = pool.teamId
    ? await findActiveMemberIds(tx, workspaceId, pool.teamId)
    : (await findActiveStaff(tx, workspaceId)).map((s) => s.id);
  return lockCandidates(tx, workspaceId, userIds);
}

/**
 * Picks the agent for one ticket routed to `teamId` (or, with no team, by required skills alone)
 * and records the pick for round-robin. Returns null when nobody may take it now.
 */
export async function pickFor(tx: Tx, workspaceId: string, teamId: string | null, requiredSkills: RequiredSkill[]): Promise<string | null> {
  let pool: Pool | null = SKILLS_POOL;
  if (teamId) {
    const team = await findTeam(tx, workspaceId, teamId);
    pool = team ? poolOfTeam(team) : null;
  } else if (!requiredSkills.length) {
    pool = null;
  }
  if (!pool) return null;
  const candidates = await lockPoolCandidates(tx, workspaceId, pool);
  const picked = pickAgent(candidates, { strategy: pool.strategy, onlyOnline: pool.onlyOnline, requiredSkills });
  if (!picked) return null;
  await touchLastAssigned(tx, picked.userId);
  return picked.userId;
}
