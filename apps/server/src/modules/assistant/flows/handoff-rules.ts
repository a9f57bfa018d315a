import type { HandoffCondition, HandoffRuleBody } from '@switchboard/contracts';
import { findHandoffRequest } from '../handoff-keywords.js';

/** The rule set a workspace starts with: the assistant's former fixed behaviour, as data. */
export const DEFAULT_HANDOFF_RULES: readonly HandoffRuleBody[] = [
  {
    name: 'Asks for a person',
    enabled: true,
    position: 10,
    teamId: null,
    condition: { kind: 'human_request', builtin: true, phrases: [] },
  },
  {
    name: 'Frustrated',
    enabled: true,
    position: 20,
    teamId: null,
    condition: { kind: 'sentiment', frustration: 'high', minNegative: null },
  },
  {
    name: 'Very negative',
    enabled: true,
    position: 30,
    teamId: null,
    condition: { kind: 'sentiment', frustration: null, minNegative: 0.7 },
  },
  { name: 'Turns without an answer', enabled: true, position: 40, teamId: null, condition: { kind: 'failed_turns', count: null } },
];

export interface RuleLike {
  id: string | null;
  name: string;
  enabled: boolean;
  condition: HandoffCondition;
  teamId: string | null;
}

export interface RuleSignals {
  text: string;
  sentiment: { label: string; negative: number; frustration: 'none' | 'low' | 'medium' | 'high' };
  /** Intents the message matched (flow trigger intents). */
  intents: readonly string[];
  organizationId: string | null;
  /** The settings' extra handoff keywords (kept for workspaces that set them before rules existed). */
  keywords: readonly string[];
}

export interface FiredRule {
  rule: RuleLike;
  /** Why, for the note and the decision log. */
  detail: string;
}

const LEVEL = { none: 0, low: 1, medium: 2, high: 3 } as const;

/** Rules checked before the assistant answers (everything except failed turns). */
export function matchBeforeTurn(rules: readonly RuleLike[], s: RuleSignals): FiredRule | null {
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const c = rule.condition;
    if (c.kind === 'human_request') {
      const hit = findHandoffRequest(s.text, [...c.phrases, ...s.keywords], c.builtin);
      if (hit) return { rule, detail: `visitor asked for a person ("${hit}")` };
    } else if (c.kind === 'sentiment') {
      if (c.frustration && LEVEL[s.sentiment.frustration] >= LEVEL[c.frustration])
        return { rule, detail: c.frustration === 'high' ? 'visitor is frustrated' : `frustration ${s.sentiment.frustration}` };
      if (c.minNegative !== null && s.sentiment.label === 'negative' && s.sentiment.negative >= c.minNegative)
        return { rule, detail: 'negative sentiment' };
    } else if (c.kind === 'intent') {
      const hit = s.intents.find((i) => c.intents.includes(i));
      if (hit) return { rule, detail: `intent "${hit}"` };
    } else if (c.kind === 'organization') {
      if (s.organizationId && c.organizationIds.includes(s.organizationId)) return { rule, detail: 'VIP organization' };
    }
  }
  return null;
}

/** The failed-turns rule that fires after `failedTurns` consecutive misses, if any. */
export function matchFailedTurns(rules: readonly RuleLike[], failedTurns: number, maxFailedTurns: number): FiredRule | null {
  for (const rule of rules) {
    if (!rule.enabled || rule.condition.kind !== 'failed_turns') continue;
    if (failedTurns >= (rule.condition.count ?? maxFailedTurns)) return { rule, detail: `${failedTurns} turns without an answer` };
  }
  return null;
}
