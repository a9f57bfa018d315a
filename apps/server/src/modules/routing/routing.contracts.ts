import { RoutingRuleFieldsSchema } from '@switchboard/contracts';
import { z } from 'zod';
import { RoutingRuleActionSchema, RuleConditionSchema } from './routing-rules.js';

/** More conditions than this is a sign the rule should be split. */
export const MAX_RULE_CONDITIONS = 20;

/**
 * Routing rule DTOs: the shared scalar fields plus the server's rule schemas for conditions and
 * action, so what is stored is exactly what matchRoutingRule understands.
 */
export const RoutingRuleSchema = RoutingRuleFieldsSchema.extend({
  id: z.uuid(),
  conditions: z.array(RuleConditionSchema),
  action: RoutingRuleActionSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'RoutingRule' });

export const CreateRoutingRuleBodySchema = RoutingRuleFieldsSchema.partial({ position: true, enabled: true }).extend({
  conditions: z.array(RuleConditionSchema).max(MAX_RULE_CONDITIONS),
  action: RoutingRuleActionSchema,
});
export type CreateRoutingRuleBody = z.infer<typeof CreateRoutingRuleBodySchema>;

export const UpdateRoutingRuleBodySchema = CreateRoutingRuleBodySchema.partial();
export type UpdateRoutingRuleBody = z.infer<typeof UpdateRoutingRuleBodySchema>;
