import type { RequiredSkill } from './routing-rules.js';

export type Availability = 'online' | 'away' | 'offline';

export interface AgentCandidate {
  userId: string;
  availability: Availability;
  /** Max open assigned tickets; null = unlimited. */
  capacity: number | null;
  /** Currently assigned open tickets. */
  openCount: number;
  /** Skill -> level 1..5. */
  skills: Record<string, number>;
  lastAssignedAt: Date | null;
}

export type Strategy = 'round_robin' | 'least_loaded' | 'skills';

export interface PickOptions {
  strategy: Strategy;
  onlyOnline: boolean;
  requiredSkills: RequiredSkill[];
}

export interface BacklogTicket {
  id: string;
  requiredSkills: RequiredSkill[];
}

export interface BacklogAssignment {
  ticketId: string;
  userId: string;
}

/** Unlimited capacity still has to rank against capped agents; treat it as a very large cap. */
const UNLIMITED_CAPACITY_DIVISOR = 1000;

/** Required skills keyed case-insensitively; a skill listed twice keeps its strictest level. */
function normalizeRequirements(required: RequiredSkill[]): Map<string, number> {
  const byName = new Map<string, number>();
  for (const { skill, minLevel } of required) {
    const key = skill.toLowerCase();
    byName.set(key, Math.max(byName.get(key) ?? 0, minLevel));
  }
  return byName;
}

/** Own keys only, so a skill named "constructor" never reads Object.prototype. */
function skillLevel(agent: AgentCandidate, skill: string): number {
  let best = 0;
  for (const [name, level] of Object.entries(agent.skills)) {
    if (name.toLowerCase() === skill && Number.isFinite(level) && level > best) best = level;
  }
  return best;
}

function hasRoom(agent: AgentCandidate): boolean {
  return agent.capacity === null || agent.openCount < agent.capacity;
}

function isEligible(agent: AgentCandidate, onlyOnline: boolean, required: Map<string, number>): boolean {
  if (agent.availability === 'offline') return false;
  if (onlyOnline && agent.availability !== 'online') return false;
  if (!hasRoom(agent)) return false;
  for (const [skill, minLevel] of required) {
    if (skillLevel(agent, skill) < minLevel) return false;
  }
  return true;
}

function loadRatio(agent: AgentCandidate): number {
  return agent.openCount / (agent.capacity ?? UNLIMITED_CAPACITY_DIVISOR);
}

/** Never-assigned agents come first; an invalid date counts as never. */
function assignedTime(agent: AgentCandidate): number {
  const time = agent.lastAssignedAt?.getTime();
  return time === undefined || Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

type Compare = (a: AgentCandidate, b: AgentCandidate, required: Map<string, number>) => number;

const byAvailability: Compare = (a, b) => Number(a.availability !== 'online') - Number(b.availability !== 'online');

/** Oldest assignment first, then userId: the order the caller's updates rotate through. */
const byRoundRobin: Compare = (a, b) => {
  const diff = assignedTime(a) - assignedTime(b);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  if (a.userId === b.userId) return 0;
  return a.userId < b.userId ? -1 : 1;
};

const byLoad: Compare = (a, b, required) => loadRatio(a) - loadRatio(b) || byRoundRobin(a, b, required);

const bySkillMatch: Compare = (a, b, required) => {
  let scoreA = 0;
  let scoreB = 0;
  for (const skill of required.keys()) {
    scoreA += skillLevel(a, skill);
    scoreB += skillLevel(b, skill);
  }
  return scoreB - scoreA || byLoad(a, b, required);
};

const strategyOrder = {
  round_robin: byRoundRobin,
  least_loaded: byLoad,
  skills: bySkillMatch,
} satisfies Record<Strategy, Compare>;

/**
 * Picks who gets the next ticket, or null when nobody may take it. Offline, full and
 * under-skilled agents are never picked; away agents only when `onlyOnline` is off, and
 * then after every online one. Pure and deterministic: ties end on userId.
 */
export function pickAgent(candidates: AgentCandidate[], options: PickOptions): AgentCandidate | null {
  const compareStrategy: Compare | undefined = strategyOrder[options.strategy];
  if (!compareStrategy) throw new Error(`Unknown routing strategy "${String(options.strategy)}"`);
  const required = normalizeRequirements(options.requiredSkills);
  let best: AgentCandidate | null = null;
  for (const agent of candidates) {
    if (!isEligible(agent, options.onlyOnline, required)) continue;
    if (best === null || (byAvailability(agent, best, required) || compareStrategy(agent, best, required)) < 0) best = agent;
  }
  return best;
}

/**
 * Assigns a backlog oldest first as repeated pickAgent calls would, against copies of the
 * candidates (inputs are not mutated). A ticket nobody can take stays unassigned and the
 * next one is tried.
 */
export function distributeBacklog(
  tickets: BacklogTicket[],
  candidates: AgentCandidate[],
  options: Omit<PickOptions, 'requiredSkills'>,
): BacklogAssignment[] {
  const agents = candidates.map((agent) => ({ ...agent }));
  // Synthetic clock after every real assignment, so a fresh pick always rotates to the back.
  let clock = agents.reduce((latest, agent) => Math.max(latest, assignedTime(agent)), 0);
  const assignments: BacklogAssignment[] = [];
  for (const ticket of tickets) {
    const picked = pickAgent(agents, { ...options, requiredSkills: ticket.requiredSkills });
    if (!picked) continue;
    clock += 1;
    picked.openCount += 1;
    picked.lastAssignedAt = new Date(clock);
    assignments.push({ ticketId: ticket.id, userId: picked.userId });
  }
  return assignments;
}
