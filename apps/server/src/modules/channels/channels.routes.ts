import { ChannelConfigSchema, ChannelWithSecretSchema, CreateChannelBodySchema, UpdateChannelBodySchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChannelsService } from './channels.service.js';

const IdParams = z.object({ id: z.uuid() });

export function channelsRoutes(channels: ChannelsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['channels'];
    app.get(
      '/api/v1/channels',
      {
        schema: {
          tags,
          summary: 'Channels of the workspace (admin.settings)',
          response: { 200: z.object({ items: z.array(ChannelConfigSchema) }) },
        },
      },
      async (req) => ({ items: await channels.list(req.ctx) }),
    );
    app.post(
      '/api/v1/channels',
      {
        schema: {
          tags,
          summary: 'Create a channel; the answer carries its secret, shown only this once (admin.settings)',
          body: CreateChannelBodySchema,
          response: { 201: ChannelWithSecretSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await channels.create(req.ctx, req.body)),
    );
    app.get(
      '/api/v1/channels/:id',
      { schema: { tags, summary: 'One channel (admin.settings)', params: IdParams, response: { 200: ChannelConfigSchema } } },
      async (req) => channels.get(req.ctx, req.params.id),
    );
    app.patch(
      '/api/v1/channels/:id',
      {
        schema: {
          tags,
          summary: 'Rename, enable/disable or replace settings (admin.settings)',
          params: IdParams,
          body: UpdateChannelBodySchema,
          response: { 200: ChannelConfigSchema },
        },
      },
      async (req) => channels.update(req.ctx, req.params.id, req.body),
    );
    app.delete(
      '/api/v1/channels/:id',
      { schema: { tags, summary: 'Delete a channel (admin.settings)', params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await channels.remove(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/v1/channels/:id/rotate-secret',
      {
        schema: {
          tags,
          summary: 'Replace the signing secret; returns the new one once (admin.settings)',
          params: IdParams,
          response: { 200: ChannelWithSecretSchema },
        },
      },
      async (req) => channels.rotateSecret(req.ctx, req.params.id),
    );
  };
}
