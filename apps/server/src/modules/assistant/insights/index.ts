import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../platform/platform.js';
import type { KbModule } from '../../kb/index.js';
import { insightsRoutes } from './insights.routes.js';
import { insightsService } from './insights.service.js';

export { qaPairOf, recordAnswerTurn } from './answer-votes.js';

/** The assistant's learning loop and report: votes, unanswered-question clusters → KB drafts, bot conversations. */
export async function registerAssistantInsights(app: FastifyInstance, p: Platform, kb: KbModule) {
  const service = insightsService(p, kb);
  await app.register(insightsRoutes(service));
  return { service };
}
