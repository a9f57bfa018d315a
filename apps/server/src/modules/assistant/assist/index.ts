import type { FastifyInstance } from 'fastify';
import type { AssistantCore } from '../assistant.core.js';
import { assistRoutes } from './assist.routes.js';
import { assistService } from './assist.service.js';

/** Agent assist on the ticket page: `GET /api/v1/tickets/:id/assist`. */
export async function registerAssist(app: FastifyInstance, core: AssistantCore) {
  const service = assistService(core);
  await app.register(assistRoutes(service));
  return service;
}
