import type { FastifyInstance } from 'fastify';
import type { AssistantCore } from '../assistant.core.js';
import { providerRoutes } from './provider.routes.js';
import { providerService } from './provider.service.js';

export { chatModel, type ModelAnswer, renderGenerated } from './model-features.js';

/** The optional model provider: admin API, reply drafts and translation routes. */
export async function registerModelProvider(app: FastifyInstance, core: AssistantCore) {
  const service = providerService(core);
  await app.register(providerRoutes(service));
  return service;
}
