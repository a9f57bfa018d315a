import { z } from 'zod';

/** How a team hands out its tickets; `manual` leaves them in the queue for agents to take. */
export const ROUTING_STRATEGIES = ['manual', 'round_robin', 'least_loaded', 'skills'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];
export const RoutingStrategySchema = z.enum(ROUTING_STRATEGIES);

export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];
export const AvailabilitySchema = z.enum(AVAILABILITIES);

const Iso = z.string();

export const TeamSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    strategy: RoutingStrategySchema,
    /** Only online agents get tickets; otherwise away agents too (after every online one). */
    onlyOnline: z.boolean(),
    memberIds: z.array(z.uuid()),
    createdAt: Iso,
    updatedAt: Iso,
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof TeamSchema>;

const TeamName = z.string().trim().min(1).max(100);
const TeamDescription = z.string().trim().max(1000).nullable();

export const CreateTeamBodySchema = z.object({
  name: TeamName,
  description: TeamDescription.optional(),
  strategy: RoutingStrategySchema.default('round_robin'),
  onlyOnline: z.boolean().default(true),
});

export const UpdateTeamBodySchema = z.object({
  name: TeamName.optional(),
  description: TeamDescription.optional(),
  strategy: RoutingStrategySchema.optional(),
  onlyOnline: z.boolean().optional(),
});

export const SetTeamMembersBodySchema = z.object({
  userIds: z.array(z.uuid()).max(500),
});

/** Skill name → level 1 (basic) .. 5 (expert). */
export const AgentSkillsSchema = z
  .record(z.string().trim().min(1).max(60), z.number().int().min(1).max(5))
  .refine((skills) => Object.keys(skills).length <= 50, { message: 'At most 50 skills' });

export const AgentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    role: z.string(),
    availability: AvailabilitySchema,
    availabilityChangedAt: Iso.nullable(),
    /** Max open assigned tickets routing gives them; null = unlimited. */
    capacity: z.number().int().nullable(),
    skills: z.record(z.string(), z.number().int()),
    /** Tickets assigned to them in new, open, pending or on hold. */
    openCount: z.number().int(),
    teamIds: z.array(z.uuid()),
    lastAssignedAt: Iso.nullable(),
  })
  .meta({ id: 'Agent' });
export type Agent = z.infer<typeof AgentSchema>;

export const UpdateAgentBodySchema = z.object({
  capacity: z.number().int().min(0).max(10_000).nullable().optional(),
  skills: AgentSkillsSchema.optional(),
});

export const SetAvailabilityBodySchema = z.object({ availability: AvailabilitySchema });

/** The scalar part of a routing rule; conditions and action are typed by the server's rule schemas. */
export const RoutingRuleFieldsSchema = z.object({
  name: z.string().trim().min(1).max(120),
  /** Lower runs first; the first enabled rule that matches wins. */
  position: z.number().int().min(0).max(1_000_000),
  enabled: z.boolean(),
});
