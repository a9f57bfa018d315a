import { describe, expect, it } from 'vitest';
import {
  conditionHolds,
  matchRoutingRule,
  type RoutingRule,
  RoutingRuleActionSchema,
  type RoutingTicketFacts,
  type RuleCondition,
  RuleConditionSchema,
} from './routing-rules.js';

const TEAM_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function facts(overrides: Partial<RoutingTicketFacts> = {}): RoutingTicketFacts {
  return {
    channel: 'email',
    categoryId: 'cat-billing',
    language: 'en-US',
    priority: 'normal',
    organizationId: 'org-acme',
    tags: ['VIP', 'refund'],
    ...overrides,
  };
}

function rule(id: string, position: number, conditions: RuleCondition[] = [], enabled = true): RoutingRule {
  return { id, name: `Rule ${id}`, position, enabled, conditions, action: { teamId: null, skills: [] } };
}

const holds = (condition: RuleCondition, overrides: Partial<RoutingTicketFacts> = {}) => conditionHolds(condition, facts(overrides));

describe('matchRoutingRule', () => {
  it('returns the first matching rule by position, whatever the input order', () => {
    const rules = [
      rule('late', 20),
      rule('nonmatching', 1, [{ field: 'channel', op: 'in', values: ['chat'] }]),
      rule('early', 10, [{ field: 'channel', op: 'in', values: ['email'] }]),
    ];
    expect(matchRoutingRule(rules, facts())?.id).toBe('early');
    expect(matchRoutingRule([...rules].reverse(), facts())?.id).toBe('early');
  });

  it('breaks position ties by id and does not reorder the caller array', () => {
    const rules = [rule('b', 5), rule('a', 5)];
    expect(matchRoutingRule(rules, facts())?.id).toBe('a');
    expect(rules.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('skips disabled rules even when they would match first', () => {
    const rules = [rule('off', 1, [], false), rule('on', 2)];
    expect(matchRoutingRule(rules, facts())?.id).toBe('on');
  });

  it('requires every condition to hold', () => {
    const both = rule('both', 1, [
      { field: 'channel', op: 'in', values: ['email'] },
      { field: 'priority', op: 'in', values: ['urgent'] },
    ]);
    expect(matchRoutingRule([both], facts())).toBeNull();
    expect(matchRoutingRule([both], facts({ priority: 'urgent' }))?.id).toBe('both');
  });

  it('matches every ticket with an empty condition list', () => {
    const catchAll = rule('all', 1);
    expect(matchRoutingRule([catchAll], facts())?.id).toBe('all');
    expect(matchRoutingRule([catchAll], facts({ categoryId: null, organizationId: null, tags: [] }))?.id).toBe('all');
  });

  it('returns null when nothing matches or there are no rules', () => {
    expect(matchRoutingRule([], facts())).toBeNull();
    expect(matchRoutingRule([rule('x', 1, [{ field: 'channel', op: 'in', values: ['sms'] }])], facts())).toBeNull();
    expect(matchRoutingRule([rule('x', 1, [], false)], facts())).toBeNull();
  });
});

describe('scalar conditions', () => {
  it('in / not_in on channel, priority, category and organization', () => {
    expect(holds({ field: 'channel', op: 'in', values: ['chat', 'email'] })).toBe(true);
    expect(holds({ field: 'channel', op: 'not_in', values: ['chat', 'email'] })).toBe(false);
    expect(holds({ field: 'priority', op: 'in', values: ['high', 'urgent'] })).toBe(false);
    expect(holds({ field: 'priority', op: 'not_in', values: ['high', 'urgent'] })).toBe(true);
    expect(holds({ field: 'categoryId', op: 'in', values: ['cat-billing'] })).toBe(true);
    expect(holds({ field: 'organizationId', op: 'not_in', values: ['org-other'] })).toBe(true);
  });

  it('compares ids exactly', () => {
    expect(holds({ field: 'channel', op: 'in', values: ['Email'] })).toBe(false);
    expect(holds({ field: 'categoryId', op: 'in', values: ['cat-bill'] })).toBe(false);
  });

  it('treats a missing category or organization as in no list', () => {
    expect(holds({ field: 'categoryId', op: 'in', values: ['cat-billing'] }, { categoryId: null })).toBe(false);
    expect(holds({ field: 'categoryId', op: 'not_in', values: ['cat-billing'] }, { categoryId: null })).toBe(true);
    expect(holds({ field: 'organizationId', op: 'in', values: ['org-acme'] }, { organizationId: null })).toBe(false);
    expect(holds({ field: 'organizationId', op: 'not_in', values: ['org-acme'] }, { organizationId: null })).toBe(true);
  });
});

describe('language conditions', () => {
  const lang = (values: string[], language: string, op: 'in' | 'not_in' = 'in') => holds({ field: 'language', op, values }, { language });

  it('matches the exact code', () => {
    expect(lang(['zh-CN'], 'zh-CN')).toBe(true);
    expect(lang(['de'], 'de')).toBe(true);
  });

  it('lets a primary subtag cover its regional variants', () => {
    expect(lang(['zh'], 'zh-CN')).toBe(true);
    expect(lang(['zh'], 'zh-TW')).toBe(true);
    expect(lang(['pt'], 'pt-BR', 'not_in')).toBe(false);
  });

  it('does not let a regional rule cover another region or the bare language', () => {
    expect(lang(['zh-CN'], 'zh-TW')).toBe(false);
    expect(lang(['zh-CN'], 'zh')).toBe(false);
    expect(lang(['zh-CN'], 'zh-TW', 'not_in')).toBe(true);
  });

  it('does not match on a shared prefix that is not a subtag', () => {
    expect(lang(['e'], 'en')).toBe(false);
    expect(lang(['en'], 'eng')).toBe(false);
  });

  it('ignores case and underscore separators', () => {
    expect(lang(['ZH-cn'], 'zh_CN')).toBe(true);
    expect(lang(['EN'], 'en-gb')).toBe(true);
  });
});

describe('tag conditions', () => {
  it('has_any holds when at least one tag is present, case-insensitively', () => {
    expect(holds({ field: 'tags', op: 'has_any', values: ['vip', 'spam'] })).toBe(true);
    expect(holds({ field: 'tags', op: 'has_any', values: ['spam', 'legal'] })).toBe(false);
  });

  it('has_all needs every tag', () => {
    expect(holds({ field: 'tags', op: 'has_all', values: ['Refund', 'vip'] })).toBe(true);
    expect(holds({ field: 'tags', op: 'has_all', values: ['refund', 'legal'] })).toBe(false);
  });

  it('has_none fails as soon as one tag is present', () => {
    expect(holds({ field: 'tags', op: 'has_none', values: ['spam', 'legal'] })).toBe(true);
    expect(holds({ field: 'tags', op: 'has_none', values: ['spam', 'REFUND'] })).toBe(false);
  });

  it('handles a ticket with no tags', () => {
    expect(holds({ field: 'tags', op: 'has_any', values: ['vip'] }, { tags: [] })).toBe(false);
    expect(holds({ field: 'tags', op: 'has_all', values: ['vip'] }, { tags: [] })).toBe(false);
    expect(holds({ field: 'tags', op: 'has_none', values: ['vip'] }, { tags: [] })).toBe(true);
  });
});

describe('RuleConditionSchema', () => {
  it('accepts valid conditions of both kinds', () => {
    expect(RuleConditionSchema.safeParse({ field: 'channel', op: 'in', values: ['email'] }).success).toBe(true);
    expect(RuleConditionSchema.safeParse({ field: 'priority', op: 'not_in', values: ['low', 'urgent'] }).success).toBe(true);
    expect(RuleConditionSchema.safeParse({ field: 'tags', op: 'has_all', values: ['vip'] }).success).toBe(true);
  });

  it.each([
    ['unknown field', { field: 'subject', op: 'in', values: ['x'] }],
    ['tag operator on a scalar field', { field: 'channel', op: 'has_any', values: ['email'] }],
    ['scalar operator on tags', { field: 'tags', op: 'in', values: ['vip'] }],
    ['empty values', { field: 'channel', op: 'in', values: [] }],
    ['empty string value', { field: 'tags', op: 'has_any', values: [''] }],
    ['value over 100 chars', { field: 'channel', op: 'in', values: ['x'.repeat(101)] }],
    ['non-string value', { field: 'categoryId', op: 'in', values: [42] }],
    ['missing values', { field: 'language', op: 'in' }],
    ['misspelt priority', { field: 'priority', op: 'in', values: ['urgnt'] }],
    ['not an object', 'channel=email'],
  ])('rejects %s', (_label, input) => {
    expect(RuleConditionSchema.safeParse(input).success).toBe(false);
  });

  it('accepts a value of exactly 100 chars', () => {
    expect(RuleConditionSchema.safeParse({ field: 'channel', op: 'in', values: ['x'.repeat(100)] }).success).toBe(true);
  });

  it('points at the bad priority value', () => {
    const result = RuleConditionSchema.safeParse({ field: 'priority', op: 'in', values: ['high', 'urgnt'] });
    expect(result.error?.issues[0]?.path).toEqual(['values', 1]);
  });
});

describe('RoutingRuleActionSchema', () => {
  it('accepts a team with skills, and a skills-only action', () => {
    const parsed = RoutingRuleActionSchema.parse({ teamId: TEAM_ID, skills: [{ skill: 'billing', minLevel: 3 }] });
    expect(parsed).toEqual({ teamId: TEAM_ID, skills: [{ skill: 'billing', minLevel: 3 }] });
    expect(RoutingRuleActionSchema.safeParse({ teamId: null, skills: [{ skill: 'x'.repeat(60), minLevel: 5 }] }).success).toBe(true);
  });

  it.each([
    ['missing teamId', { skills: [] }],
    ['non-uuid teamId', { teamId: 'team-1', skills: [] }],
    ['missing skills', { teamId: null }],
    ['level 0', { teamId: null, skills: [{ skill: 'billing', minLevel: 0 }] }],
    ['level 6', { teamId: null, skills: [{ skill: 'billing', minLevel: 6 }] }],
    ['fractional level', { teamId: null, skills: [{ skill: 'billing', minLevel: 2.5 }] }],
    ['level as string', { teamId: null, skills: [{ skill: 'billing', minLevel: '3' }] }],
    ['empty skill name', { teamId: null, skills: [{ skill: '', minLevel: 1 }] }],
    ['skill name over 60 chars', { teamId: null, skills: [{ skill: 'x'.repeat(61), minLevel: 1 }] }],
    [
      'the same skill twice',
      {
        teamId: null,
        skills: [
          { skill: 'Billing', minLevel: 1 },
          { skill: 'billing', minLevel: 4 },
        ],
      },
    ],
  ])('rejects %s', (_label, input) => {
    expect(RoutingRuleActionSchema.safeParse(input).success).toBe(false);
  });
});
