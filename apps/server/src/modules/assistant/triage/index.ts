import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.js';
import type { TicketsModule } from '../../tickets/index.js';
import { registerTriageJobs } from './triage.jobs.js';
import { registerTriageListeners } from './triage.listeners.js';
import { triageRoutes } from './triage.routes.js';
import { triageService } from './triage.service.js';
import { TriageModelCache } from './triage-models.js';

export { TRIAGE_RETRAIN_JOB } from './triage.jobs.js';

/** Auto-triage of new tickets (issue #7): suggestions, bot-applied values, corrections, retraining. */
export async function registerTriage(app: FastifyInstance, p: Platform, tickets: TicketsModule) {
  registerTriageJobs(p);
  registerTriageListeners(p, tickets, new TriageModelCache());
  const service = triageService(p, tickets);
  await app.register(triageRoutes(service));
  return service;
}
