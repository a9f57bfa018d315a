import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.js';
import { flowsRoutes } from './flows.routes.js';
import { flowsService } from './flows.service.js';

/** Q&A pairs, flows and handoff rules: admin API here; the seat runs them through flows-turn.ts. */
export async function registerAssistantFlows(app: FastifyInstance, p: Platform) {
  await app.register(flowsRoutes(flowsService(p)));
}
