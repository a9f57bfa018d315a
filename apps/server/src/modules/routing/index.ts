import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import type { TicketsModule } from '../tickets/index.js';
import { agentsService } from './agents.service.js';
import { routingHook } from './routing.hook.js';
import { registerRoutingJobs } from './routing.jobs.js';
import { registerRoutingListeners } from './routing.listeners.js';
import { findTeam, findTeamIdsOfUser } from './routing.repo.js';
import { routingRoutes } from './routing.routes.js';
import { routingService } from './routing.service.js';

export { BACKLOG_JOB } from './routing.jobs.js';
export { agentProfiles, routingRules, teamMembers, teams, ticketRoutingStates } from './routing.schema.js';
export { selfAssigningChannels } from './self-assigning.js';

/** Routing: teams, agent availability/capacity/skills, rules, and assignment on ticket writes. */
export async function registerRouting(app: FastifyInstance, p: Platform, tickets: TicketsModule) {
  const routing = routingService(p);
  const agents = agentsService(p);
  tickets.provide({
    teamIdsOf: (db, workspaceId, userId) => findTeamIdsOfUser(db, workspaceId, userId),
    teamExists: async (db, workspaceId, teamId) => (await findTeam(db, workspaceId, teamId)) !== null,
  });
  tickets.core.hooks.register(routingHook(p));
  registerRoutingJobs(p, tickets);
  registerRoutingListeners(p);
  await app.register(routingRoutes(routing, agents));
  return { routing, agents };
}

export type RoutingModule = Awaited<ReturnType<typeof registerRouting>>;
