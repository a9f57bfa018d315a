import { describe, expect, it } from 'vitest';
import { type AgentCandidate, distributeBacklog, type PickOptions, pickAgent, type Strategy } from './strategies.js';

function agent(userId: string, overrides: Partial<AgentCandidate> = {}): AgentCandidate {
  return { userId, availability: 'online', capacity: null, openCount: 0, skills: {}, lastAssignedAt: null, ...overrides };
}

function options(strategy: Strategy, overrides: Partial<PickOptions> = {}): PickOptions {
  return { strategy, onlyOnline: true, requiredSkills: [], ...overrides };
}

const at = (iso: string) => new Date(iso);
const ALL_STRATEGIES: Strategy[] = ['round_robin', 'least_loaded', 'skills'];
const backlog = (count: number, requiredSkills: PickOptions['requiredSkills'] = []) =>
  Array.from({ length: count }, (_, i) => ({ id: `t${i}`, requiredSkills }));

function countByUser(assignments: Array<{ userId: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { userId } of assignments) counts[userId] = (counts[userId] ?? 0) + 1;
  return counts;
}

describe('pickAgent: eligibility (every strategy)', () => {
  it.each(ALL_STRATEGIES)('%s never picks an offline agent', (strategy) => {
    const candidates = [agent('a', { availability: 'offline' }), agent('b', { openCount: 50, lastAssignedAt: at('2030-01-01') })];
    expect(pickAgent(candidates, options(strategy, { onlyOnline: false }))?.userId).toBe('b');
    expect(pickAgent([agent('a', { availability: 'offline' })], options(strategy, { onlyOnline: false }))).toBeNull();
  });

  it.each(ALL_STRATEGIES)('%s skips away agents only when onlyOnline is set', (strategy) => {
    const away = [agent('a', { availability: 'away' })];
    expect(pickAgent(away, options(strategy, { onlyOnline: true }))).toBeNull();
    expect(pickAgent(away, options(strategy, { onlyOnline: false }))?.userId).toBe('a');
  });

  it.each(ALL_STRATEGIES)('%s ranks an away agent after any online one', (strategy) => {
    // The away agent is better on every strategy's own criteria, yet the online one wins.
    const candidates = [
      agent('a-away', { availability: 'away', skills: { billing: 5 } }),
      agent('z-online', { openCount: 3, capacity: 10, skills: { billing: 2 }, lastAssignedAt: at('2030-01-01') }),
    ];
    const picked = pickAgent(candidates, options(strategy, { onlyOnline: false, requiredSkills: [{ skill: 'billing', minLevel: 1 }] }));
    expect(picked?.userId).toBe('z-online');
  });

  it.each(ALL_STRATEGIES)('%s never picks an agent at or over capacity', (strategy) => {
    const candidates = [
      agent('full', { capacity: 2, openCount: 2 }),
      agent('over', { capacity: 1, openCount: 3 }),
      agent('zero', { capacity: 0 }),
    ];
    expect(pickAgent(candidates, options(strategy))).toBeNull();
    const withRoom = [...candidates, agent('room', { capacity: 3, openCount: 2, lastAssignedAt: at('2030-01-01') })];
    expect(pickAgent(withRoom, options(strategy))?.userId).toBe('room');
  });

  it.each(ALL_STRATEGIES)('%s never picks an agent lacking a required skill or below its level', (strategy) => {
    const requiredSkills = [
      { skill: 'billing', minLevel: 3 },
      { skill: 'german', minLevel: 2 },
    ];
    const candidates = [
      agent('a-missing', { skills: { billing: 5 } }),
      agent('b-too-low', { skills: { billing: 2, german: 5 } }),
      agent('c-exact', { skills: { billing: 3, german: 2 }, openCount: 40, lastAssignedAt: at('2030-01-01') }),
    ];
    expect(pickAgent(candidates, options(strategy, { requiredSkills }))?.userId).toBe('c-exact');
    expect(pickAgent(candidates.slice(0, 2), options(strategy, { requiredSkills }))).toBeNull();
  });

  it('matches skill names case-insensitively and ignores inherited object keys', () => {
    expect(
      pickAgent([agent('a', { skills: { Billing: 4 } })], options('skills', { requiredSkills: [{ skill: 'billing', minLevel: 4 }] }))
        ?.userId,
    ).toBe('a');
    const proto = [{ skill: 'constructor', minLevel: 1 }];
    expect(pickAgent([agent('a')], options('round_robin', { requiredSkills: proto }))).toBeNull();
  });

  it('applies the strictest level when a skill is required twice', () => {
    const requiredSkills = [
      { skill: 'billing', minLevel: 1 },
      { skill: 'billing', minLevel: 4 },
    ];
    expect(pickAgent([agent('a', { skills: { billing: 2 } })], options('least_loaded', { requiredSkills }))).toBeNull();
  });

  it.each(ALL_STRATEGIES)('%s returns null when nobody is eligible or the list is empty', (strategy) => {
    expect(pickAgent([], options(strategy))).toBeNull();
    const candidates = [
      agent('off', { availability: 'offline' }),
      agent('away', { availability: 'away' }),
      agent('full', { capacity: 1, openCount: 1 }),
    ];
    expect(pickAgent(candidates, options(strategy))).toBeNull();
  });

  it('rejects an unknown strategy instead of picking silently', () => {
    expect(() => pickAgent([agent('a')], options('random' as Strategy))).toThrow(/Unknown routing strategy/);
  });
});

describe('pickAgent: round_robin', () => {
  it('picks the agent assigned longest ago, never-assigned first, ignoring load', () => {
    const candidates = [
      agent('recent', { lastAssignedAt: at('2024-05-02T10:00:00Z') }),
      agent('old', { lastAssignedAt: at('2024-05-01T10:00:00Z'), openCount: 9 }),
    ];
    expect(pickAgent(candidates, options('round_robin'))?.userId).toBe('old');
    expect(pickAgent([...candidates, agent('new')], options('round_robin'))?.userId).toBe('new');
  });

  it('breaks ties by userId whatever the input order', () => {
    const same = at('2024-05-01T10:00:00Z');
    const candidates = [
      agent('carol', { lastAssignedAt: same }),
      agent('alice', { lastAssignedAt: same }),
      agent('bob', { lastAssignedAt: same }),
    ];
    expect(pickAgent(candidates, options('round_robin'))?.userId).toBe('alice');
    expect(pickAgent([...candidates].reverse(), options('round_robin'))?.userId).toBe('alice');
    expect(pickAgent([agent('b'), agent('a')], options('round_robin'))?.userId).toBe('a');
  });
});

describe('pickAgent: least_loaded', () => {
  it('picks the lowest open/capacity ratio, not the lowest open count', () => {
    const candidates = [agent('small', { capacity: 4, openCount: 2 }), agent('large', { capacity: 20, openCount: 5 })];
    expect(pickAgent(candidates, options('least_loaded'))?.userId).toBe('large');
  });

  it('counts unlimited capacity as a ratio over 1000', () => {
    const capped = agent('capped', { capacity: 100, openCount: 1 }); // 0.01
    expect(pickAgent([capped, agent('unlimited', { openCount: 9 })], options('least_loaded'))?.userId).toBe('unlimited'); // 0.009
    expect(pickAgent([capped, agent('unlimited', { openCount: 11 })], options('least_loaded'))?.userId).toBe('capped'); // 0.011
  });

  it('breaks equal ratios by oldest assignment, then userId', () => {
    const candidates = [
      agent('a', { capacity: 3, openCount: 1, lastAssignedAt: at('2024-05-02') }),
      agent('b', { capacity: 6, openCount: 2, lastAssignedAt: at('2024-05-01') }),
    ];
    expect(pickAgent(candidates, options('least_loaded'))?.userId).toBe('b');
    expect(pickAgent([agent('d', { openCount: 1 }), agent('c', { openCount: 1 })], options('least_loaded'))?.userId).toBe('c');
  });
});

describe('pickAgent: skills', () => {
  const requiredSkills = [
    { skill: 'billing', minLevel: 2 },
    { skill: 'german', minLevel: 2 },
  ];

  it('prefers the highest sum of levels over the required skills', () => {
    const candidates = [
      agent('a', { skills: { billing: 3, german: 3, french: 5 } }), // 6; french does not count
      agent('b', { skills: { billing: 5, german: 4 }, openCount: 8, lastAssignedAt: at('2030-01-01') }), // 9
    ];
    expect(pickAgent(candidates, options('skills', { requiredSkills }))?.userId).toBe('b');
    expect(pickAgent(candidates, options('least_loaded', { requiredSkills }))?.userId).toBe('a');
  });

  it('falls back to least loaded, then round-robin order, on an equal match', () => {
    const skills = { billing: 4, german: 4 };
    const busy = agent('a-busy', { skills, capacity: 10, openCount: 5 });
    const idle = agent('b-idle', { skills, capacity: 10, openCount: 1, lastAssignedAt: at('2024-05-03') });
    const idleOlder = agent('c-idle', { skills, capacity: 10, openCount: 1, lastAssignedAt: at('2024-05-01') });
    expect(pickAgent([busy, idle], options('skills', { requiredSkills }))?.userId).toBe('b-idle');
    expect(pickAgent([busy, idle, idleOlder], options('skills', { requiredSkills }))?.userId).toBe('c-idle');
  });
});

describe('distributeBacklog', () => {
  const five = () => ['a', 'b', 'c', 'd', 'e'].map((id) => agent(id));

  it('round-robin gives each of 5 agents exactly 200 of 1,000 tickets, in rotation', () => {
    const assignments = distributeBacklog(backlog(1000), five(), { strategy: 'round_robin', onlyOnline: true });
    expect(assignments).toHaveLength(1000);
    expect(countByUser(assignments)).toEqual({ a: 200, b: 200, c: 200, d: 200, e: 200 });
    expect(assignments.slice(0, 7).map((a) => a.userId)).toEqual(['a', 'b', 'c', 'd', 'e', 'a', 'b']);
    expect(assignments.map((a) => a.ticketId)).toEqual(backlog(1000).map((t) => t.id));
  });

  it('rotates after agents that were assigned recently in real time', () => {
    const candidates = [agent('a', { lastAssignedAt: at('2099-01-01') }), agent('b', { lastAssignedAt: at('2024-01-01') }), agent('c')];
    const assignments = distributeBacklog(backlog(6), candidates, { strategy: 'round_robin', onlyOnline: true });
    expect(assignments.map((a) => a.userId)).toEqual(['c', 'b', 'a', 'c', 'b', 'a']);
  });

  it('least_loaded evens out existing load first', () => {
    const candidates = [agent('a', { openCount: 4 }), agent('b'), agent('c', { openCount: 1 })];
    const assignments = distributeBacklog(backlog(8), candidates, { strategy: 'least_loaded', onlyOnline: true });
    expect(assignments.map((a) => a.userId)).toEqual(['b', 'c', 'b', 'c', 'b', 'c', 'b', 'a']);
  });

  it('never gives an agent with capacity 2 a third ticket', () => {
    const candidates = [agent('capped', { capacity: 2 }), agent('x', { capacity: 20 }), agent('y', { capacity: 20 })];
    for (const strategy of ALL_STRATEGIES) {
      // 60 tickets against 42 seats: every seat fills and nobody overflows.
      const assignments = distributeBacklog(backlog(60), candidates, { strategy, onlyOnline: true });
      expect(countByUser(assignments)).toEqual({ capped: 2, x: 20, y: 20 });
    }
  });

  it('leaves tickets unassigned once everyone is full', () => {
    const candidates = [agent('a', { capacity: 2 }), agent('b', { capacity: 1, openCount: 0 })];
    const assignments = distributeBacklog(backlog(5), candidates, { strategy: 'round_robin', onlyOnline: true });
    expect(assignments.map((a) => a.ticketId)).toEqual(['t0', 't1', 't2']);
    expect(countByUser(assignments)).toEqual({ a: 2, b: 1 });
  });

  it('skips a ticket nobody is skilled for and carries on with the next', () => {
    const tickets = [
      { id: 'legal', requiredSkills: [{ skill: 'legal', minLevel: 1 }] },
      { id: 'plain', requiredSkills: [] },
      { id: 'billing', requiredSkills: [{ skill: 'billing', minLevel: 3 }] },
    ];
    const candidates = [agent('a'), agent('b', { skills: { billing: 3 } })];
    expect(distributeBacklog(tickets, candidates, { strategy: 'skills', onlyOnline: true })).toEqual([
      { ticketId: 'plain', userId: 'a' },
      { ticketId: 'billing', userId: 'b' },
    ]);
  });

  it('skips offline and, with onlyOnline, away agents', () => {
    const candidates = [agent('off', { availability: 'offline' }), agent('away', { availability: 'away' }), agent('on')];
    expect(countByUser(distributeBacklog(backlog(4), candidates, { strategy: 'round_robin', onlyOnline: true }))).toEqual({ on: 4 });
    expect(countByUser(distributeBacklog(backlog(4), candidates, { strategy: 'round_robin', onlyOnline: false }))).toEqual({ on: 4 });
    const onlyAway = [agent('off', { availability: 'offline' }), agent('away', { availability: 'away' })];
    expect(countByUser(distributeBacklog(backlog(2), onlyAway, { strategy: 'round_robin', onlyOnline: false }))).toEqual({ away: 2 });
  });

  it('does not mutate the candidates it was given and is deterministic', () => {
    const candidates = five();
    const snapshot = structuredClone(candidates);
    const first = distributeBacklog(backlog(12), candidates, { strategy: 'least_loaded', onlyOnline: true });
    expect(candidates).toEqual(snapshot);
    expect(distributeBacklog(backlog(12), candidates, { strategy: 'least_loaded', onlyOnline: true })).toEqual(first);
  });

  it('returns nothing for an empty backlog or no candidates', () => {
    expect(distributeBacklog([], five(), { strategy: 'round_robin', onlyOnline: true })).toEqual([]);
    expect(distributeBacklog(backlog(3), [], { strategy: 'round_robin', onlyOnline: true })).toEqual([]);
  });
});
