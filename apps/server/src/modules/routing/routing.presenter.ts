import type { Agent, Availability, RoutingStrategy, Team } from '@switchboard/contracts';
import type { ProfileRow, RuleRow, StaffRow, TeamRow } from './routing.repo.js';
import type { RoutingRule } from './routing-rules.js';

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
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled,
    conditions: row.conditions as unknown as RoutingRule['conditions'],
    action: row.action as unknown as RoutingRule['action'],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
