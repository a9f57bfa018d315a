import { AssistantIdParamsSchema, IntentBodySchema, IntentListSchema, IntentSchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IntentsService } from './intents.service.js';

const tags = ['assistant'];

/** CRUD under /api/v1/assistant/intents (admin.settings). */
export function intentsRoutes(s: IntentsService): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/assistant/intents';
    const params = AssistantIdParamsSchema;
    const taken = '; a name another intent has is 409 assistant_intent.name_taken';
    app.get(
      base,
      {
        schema: {
          tags,
          summary: 'List the assistant intents (admin.settings) and whether they train a classifier',
          response: { 200: IntentListSchema },
        },
      },
      async (req) => s.list(req.ctx),
    );
    app.post(
      base,
      { schema: { tags, summary: `Create an intent (admin.settings)${taken}`, body: IntentBodySchema, response: { 201: IntentSchema } } },
      async (req, reply) => reply.code(201).send(await s.create(req.ctx, req.body)),
    );
    app.get(
      `${base}/:id`,
      { schema: { tags, summary: 'Get an intent (admin.settings)', params, response: { 200: IntentSchema } } },
      async (req) => s.get(req.ctx, req.params.id),
    );
    app.put(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: `Replace an intent (admin.settings)${taken}`,
          params,
          body: IntentBodySchema,
          response: { 200: IntentSchema },
        },
      },
      async (req) => s.update(req.ctx, req.params.id, req.body),
    );
    app.delete(
      `${base}/:id`,
      { schema: { tags, summary: 'Delete an intent (admin.settings)', params, response: { 204: z.null() } } },
      async (req, reply) => {
        await s.remove(req.ctx, req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
