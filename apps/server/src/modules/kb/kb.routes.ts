import {
  CreateKbArticleBodySchema,
  CreateKbTranslationBodySchema,
  KbArticlePageSchema,
  KbArticleSchema,
  KbFromMessageBodySchema,
  KbTranslationSchema,
  ListKbArticlesQuerySchema,
  UpdateKbArticleBodySchema,
} from '@switchboard/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ArticlesService } from './kb-articles.service.js';
import type { KbCore } from './kb-core.js';
import type { FromMessageService } from './kb-from-message.service.js';
import { listArticles } from './kb-list.js';

const IdParams = z.object({ id: z.uuid() });
const IfMatchHeaders = z.object({ 'if-match': z.string().max(40).optional() });
const tags = ['knowledge base'];

/** `If-Match: "7"` (or W/"7", or 7) → 7; anything else can never match. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (!value || value === '*') return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  return m ? Number(m[1]) : -1;
}

function withEtag<T extends { version: number }>(reply: FastifyReply, article: T): T {
  reply.header('etag', `"${article.version}"`);
  return article;
}

export function articlesRoutes(core: KbCore, articles: ArticlesService, fromMessage: FromMessageService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/kb/articles',
      {
        schema: {
          tags,
          summary: 'Write a new article (a draft) in one locale; the slug is derived from the title unless given',
          body: CreateKbArticleBodySchema,
          response: { 201: KbArticleSchema },
        },
      },
      async (req, reply) => reply.status(201).send(withEtag(reply, await articles.create(req.ctx, req.body))),
    );

    app.get(
      '/api/v1/kb/articles',
      {
        schema: {
          tags,
          summary: 'Articles (working copies), most recently changed first, with the translation state of each group',
          querystring: ListKbArticlesQuerySchema,
          response: { 200: KbArticlePageSchema },
        },
      },
      async (req) => listArticles(core.p.db, req.ctx, req.query),
    );

    app.post(
      '/api/v1/kb/articles/from-message',
      {
        schema: {
          tags,
          summary: 'Start a draft from a ticket reply: its body, the ticket subject as title, the ticket language as locale',
          body: KbFromMessageBodySchema,
          response: { 201: KbArticleSchema },
        },
      },
      async (req, reply) => reply.status(201).send(withEtag(reply, await fromMessage.create(req.ctx, req.body))),
    );

    app.get(
      '/api/v1/kb/articles/:id',
      {
        schema: {
          tags,
          summary: 'One article: working copy, publish state, translations (ETag = version)',
          params: IdParams,
          response: { 200: KbArticleSchema },
        },
      },
      async (req, reply) => withEtag(reply, await articles.get(req.ctx, req.params.id)),
    );

    app.patch(
      '/api/v1/kb/articles/:id',
      {
        schema: {
          tags,
          summary: 'Save a new version. Send If-Match: "<version>" (or body.version) to get 409 instead of overwriting a newer save.',
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateKbArticleBodySchema,
          response: { 200: KbArticleSchema },
        },
      },
      async (req, reply) => {
        const { version, ...changes } = req.body;
        const expected = parseIfMatch(req.headers['if-match']) ?? version;
        return withEtag(reply, await articles.update(req.ctx, req.params.id, changes, expected));
      },
    );

    app.delete(
      '/api/v1/kb/articles/:id',
      {
        schema: {
          tags,
          summary:
            'Delete a draft that was never published (204); an article that was published is archived instead (200, needs kb.publish)',
          params: IdParams,
          response: { 200: KbArticleSchema, 204: z.null() },
        },
      },
      async (req, reply) => {
        const archived = await articles.remove(req.ctx, req.params.id);
        return archived ? reply.status(200).send(archived) : reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/kb/articles/:id/translations',
      {
        schema: {
          tags,
          summary: 'Add a translation to the article’s group, made from the source’s current version',
          params: IdParams,
          body: CreateKbTranslationBodySchema,
          response: { 201: KbArticleSchema },
        },
      },
      async (req, reply) => reply.status(201).send(withEtag(reply, await articles.createTranslation(req.ctx, req.params.id, req.body))),
    );

    app.get(
      '/api/v1/kb/articles/:id/translations',
      {
        schema: {
          tags,
          summary:
            'The group’s locales: source, up to date, outdated (made from an older source version than the published one) or missing',
          params: IdParams,
          response: { 200: z.object({ groupId: z.uuid(), items: z.array(KbTranslationSchema) }) },
        },
      },
      async (req) => articles.translations(req.ctx, req.params.id),
    );
  };
}
