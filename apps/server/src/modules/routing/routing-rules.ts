import { z } from 'zod';

/** What routing knows about a ticket when it decides where the ticket goes. */
export interface RoutingTicketFacts {
  channel: string;
  categoryId: string | null;
  language: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  organizationId: string | null;
  tags: string[];
}

export type ScalarRuleField = 'channel' | 'language' | 'priority' | 'categoryId' | 'organizationId';

export type RuleCondition =
  | { field: ScalarRuleField; op: 'in' | 'not_in'; values: string[] }
  | { field: 'tags'; op: 'has_any' | 'has_all' | 'has_none'; values: string[] };

export interface RequiredSkill {
  skill: string;
  minLevel: number;
}

export interface RoutingRuleAction {
  teamId: string | null;
  skills: RequiredSkill[];
}

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  /** All must hold (AND); an empty list matches every ticket. */
  conditions: RuleCondition[];
  action: RoutingRuleAction;
}

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** Keeps a single rule small enough to evaluate per ticket without thinking about it. */
export const MAX_CONDITION_VALUES = 200;
export const MAX_RULE_SKILLS = 20;

const conditionValues = z.array(z.string().min(1).max(100)).min(1).max(MAX_CONDITION_VALUES);

const ScalarConditionSchema = z
  .object({
    field: z.enum(['channel', 'language', 'priority', 'categoryId', 'organizationId']),
    op: z.enum(['in', 'not_in']),
    values: conditionValues,
  })
  .superRefine((condition, ctx) => {
    // A misspelt priority would silently never match; reject it where the admin can see it.
    if (condition.field !== 'priority') return;
    condition.values.forEach((value, index) => {
      if (!(TICKET_PRIORITIES as readonly string[]).includes(value)) {
        ctx.addIssue({ code: 'custom', path: ['values', index], message: `Unknown priority "${value}"` });
      }
    });
  });

const TagConditionSchema = z.object({
  field: z.literal('tags'),
  op: z.enum(['has_any', 'has_all', 'has_none']),
  values: conditionValues,
});

export const RuleConditionSchema = z.discriminatedUnion('field', [
  ScalarConditionSchema,
  TagConditionSchema,
]) satisfies z.ZodType<RuleCondition>;

export const RequiredSkillSchema = z.object({
  skill: z.string().min(1).max(60),
  minLevel: z.int().min(1).max(5),
}) satisfies z.ZodType<RequiredSkill>;

export const RoutingRuleActionSchema = z.object({
  // Teams are uuid rows; validating here turns a bad id into a 400 instead of a database error.
  teamId: z.uuid().nullable(),
  skills: z
    .array(RequiredSkillSchema)
    .max(MAX_RULE_SKILLS)
    .superRefine((skills, ctx) => {
      const seen = new Set<string>();
      skills.forEach((entry, index) => {
        const key = entry.skill.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'skill'], message: `Skill "${entry.skill}" is listed twice` });
        seen.add(key);
      });
    }),
}) satisfies z.ZodType<RoutingRuleAction>;

/** BCP 47 tags are case-insensitive; some sources write zh_CN for zh-CN. */
function normalizeLanguage(tag: string): string {
  return tag.trim().toLowerCase().replaceAll('_', '-');
}

/** Rule 'zh' covers 'zh-CN' and 'zh-TW'; rule 'zh-CN' covers only 'zh-CN'. */
function languageMatches(ruleValue: string, ticketLanguage: string): boolean {
  const wanted = normalizeLanguage(ruleValue);
  const actual = normalizeLanguage(ticketLanguage);
  if (wanted === actual) return true;
  const primary = actual.split('-')[0];
  return wanted === primary;
}

function scalarMatches(field: ScalarRuleField, values: string[], facts: RoutingTicketFacts): boolean {
  if (field === 'language') return values.some((value) => languageMatches(value, facts.language));
  const actual = facts[field];
  return actual !== null && values.includes(actual);
}

function tagsMatch(op: 'has_any' | 'has_all' | 'has_none', values: string[], tags: string[]): boolean {
  const present = new Set(tags.map((tag) => tag.toLowerCase()));
  const has = (value: string) => present.has(value.toLowerCase());
  if (op === 'has_all') return values.every(has);
  if (op === 'has_any') return values.some(has);
  return !values.some(has);
}

export function conditionHolds(condition: RuleCondition, facts: RoutingTicketFacts): boolean {
  if (condition.field === 'tags') return tagsMatch(condition.op, condition.values, facts.tags);
  const inList = scalarMatches(condition.field, condition.values, facts);
  return condition.op === 'in' ? inList : !inList;
}

function byPositionThenId(a: RoutingRule, b: RoutingRule): number {
  if (a.position !== b.position) return a.position - b.position;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** The first enabled rule (by position, ties by id) whose conditions all hold, or null. */
export function matchRoutingRule(rules: RoutingRule[], facts: RoutingTicketFacts): RoutingRule | null {
  const ordered = rules.filter((rule) => rule.enabled).sort(byPositionThenId);
  return ordered.find((rule) => rule.conditions.every((condition) => conditionHolds(condition, facts))) ?? null;
}
