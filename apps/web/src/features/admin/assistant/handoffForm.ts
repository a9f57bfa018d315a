import type { HandoffCondition, HandoffRule, HandoffRuleBody } from '../../../api/assistant.api';

export const CONDITION_KINDS = ['human_request', 'failed_turns', 'sentiment', 'intent', 'organization'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];
export const FRUSTRATION_LEVELS = ['low', 'medium', 'high'] as const;

/** A handoff rule as edited; numbers as typed ('' = use the default / no limit). */
export interface HandoffDraft {
  name: string;
  enabled: boolean;
  kind: ConditionKind;
  builtin: boolean;
  phrases: string[];
  count: number | string;
  frustration: '' | (typeof FRUSTRATION_LEVELS)[number];
  minNegative: number | string;
  intents: string[];
  organizationIds: string[];
  teamId: string;
}

export function handoffDraft(rule: HandoffRule | null): HandoffDraft {
  const draft: HandoffDraft = {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    kind: rule?.condition.kind ?? 'human_request',
    builtin: true,
    phrases: [],
    count: '',
    frustration: '',
    minNegative: '',
    intents: [],
    organizationIds: [],
    teamId: rule?.teamId ?? '',
  };
  const c = rule?.condition;
  if (!c) return draft;
  switch (c.kind) {
    case 'human_request':
      return { ...draft, builtin: c.builtin, phrases: c.phrases };
    case 'failed_turns':
      return { ...draft, count: c.count ?? '' };
    case 'sentiment':
      return { ...draft, frustration: c.frustration ?? '', minNegative: c.minNegative ?? '' };
    case 'intent':
      return { ...draft, intents: c.intents };
    case 'organization':
      return { ...draft, organizationIds: c.organizationIds };
  }
}

const numberOrNull = (value: number | string) => (typeof value === 'number' ? value : null);

export function handoffCondition(draft: HandoffDraft): HandoffCondition {
  switch (draft.kind) {
    case 'human_request':
      return { kind: 'human_request', builtin: draft.builtin, phrases: draft.phrases.map((p) => p.trim()).filter(Boolean) };
    case 'failed_turns':
      return { kind: 'failed_turns', count: numberOrNull(draft.count) };
    case 'sentiment':
      return { kind: 'sentiment', frustration: draft.frustration || null, minNegative: numberOrNull(draft.minNegative) };
    case 'intent':
      return { kind: 'intent', intents: draft.intents };
    case 'organization':
      return { kind: 'organization', organizationIds: draft.organizationIds };
  }
}

export function handoffBody(draft: HandoffDraft, position: number): HandoffRuleBody {
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    position,
    condition: handoffCondition(draft),
    teamId: draft.teamId || null,
  };
}

/** The stored rule as a request body, e.g. to change only its position or enabled flag. */
export function ruleBody({ id: _id, createdAt: _c, updatedAt: _u, ...body }: HandoffRule): HandoffRuleBody {
  return body;
}
