import {
  DraftReplyResultSchema,
  ProviderCallSchema,
  ProviderCallsQuerySchema,
  ProviderSettingsBodySchema,
  ProviderSettingsSchema,
  ProviderTestResultSchema,
  TranslateBodySchema,
  TranslateResultSchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProviderService } from './provider.service.js';

const tags = ['assistant'];
const IdParams = z.object({ id: z.uuid() });

export function providerRoutes(provider: ProviderService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/assistant/provider',
      {
        schema: {
          tags,
          summary: 'The model provider (admin.settings): address, model, hasApiKey (the key is never returned), this month’s usage',
          response: { 200: ProviderSettingsSchema },
        },
      },
      async (req) => provider.get(req.ctx),
    );

    app.put(
      '/api/v1/assistant/provider',
      {
        schema: {
          tags,
          summary:
            'Save the model provider (admin.settings); assistant.provider_url_invalid for non-http(s) URLs, credentials in the URL or private addresses without allowPrivateNetwork',
          body: ProviderSettingsBodySchema,
          response: { 200: ProviderSettingsSchema },
        },
      },
      async (req) => provider.put(req.ctx, req.body),
    );

    app.post(
      '/api/v1/assistant/provider/test',
      {
        schema: {
          tags,
          summary:
            'Send a tiny completion with the saved settings (admin.settings): model and latency, or assistant.provider_failed (503) saying what went wrong',
          response: { 200: ProviderTestResultSchema },
        },
      },
      async (req) => provider.test(req.ctx),
    );

    app.get(
      '/api/v1/assistant/provider/calls',
      {
        schema: {
          tags,
          summary: 'Recent provider calls, newest first (admin.settings): purpose, tokens, latency, outcome; never text or keys',
          querystring: ProviderCallsQuerySchema,
          response: { 200: z.object({ items: z.array(ProviderCallSchema) }) },
        },
      },
      async (req) => ({ items: await provider.calls(req.ctx, req.query) }),
    );

    app.post(
      '/api/v1/tickets/:id/assistant/draft-reply',
      {
        schema: {
          tags,
          summary:
            'A reply draft for the agent (ticket.reply): written by the model provider from KB passages with citations, else the best passage',
          params: IdParams,
          response: { 200: DraftReplyResultSchema },
        },
      },
      async (req) => provider.draftReply(req.ctx, req.params.id),
    );

    app.post(
      '/api/v1/tickets/:id/assistant/translate',
      {
        schema: {
          tags,
          summary: 'Translate a message of the ticket (ticket.read); needs the model provider (409 assistant.provider_unavailable)',
          params: IdParams,
          body: TranslateBodySchema,
          response: { 200: TranslateResultSchema },
        },
      },
      async (req) => provider.translate(req.ctx, req.params.id, req.body),
    );
  };
}
