import type { RoutingRule, RoutingRuleBody, RuleCondition } from '../../../api/admin-config.api';
import type { SkillLevel } from '../teams/SkillLevelsEditor';

export const CONDITION_FIELDS = ['channel', 'categoryId', 'language', 'priority', 'organizationId', 'tags'] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];
export type ConditionOp = RuleCondition['op'];

/** Which comparisons each field offers; the first is the default. */
export function opsFor(field: ConditionField): ConditionOp[] {
  return field === 'tags' ? ['has_any', 'has_all', 'has_none'] : ['in', 'not_in'];
}

export interface ConditionDraft {
  field: ConditionField;
  op: ConditionOp;
  values: string[];
}

export interface RuleDraft {
  name: string;
  enabled: boolean;
  conditions: ConditionDraft[];
  /** '' = leave the team as it is and only require skills. */
  teamId: string;
  skills: SkillLevel[];
}

export function ruleDraft(rule: RoutingRule | null): RuleDraft {
  return {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    conditions: rule?.conditions.map((c) => ({ field: c.field, op: c.op, values: c.values })) ?? [],
    teamId: rule?.action.teamId ?? '',
    skills: rule?.action.skills.map((s) => ({ skill: s.skill, level: s.minLevel })) ?? [],
  };
}

/** A condition after its field changed: the values of another field make no sense, the op may not exist. */
export function withField(condition: ConditionDraft, field: ConditionField): ConditionDraft {
  if (field === condition.field) return condition;
  return { field, op: opsFor(field)[0] as ConditionOp, values: [] };
}

function toCondition(draft: ConditionDraft): RuleCondition {
  // Tags are stored lowercase, so "VIP" and "vip" are one value.
  const clean = (v: string) => (draft.field === 'tags' ? v.trim().toLowerCase() : v.trim());
  const values = [...new Set(draft.values.map(clean).filter(Boolean))];
  if (draft.field === 'tags') {
    const op = draft.op === 'has_all' || draft.op === 'has_none' ? draft.op : 'has_any';
    return { field: 'tags', op, values };
  }
  return { field: draft.field, op: draft.op === 'not_in' ? 'not_in' : 'in', values };
}

/** The body for create and update; conditions without values are dropped (they could never hold). */
export function ruleBody(draft: RuleDraft): Omit<RoutingRuleBody, 'position'> {
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    conditions: draft.conditions.map(toCondition).filter((c) => c.values.length > 0),
    action: {
      teamId: draft.teamId || null,
      skills: draft.skills.filter((s) => s.skill.trim()).map((s) => ({ skill: s.skill.trim(), minLevel: s.level })),
    },
  };
}

/** A rule must do something: send to a team or ask for skills. */
export function hasAction(draft: RuleDraft): boolean {
  return Boolean(draft.teamId) || draft.skills.some((s) => s.skill.trim());
}
