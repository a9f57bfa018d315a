import { and, asc, count, eq, gt, inArray, isNull, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { rawRows } from '../../platform/db/raw.js';
import { roles, users } from '../identity/index.js';
import { OPEN_STATUSES, type TicketRow, ticketColumns, tickets } from '../tickets/index.js';
import { agentProfiles, routingRules, teamMembers, teams, ticketRoutingStates } from './routing.schema.js';
import type { RequiredSkill, RoutingRule } from './routing-rules.js';
import { selfAssigningChannels } from './self-assigning.js';
import type { AgentCandidate, Availability } from './strategies.js';

export type TeamRow = typeof teams.$inferSelect;
export type ProfileRow = typeof agentProfiles.$inferSelect;
export type RuleRow = typeof routingRules.$inferSelect;

// ---- teams ----

export async function findTeams(db: DbOrTx, workspaceId: string): Promise<TeamRow[]> {
  return db.select().from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name), asc(teams.id));
}

export async function findTeam(db: DbOrTx, workspaceId: string, id: string): Promise<TeamRow | null> {
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, id)));
  return row ?? null;
}

/** Case-insensitive, so "Billing" and "billing" cannot both exist. */
export async function findTeamByName(db: DbOrTx, workspaceId: string, name: string): Promise<TeamRow | null> {
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), sql`lower(${teams.name}) = lower(${name})`));
  return row ?? null;
}

export async function findMemberIds(db: DbOrTx, teamIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (!teamIds.length) return out;
  const rows = await db
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(inArray(teamMembers.teamId, teamIds))
    .orderBy(asc(teamMembers.userId));
  for (const r of rows) out.get(r.teamId)?.push(r.userId);
  return out;
}

export async function replaceMembers(tx: DbOrTx, workspaceId: string, teamId: string, userIds: string[]): Promise<void> {
  await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  if (userIds.length) await tx.insert(teamMembers).values(userIds.map((userId) => ({ teamId, userId, workspaceId })));
}

// Plain SQL text: every staff request's access rule needs it (see platform/db/raw.ts).
const TEAMS_OF_USER = `select "team_id" from "team_members" where "workspace_id" = $1 and "user_id" = $2`;

export async function findTeamIdsOfUser(db: DbOrTx, workspaceId: string, userId: string): Promise<string[]> {
  return (await rawRows(db, TEAMS_OF_USER, [workspaceId, userId])).map((r) => r.team_id as string);
}

export async function findTeamIdsOfUsers(db: DbOrTx, workspaceId: string, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!userIds.length) return out;
  const rows = await db
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), inArray(teamMembers.userId, userIds)));
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.teamId]);
  return out;
}

export async function countUnclosedTicketsOfTeam(db: DbOrTx, workspaceId: string, teamId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.teamId, teamId), ne(tickets.status, 'closed')));
  return Number(row?.n ?? 0);
}

/** Closed tickets cannot change through the writer; a deleted team's id is cleared on them directly. */
export async function clearTeamOfClosedTickets(tx: DbOrTx, workspaceId: string, teamId: string): Promise<void> {
  await tx
    .update(tickets)
    .set({ teamId: null })
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.teamId, teamId), eq(tickets.status, 'closed')));
}

// ---- staff and their routing profiles ----

export interface StaffRow {
  id: string;
  name: string;
  email: string | null;
  role: string;
}

/** Roles act as staff unless their audience is customer (a user whose role row is gone counts as staff, as at sign-in). */
const actsAsStaff = sql`coalesce(${roles.audience}, 'staff') <> 'customer'`;

/** Members of a team who can still be routed to: not disabled, still staff. */
export async function findActiveMemberIds(db: DbOrTx, workspaceId: string, teamId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .leftJoin(roles, and(eq(roles.workspaceId, users.workspaceId), eq(roles.key, users.role)))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.workspaceId, workspaceId), isNull(users.disabledAt), actsAsStaff));
  return rows.map((r) => r.id);
}

/** Active (not disabled) users whose role acts as staff; `ids` narrows the set. */
export async function findActiveStaff(db: DbOrTx, workspaceId: string, ids?: string[]): Promise<StaffRow[]> {
  if (ids && !ids.length) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .leftJoin(roles, and(eq(roles.workspaceId, users.workspaceId), eq(roles.key, users.role)))
    .where(and(eq(users.workspaceId, workspaceId), isNull(users.disabledAt), actsAsStaff, ids ? inArray(users.id, ids) : undefined))
    .orderBy(asc(users.name), asc(users.id));
}

export async function findProfiles(db: DbOrTx, workspaceId: string, userIds: string[]): Promise<Map<string, ProfileRow>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .select()
    .from(agentProfiles)
    .where(and(eq(agentProfiles.workspaceId, workspaceId), inArray(agentProfiles.userId, userIds)));
  return new Map(rows.map((r) => [r.userId, r]));
}

export async function upsertProfile(
  tx: DbOrTx,
  workspaceId: string,
  userId: string,
  set: Partial<Pick<ProfileRow, 'availability' | 'availabilityChangedAt' | 'capacity' | 'skills'>>,
): Promise<ProfileRow> {
  const now = new Date();
  const [row] = await tx
    .insert(agentProfiles)
    .values({ userId, workspaceId, ...set, updatedAt: now })
    .onConflictDoUpdate({ target: agentProfiles.userId, set: { ...set, updatedAt: now } })
    .returning();
  return row as ProfileRow;
}

/** Locks one profile (creating it first when missing) so availability changes serialize. */
export async function lockProfile(tx: DbOrTx, workspaceId: string, userId: string): Promise<ProfileRow> {
  await tx.insert(agentProfiles).values({ userId, workspaceId }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(agentProfiles)
    .where(and(eq(agentProfiles.workspaceId, workspaceId), eq(agentProfiles.userId, userId)))
    .for('update');
  return row as ProfileRow;
}

/** Tickets assigned to each user in new, open, pending or on hold. */
export async function countOpenAssigned(db: DbOrTx, workspaceId: string, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .select({ userId: tickets.assigneeId, n: count() })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), inArray(tickets.assigneeId, userIds), inArray(tickets.status, [...OPEN_STATUSES])))
    .groupBy(tickets.assigneeId);
  return new Map(rows.map((r) => [r.userId as string, Number(r.n)]));
}

/**
 * The routing candidates among `userIds`, their profile rows locked in user-id order (the same
 * order everywhere, so concurrent picks queue instead of deadlocking) before their open tickets
 * are counted: two tickets routed at once cannot both take an agent's last free slot.
 * Users without a profile are offline by default and never candidates.
 */
export async function lockCandidates(tx: DbOrTx, workspaceId: string, userIds: string[]): Promise<AgentCandidate[]> {
  if (!userIds.length) return [];
  const rows = await tx
    .select()
    .from(agentProfiles)
    .where(
      and(eq(agentProfiles.workspaceId, workspaceId), inArray(agentProfiles.userId, userIds), ne(agentProfiles.availability, 'offline')),
    )
    .orderBy(asc(agentProfiles.userId))
    .for('update');
  const open = await countOpenAssigned(
    tx,
    workspaceId,
    rows.map((r) => r.userId),
  );
  return rows.map((r) => ({
    userId: r.userId,
    availability: r.availability as Availability,
    capacity: r.capacity,
    openCount: open.get(r.userId) ?? 0,
    skills: r.skills,
    lastAssignedAt: r.lastAssignedAt,
  }));
}

export async function touchLastAssigned(tx: DbOrTx, userId: string, at: Date | null = null): Promise<void> {
  await tx
    .update(agentProfiles)
    .set({ lastAssignedAt: at ?? sql`clock_timestamp()` })
    .where(eq(agentProfiles.userId, userId));
}

// ---- routing rules ----

/** `p.cache` kind of a workspace's rules, as the routing hook matches them (the service invalidates it). */
export const RULES_CACHE = 'routing-rules';

export async function findRules(db: DbOrTx, workspaceId: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(routingRules)
    .where(eq(routingRules.workspaceId, workspaceId))
    .orderBy(asc(routingRules.position), asc(routingRules.id));
}

export async function findRule(db: DbOrTx, workspaceId: string, id: string): Promise<RuleRow | null> {
  const [row] = await db
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.id, id)));
  return row ?? null;
}

export async function findRulesNamingTeam(db: DbOrTx, workspaceId: string, teamId: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.workspaceId, workspaceId), sql`${routingRules.action}->>'teamId' = ${teamId}`));
}

export async function nextRulePosition(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${routingRules.position})` })
    .from(routingRules)
    .where(eq(routingRules.workspaceId, workspaceId));
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export function toRule(row: RuleRow): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled,
    conditions: row.conditions as unknown as RoutingRule['conditions'],
    action: row.action as unknown as RoutingRule['action'],
  };
}

// ---- per-ticket routing state and the backlog ----

export async function saveRoutingState(tx: DbOrTx, state: typeof ticketRoutingStates.$inferInsert): Promise<void> {
  await tx
    .insert(ticketRoutingStates)
    .values(state)
    .onConflictDoUpdate({
      target: ticketRoutingStates.ticketId,
      set: { ruleId: state.ruleId ?? null, requiredSkills: state.requiredSkills ?? [], routedAt: new Date() },
    });
}

export async function findRequiredSkills(db: DbOrTx, ticketId: string): Promise<RequiredSkill[]> {
  const [row] = await db
    .select({ skills: ticketRoutingStates.requiredSkills })
    .from(ticketRoutingStates)
    .where(eq(ticketRoutingStates.ticketId, ticketId));
  return row?.skills ?? [];
}

export interface BacklogRow {
  ticket: TicketRow;
  requiredSkills: RequiredSkill[];
}

export interface BacklogCursor {
  createdAt: Date;
  id: string;
}

/**
 * Unassigned open tickets of a team (or, with `teamId` null, team-less tickets a rule gave
 * required skills), oldest first after `cursor`, locked. Tickets someone else holds locked are
 * skipped rather than waited for: they are being changed right now.
 */
export async function lockBacklog(
  tx: DbOrTx,
  workspaceId: string,
  teamId: string | null,
  cursor: BacklogCursor | null,
  limit: number,
): Promise<BacklogRow[]> {
  const after: SQL | undefined = cursor
    ? or(gt(tickets.createdAt, cursor.createdAt), and(eq(tickets.createdAt, cursor.createdAt), gt(tickets.id, cursor.id)))
    : undefined;
  const rows = await tx
    .select({ ticket: ticketColumns, requiredSkills: ticketRoutingStates.requiredSkills })
    .from(tickets)
    .leftJoin(ticketRoutingStates, eq(ticketRoutingStates.ticketId, tickets.id))
    .where(
      and(
        eq(tickets.workspaceId, workspaceId),
        teamId
          ? eq(tickets.teamId, teamId)
          : and(isNull(tickets.teamId), sql`jsonb_array_length(${ticketRoutingStates.requiredSkills}) > 0`),
        isNull(tickets.assigneeId),
        isNull(tickets.mergedIntoId),
        inArray(tickets.status, [...OPEN_STATUSES]),
        selfAssigningChannels.size ? notInArray(tickets.channel, [...selfAssigningChannels]) : undefined,
        after,
      ),
    )
    .orderBy(asc(tickets.createdAt), asc(tickets.id))
    .limit(limit)
    .for('update', { of: tickets, skipLocked: true });
  return rows.map((r) => ({ ticket: r.ticket as TicketRow, requiredSkills: r.requiredSkills ?? [] }));
}
