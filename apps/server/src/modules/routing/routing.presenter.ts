import type { Agent, Availability, RoutingStrategy, Team } from '@switchboard/contracts';
import { type ProfileRow, type RuleRow, type StaffRow, type TeamRow, toRule } from './routing.repo.js';

export function presentTeam(team: TeamRow, memberIds: string[]): Team {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    strategy: team.strategy as RoutingStrategy,
    onlyOnline: team.onlyOnline,
    memberIds,
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}

/** Staff without a profile row yet show the defaults routing assumes for them: offline, unlimited. */
export function presentAgent(user: StaffRow, profile: ProfileRow | undefined, openCount: number, teamIds: string[]): Agent {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    availability: (profile?.availability ?? 'offline') as Availability,
    availabilityChangedAt: profile?.availabilityChangedAt.toISOString() ?? null,
    capacity: profile?.capacity ?? null,
    skills: profile?.skills ?? {},
    openCount,
    teamIds: [...teamIds].sort(),
    lastAssignedAt: profile?.lastAssignedAt?.toISOString() ?? null,
  };
}

export function presentRule(row: RuleRow) {
  return { ...toRule(row), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
