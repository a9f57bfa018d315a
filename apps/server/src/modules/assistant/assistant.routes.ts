import {
  AssistantSettingsBodySchema,
  AssistantSettingsSchema,
  AssistantTryBodySchema,
  AssistantTryResultSchema,
  BotDecisionSchema,
  BotDecisionsQuerySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AssistantService } from './assistant.service.js';

export function assistantRoutes(assistant: AssistantService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/assistant/settings',
      {
        schema: {
          tags: ['assistant'],
          summary: 'Assistant settings in force (bot.manage); defaults until saved',
          response: { 200: AssistantSettingsSchema },
        },
      },
      async (req) => assistant.getSettings(req.ctx),
    );

    app.put(
      '/api/v1/assistant/settings',
      {
        schema: {
          tags: ['assistant'],
          summary: 'Replace the assistant settings (bot.manage); assistant.settings_invalid when clarify > answer threshold',
          body: AssistantSettingsBodySchema,
          response: { 200: AssistantSettingsSchema },
        },
      },
      async (req) => assistant.putSettings(req.ctx, req.body),
    );

    app.get(
      '/api/v1/assistant/decisions',
      {
        schema: {
          tags: ['assistant'],
          summary: "A ticket's assistant decisions, oldest first (bot.manage, or ticket.read of that ticket)",
          querystring: BotDecisionsQuerySchema,
          response: { 200: z.object({ items: z.array(BotDecisionSchema) }) },
        },
      },
      async (req) => ({ items: await assistant.decisions(req.ctx, req.query.ticketId) }),
    );

    app.post(
      '/api/v1/assistant/try',
      {
        schema: {
          tags: ['assistant'],
          summary: "Dry run (bot.manage): the engine's reasoning and the reply a visitor would get; nothing is stored",
          body: AssistantTryBodySchema,
          response: { 200: AssistantTryResultSchema },
        },
      },
      async (req) => assistant.tryIt(req.ctx, req.body),
    );
  };
}
