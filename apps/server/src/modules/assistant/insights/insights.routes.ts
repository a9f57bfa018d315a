import {
  AnswerVotesSchema,
  BotReportSchema,
  ClusterActionBodySchema,
  InsightsRangeQuerySchema,
  KbArticleSchema,
  UnansweredClustersSchema,
  UnansweredQuerySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InsightsService } from './insights.service.js';

const tags = ['assistant'];
const KeyParams = z.object({ clusterKey: z.uuid() });

export function insightsRoutes(insights: InsightsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/assistant/insights/report',
      {
        schema: {
          tags,
          summary: 'Bot conversations (report.read): resolved by the bot, handed off and why, unanswered, votes, top intents, per day',
          querystring: InsightsRangeQuerySchema,
          response: { 200: BotReportSchema },
        },
      },
      async (req) => insights.report(req.ctx, req.query),
    );

    app.get(
      '/api/v1/assistant/insights/votes',
      {
        schema: {
          tags,
          summary: '"Did this help?" votes per article and per Q&A pair on answers given in the range (report.read)',
          querystring: InsightsRangeQuerySchema,
          response: { 200: AnswerVotesSchema },
        },
      },
      async (req) => insights.votes(req.ctx, req.query),
    );

    app.get(
      '/api/v1/assistant/insights/unanswered',
      {
        schema: {
          tags,
          summary: 'Questions the assistant could not answer, clustered (report.read); dismissed clusters only with includeDismissed',
          querystring: UnansweredQuerySchema,
          response: { 200: UnansweredClustersSchema },
        },
      },
      async (req) => insights.unanswered(req.ctx, req.query),
    );

    app.post(
      '/api/v1/assistant/insights/unanswered/:clusterKey/article',
      {
        schema: {
          tags,
          summary:
            'A knowledge-base draft from a cluster (report.read + kb.write), found with the same filters as the list; 409 assistant_insights.article_exists on repeat',
          params: KeyParams,
          body: ClusterActionBodySchema,
          response: { 201: KbArticleSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await insights.createArticle(req.ctx, req.params.clusterKey, req.body)),
    );

    app.post(
      '/api/v1/assistant/insights/unanswered/:clusterKey/dismiss',
      {
        schema: {
          tags,
          summary: 'Hide a cluster from the list (report.read + kb.write)',
          params: KeyParams,
          body: ClusterActionBodySchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await insights.setDismissed(req.ctx, req.params.clusterKey, req.body, true);
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/v1/assistant/insights/unanswered/:clusterKey/dismiss',
      {
        schema: {
          tags,
          summary: 'Show a dismissed cluster again (report.read + kb.write)',
          params: KeyParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await insights.setDismissed(req.ctx, req.params.clusterKey, {}, false);
        return reply.status(204).send(null);
      },
    );
  };
}
