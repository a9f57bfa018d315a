import { KbArticleSchema, KbDiffQuerySchema, KbDiffSchema, KbVersionSchema, KbVersionSummarySchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIfMatch } from './kb.routes.js';
import type { VersionsService } from './kb-versions.service.js';

const IdParams = z.object({ id: z.uuid() });
const VersionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });
const tags = ['knowledge base'];

export function versionsRoutes(versions: VersionsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/kb/articles/:id/versions',
      {
        schema: {
          tags,
          summary: 'Every saved version, newest first: author, time, note',
          params: IdParams,
          response: { 200: z.object({ items: z.array(KbVersionSummarySchema) }) },
        },
      },
      async (req) => ({ items: await versions.list(req.ctx, req.params.id) }),
    );

    app.get(
      '/api/v1/kb/articles/:id/versions/:version',
      { schema: { tags, summary: 'One saved version with its content', params: VersionParams, response: { 200: KbVersionSchema } } },
      async (req) => versions.get(req.ctx, req.params.id, req.params.version),
    );

    app.get(
      '/api/v1/kb/articles/:id/diff',
      {
        schema: {
          tags,
          summary: 'What changed between two versions (default: the latest save): title by word, body by line with word detail',
          params: IdParams,
          querystring: KbDiffQuerySchema,
          response: { 200: KbDiffSchema },
        },
      },
      async (req) => versions.diff(req.ctx, req.params.id, req.query.from, req.query.to),
    );

    app.post(
      '/api/v1/kb/articles/:id/versions/:version/restore',
      {
        schema: {
          tags,
          summary: 'Restore an old version: its content becomes a new version noted "restored from version N" (If-Match optional)',
          params: VersionParams,
          headers: z.object({ 'if-match': z.string().max(40).optional() }),
          response: { 200: KbArticleSchema },
        },
      },
      async (req, reply) => {
        const article = await versions.restore(req.ctx, req.params.id, req.params.version, parseIfMatch(req.headers['if-match']));
        reply.header('etag', `"${article.version}"`);
        return article;
      },
    );
  };
}
