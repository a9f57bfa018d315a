import {
  KbAnalyticsQuerySchema,
  KbAnalyticsSchema,
  KbFeedbackBodySchema,
  KbFeedbackItemSchema,
  KbFeedbackListQuerySchema,
  KbFeedbackPageSchema,
  KbFeedbackReceiptSchema,
  TicketKbViewsSchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { KbAnalyticsService } from './analytics.service.js';
import type { KbFeedbackService } from './feedback.service.js';
import { ensureVisitorKey } from './visitor.js';

const IdParams = z.object({ id: z.uuid() });

export function kbFeedbackRoutes(config: Config, feedback: KbFeedbackService, analytics: KbAnalyticsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/kb/articles/:id/feedback',
      {
        schema: {
          tags: ['knowledge base'],
          summary:
            '"Was this helpful?" on a published article you may read: one vote per visitor (sb_vid cookie) or user, voting again replaces it; a comment goes to moderation. Anonymous callers are rate-limited per IP.',
          params: IdParams,
          body: KbFeedbackBodySchema,
          response: { 200: KbFeedbackReceiptSchema },
        },
      },
      async (req, reply) => {
        const visitorKey = ensureVisitorKey(config, req, reply);
        return feedback.submit(req.ctx, req.params.id, req.body, visitorKey);
      },
    );

    app.get(
      '/api/v1/kb/feedback',
      {
        schema: {
          tags: ['knowledge base'],
          summary: 'Article feedback comments by moderation state, newest first (kb.publish)',
          querystring: KbFeedbackListQuerySchema,
          response: { 200: KbFeedbackPageSchema },
        },
      },
      async (req) => feedback.list(req.ctx, req.query),
    );

    for (const [action, decision] of [
      ['approve', 'approved'],
      ['reject', 'rejected'],
    ] as const) {
      app.post(
        `/api/v1/kb/feedback/:id/${action}`,
        {
          schema: {
            tags: ['knowledge base'],
            summary: `${action === 'approve' ? 'Approve' : 'Reject'} a feedback comment (kb.publish)`,
            params: IdParams,
            response: { 200: KbFeedbackItemSchema },
          },
        },
        async (req) => feedback.moderate(req.ctx, req.params.id, decision),
      );
    }

    app.get(
      '/api/v1/kb/analytics',
      {
        schema: {
          tags: ['knowledge base'],
          summary:
            'Help-center analytics (report.read): views and unique views per article, helpful ratio, approved comments, top searches, searches without results, deflection',
          querystring: KbAnalyticsQuerySchema,
          response: { 200: KbAnalyticsSchema },
        },
      },
      async (req) => analytics.report(req.ctx, req.query),
    );

    app.get(
      '/api/v1/tickets/:id/kb-views',
      {
        schema: {
          tags: ['knowledge base'],
          summary: 'Articles the requester viewed in the 24 hours before opening the ticket (staff)',
          params: IdParams,
          response: { 200: TicketKbViewsSchema },
        },
      },
      async (req) => ({ items: await analytics.ticketViews(req.ctx, req.params.id) }),
    );
  };
}
