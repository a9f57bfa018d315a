import {
  AgentSchema,
  CreateTeamBodySchema,
  SetAvailabilityBodySchema,
  SetTeamMembersBodySchema,
  TeamSchema,
  UpdateAgentBodySchema,
  UpdateTeamBodySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AgentsService } from './agents.service.js';
import { CreateRoutingRuleBodySchema, RoutingRuleSchema, UpdateRoutingRuleBodySchema } from './routing.contracts.js';
import type { RoutingService } from './routing.service.js';

const IdParams = z.object({ id: z.uuid() });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

function teamRoutes(routing: RoutingService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['routing'];
    app.get(
      '/api/v1/teams',
      { schema: { tags, summary: 'Teams with their strategy and members (staff)', response: { 200: items(TeamSchema) } } },
      async (req) => ({ items: await routing.listTeams(req.ctx) }),
    );
    app.post(
      '/api/v1/teams',
      { schema: { tags, summary: 'Create a team (team.manage)', body: CreateTeamBodySchema, response: { 201: TeamSchema } } },
      async (req, reply) => reply.status(201).send(await routing.createTeam(req.ctx, req.body)),
    );
    app.get(
      '/api/v1/teams/:id',
      { schema: { tags, summary: 'One team (staff)', params: IdParams, response: { 200: TeamSchema } } },
      async (req) => routing.getTeam(req.ctx, req.params.id),
    );
    app.patch(
      '/api/v1/teams/:id',
      {
        schema: {
          tags,
          summary: 'Rename a team or change how it hands out tickets (team.manage)',
          params: IdParams,
          body: UpdateTeamBodySchema,
          response: { 200: TeamSchema },
        },
      },
      async (req) => routing.updateTeam(req.ctx, req.params.id, req.body),
    );
    app.delete(
      '/api/v1/teams/:id',
      {
        schema: { tags, summary: 'Delete a team no open ticket or rule uses (team.manage)', params: IdParams, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await routing.deleteTeam(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
    app.put(
      '/api/v1/teams/:id/members',
      {
        schema: {
          tags,
          summary: 'Replace the members of a team (team.manage)',
          params: IdParams,
          body: SetTeamMembersBodySchema,
          response: { 200: TeamSchema },
        },
      },
      async (req) => routing.setMembers(req.ctx, req.params.id, req.body.userIds),
    );
  };
}

function agentRoutes(agents: AgentsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['routing'];
    app.get(
      '/api/v1/agents',
      {
        schema: {
          tags,
          summary: 'Staff with availability, capacity, skills, open tickets and teams',
          response: { 200: items(AgentSchema) },
        },
      },
      async (req) => ({ items: await agents.list(req.ctx) }),
    );
    app.patch(
      '/api/v1/agents/:id',
      {
        schema: {
          tags,
          summary: "Set an agent's capacity and skills (team.manage)",
          params: IdParams,
          body: UpdateAgentBodySchema,
          response: { 200: AgentSchema },
        },
      },
      async (req) => agents.update(req.ctx, req.params.id, req.body),
    );
    app.put(
      '/api/v1/me/availability',
      {
        schema: {
          tags,
          summary: 'Go online, away or offline (staff, for themselves)',
          body: SetAvailabilityBodySchema,
          response: { 200: AgentSchema },
        },
      },
      async (req) => agents.setAvailability(req.ctx, req.body.availability),
    );
  };
}

function ruleRoutes(routing: RoutingService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['routing'];
    app.get(
      '/api/v1/routing-rules',
      { schema: { tags, summary: 'Routing rules in evaluation order (team.manage)', response: { 200: items(RoutingRuleSchema) } } },
      async (req) => ({ items: await routing.listRules(req.ctx) }),
    );
    app.post(
      '/api/v1/routing-rules',
      {
        schema: {
          tags,
          summary: 'Add a routing rule (team.manage)',
          body: CreateRoutingRuleBodySchema,
          response: { 201: RoutingRuleSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await routing.createRule(req.ctx, req.body)),
    );
    app.patch(
      '/api/v1/routing-rules/:id',
      {
        schema: {
          tags,
          summary: 'Change a routing rule (team.manage)',
          params: IdParams,
          body: UpdateRoutingRuleBodySchema,
          response: { 200: RoutingRuleSchema },
        },
      },
      async (req) => routing.updateRule(req.ctx, req.params.id, req.body),
    );
    app.delete(
      '/api/v1/routing-rules/:id',
      { schema: { tags, summary: 'Delete a routing rule (team.manage)', params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await routing.deleteRule(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}

export function routingRoutes(routing: RoutingService, agents: AgentsService): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(teamRoutes(routing));
    await app.register(agentRoutes(agents));
    await app.register(ruleRoutes(routing));
  };
}
