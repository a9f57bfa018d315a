import { KbSearchPageSchema, KbSearchQuerySchema, KbSuggestionsSchema, KbSuggestQuerySchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { KbSearchService } from './kb-search.service.js';
import { readVisitorKey } from './visitor.js';

export function kbSearchRoutes(search: KbSearchService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/kb/search',
      {
        schema: {
          tags: ['knowledge base'],
          summary:
            'Search published articles you may read (anonymous: public; customers: also customers-only; staff with kb.read_internal: all). Falls back to other languages when `locale` has no hit.',
          querystring: KbSearchQuerySchema,
          response: { 200: KbSearchPageSchema },
        },
      },
      async (req) => {
        const { source, ...input } = req.query;
        const result = await search.search(req.ctx, input, { source, visitorKey: readVisitorKey(req) });
        return { items: result.items, nextCursor: result.nextCursor, fallback: result.fallback };
      },
    );

    app.get(
      '/api/v1/kb/suggest',
      {
        schema: {
          tags: ['knowledge base'],
          summary: 'Autocomplete: up to 8 published article titles for what is typed so far',
          querystring: KbSuggestQuerySchema,
          response: { 200: KbSuggestionsSchema },
        },
      },
      async (req) => ({ items: await search.suggest(req.ctx, req.query) }),
    );
  };
}
