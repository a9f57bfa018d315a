import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.js';
import { intentsRoutes } from './intents.routes.js';
import { intentsService } from './intents.service.js';

export type { IntentLabel } from './intent-model.js';
export { classifyIntent } from './intents.service.js';

/** Admin-defined intents: CRUD and the per-workspace classifier the chat seat labels turns with. */
export async function registerIntents(app: FastifyInstance, p: Platform) {
  const service = intentsService(p);
  await app.register(intentsRoutes(service));
  return service;
}
