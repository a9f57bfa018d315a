import {
  KbApproveBodySchema,
  KbArticleSchema,
  KbCommentBodySchema,
  KbOptionalCommentBodySchema,
  KbReviewSchema,
  KbScheduleBodySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WorkflowService } from './kb-workflow.service.js';

const IdParams = z.object({ id: z.uuid() });
const tags = ['knowledge base'];
const STATE_NOTE = 'Invalid for the article’s state: 409 kb_article.invalid_transition.';

/** One route per workflow action, so each names the permission it takes. */
export function workflowRoutes(workflow: WorkflowService): FastifyPluginAsyncZod {
  return async (app) => {
    const simple = [
      ['publish', 'Publish the working version now (kb.publish)', workflow.publish],
      ['unpublish', 'Take the article off the help center; it becomes a draft (kb.publish)', workflow.unpublish],
      ['archive', 'Archive the article: off the help center, no further edits until reopened (kb.publish)', workflow.archive],
      ['reopen', 'Reopen an archived article as a draft (kb.publish)', workflow.reopen],
      [
        'mark-reviewed',
        'Record that the content was checked and is still right: sets the last reviewed date (kb.review)',
        workflow.markReviewed,
      ],
    ] as const;
    for (const [path, summary, run] of simple) {
      app.post(
        `/api/v1/kb/articles/:id/${path}`,
        { schema: { tags, summary: `${summary}. ${STATE_NOTE}`, params: IdParams, response: { 200: KbArticleSchema } } },
        async (req) => run(req.ctx, req.params.id),
      );
    }

    app.post(
      '/api/v1/kb/articles/:id/submit',
      {
        schema: {
          tags,
          summary: `Submit the draft for review (kb.write). ${STATE_NOTE}`,
          params: IdParams,
          body: KbOptionalCommentBodySchema,
          response: { 200: KbArticleSchema },
        },
      },
      async (req) => workflow.submit(req.ctx, req.params.id, req.body.comment),
    );

    app.post(
      '/api/v1/kb/articles/:id/approve',
      {
        schema: {
          tags,
          summary: `Approve the version under review (kb.review); publish: true also publishes it (needs kb.publish as well). ${STATE_NOTE}`,
          params: IdParams,
          body: KbApproveBodySchema,
          response: { 200: KbArticleSchema },
        },
      },
      async (req) => workflow.approve(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/api/v1/kb/articles/:id/request-changes',
      {
        schema: {
          tags,
          summary: `Send the article back to its author with a comment (kb.review). ${STATE_NOTE}`,
          params: IdParams,
          body: KbCommentBodySchema,
          response: { 200: KbArticleSchema },
        },
      },
      async (req) => workflow.requestChanges(req.ctx, req.params.id, req.body.comment),
    );

    app.post(
      '/api/v1/kb/articles/:id/schedule',
      {
        schema: {
          tags,
          summary: `Publish the working copy at publishAt (kb.publish); survives restarts. ${STATE_NOTE}`,
          params: IdParams,
          body: KbScheduleBodySchema,
          response: { 200: KbArticleSchema },
        },
      },
      async (req) => workflow.schedule(req.ctx, req.params.id, new Date(req.body.publishAt)),
    );

    app.delete(
      '/api/v1/kb/articles/:id/schedule',
      {
        schema: {
          tags,
          summary: `Cancel a scheduled publish (kb.publish). ${STATE_NOTE}`,
          params: IdParams,
          response: { 200: KbArticleSchema },
        },
      },
      async (req) => workflow.unschedule(req.ctx, req.params.id),
    );

    app.post(
      '/api/v1/kb/articles/:id/comments',
      {
        schema: {
          tags,
          summary: 'Comment on the article’s current version (kb.write)',
          params: IdParams,
          body: KbCommentBodySchema,
          response: { 201: KbReviewSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await workflow.comment(req.ctx, req.params.id, req.body.comment)),
    );

    app.get(
      '/api/v1/kb/articles/:id/reviews',
      {
        schema: {
          tags,
          summary: 'Review history: submissions, approvals, change requests and comments, oldest first',
          params: IdParams,
          response: { 200: z.object({ items: z.array(KbReviewSchema) }) },
        },
      },
      async (req) => ({ items: await workflow.history(req.ctx, req.params.id) }),
    );
  };
}
