import { describe, expect, it } from 'vitest';
import { slotValue } from './flow-runner.js';
import { DEFAULT_HANDOFF_RULES, matchBeforeTurn, matchFailedTurns, type RuleLike } from './handoff-rules.js';

const defaults: RuleLike[] = DEFAULT_HANDOFF_RULES.map((r) => ({ ...r, id: null }));
const calm = { label: 'neutral', negative: 0.1, frustration: 'none' } as const;
const signals = (over: Partial<Parameters<typeof matchBeforeTurn>[1]> = {}) => ({
  text: 'hello',
  sentiment: calm,
  intents: [],
  organizationId: null,
  keywords: [],
  ...over,
});

describe('handoff rules', () => {
  it('the default set keeps the former behaviour', () => {
    expect(matchBeforeTurn(defaults, signals({ text: 'I want a real person' }))?.rule.name).toBe('Asks for a person');
    expect(matchBeforeTurn(defaults, signals({ text: 'get me a supervisor', keywords: ['supervisor'] }))?.detail).toBe(
      'visitor asked for a person ("supervisor")',
    );
    expect(matchBeforeTurn(defaults, signals({ sentiment: { ...calm, frustration: 'high' } }))?.rule.name).toBe('Frustrated');
    expect(matchBeforeTurn(defaults, signals({ sentiment: { label: 'negative', negative: 0.8, frustration: 'none' } }))?.rule.name).toBe(
      'Very negative',
    );
    expect(matchBeforeTurn(defaults, signals())).toBeNull();
    expect(matchFailedTurns(defaults, 1, 2)).toBeNull();
    expect(matchFailedTurns(defaults, 2, 2)?.rule.name).toBe('Turns without an answer');
  });

  it('takes rules in order, skips disabled ones and matches intents and organizations', () => {
    const rules: RuleLike[] = [
      { id: '1', name: 'off', enabled: false, teamId: null, condition: { kind: 'intent', intents: ['refund'] } },
      { id: '2', name: 'VIP', enabled: true, teamId: 't', condition: { kind: 'organization', organizationIds: ['org'] } },
      { id: '3', name: 'Refunds', enabled: true, teamId: null, condition: { kind: 'intent', intents: ['refund'] } },
      { id: '4', name: 'Own words', enabled: true, teamId: null, condition: { kind: 'human_request', builtin: false, phrases: ['boss'] } },
    ];
    expect(matchBeforeTurn(rules, signals({ intents: ['refund'], organizationId: 'org' }))?.rule.name).toBe('VIP');
    expect(matchBeforeTurn(rules, signals({ intents: ['refund'] }))?.rule.name).toBe('Refunds');
    expect(matchBeforeTurn(rules, signals({ text: 'let me talk to an agent' }))).toBeNull();
    expect(matchBeforeTurn(rules, signals({ text: 'an agent or your boss' }))?.detail).toBe('visitor asked for a person ("boss")');
  });
});

describe('slot validation', () => {
  const ask = (validate: { entity: 'email' | 'date' } | { regex: string }) =>
    ({ id: 'a', type: 'ask', slot: 's', prompt: 'p', validate, next: 'b' }) as const;
  it('takes the parsed entity or the regex group, else nothing', () => {
    expect(slotValue(ask({ entity: 'email' }), 'mail me at Jo@Example.COM thanks')).toBe('jo@example.com');
    expect(slotValue(ask({ entity: 'email' }), 'no idea')).toBeUndefined();
    expect(slotValue(ask({ entity: 'date' }), 'tomorrow', new Date('2026-11-21T12:00:00Z'))).toBe('2026-11-22');
    expect(slotValue(ask({ regex: '\\b(\\d{5})\\b' }), 'order 12345 pls')).toBe('12345');
    expect(slotValue(ask({ regex: '\\b(\\d{5})\\b' }), 'order 123')).toBeUndefined();
  });
});
