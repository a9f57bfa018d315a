import { CreateMacroBodySchema, MacroPreviewSchema, MacroSchema, TicketSchema, UpdateMacroBodySchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MacrosService } from './macros.service.js';
import { parseIfMatch } from './tickets.routes.js';

const IdParams = z.object({ id: z.uuid() });
const TicketMacroParams = z.object({ id: z.uuid(), macroId: z.uuid() });

export function macrosRoutes(macros: MacrosService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/macros',
      {
        schema: {
          tags: ['macros'],
          summary: 'Shared macros and your personal ones, with usage counts',
          response: { 200: z.object({ items: z.array(MacroSchema) }) },
        },
      },
      async (req) => ({ items: await macros.list(req.ctx) }),
    );

    app.post(
      '/api/v1/macros',
      {
        schema: {
          tags: ['macros'],
          summary:
            'Create a macro (personal with macro.use; shared needs macro.manage). A canned response is a macro with one reply action.',
          body: CreateMacroBodySchema,
          response: { 201: MacroSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await macros.create(req.ctx, req.body)),
    );

    app.patch(
      '/api/v1/macros/:id',
      {
        schema: {
          tags: ['macros'],
          summary: 'Change a macro (your own personal one, or a shared one with macro.manage)',
          params: IdParams,
          body: UpdateMacroBodySchema,
          response: { 200: MacroSchema },
        },
      },
      async (req) => macros.update(req.ctx, req.params.id, req.body),
    );

    app.delete(
      '/api/v1/macros/:id',
      { schema: { tags: ['macros'], summary: 'Delete a macro', params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await macros.remove(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/tickets/:id/macros/:macroId/preview',
      {
        schema: {
          tags: ['macros'],
          summary: 'What the macro would do on this ticket: the rendered reply/note and the field changes. Writes nothing.',
          params: TicketMacroParams,
          response: { 200: MacroPreviewSchema },
        },
      },
      async (req) => macros.preview(req.ctx, req.params.id, req.params.macroId),
    );

    app.post(
      '/api/v1/tickets/:id/macros/:macroId/apply',
      {
        schema: {
          tags: ['macros'],
          summary: 'Apply the macro: field changes and the reply/note in one action. If-Match: "<version>" gives 412 on a stale ticket.',
          params: TicketMacroParams,
          headers: z.object({ 'if-match': z.string().max(40).optional() }),
          response: { 200: TicketSchema },
        },
      },
      async (req, reply) => {
        const result = await macros.apply(req.ctx, req.params.id, req.params.macroId, parseIfMatch(req.headers['if-match']));
        if (result.audience !== 'staff') throw new Error('macros are applied by staff only');
        reply.header('etag', `"${result.ticket.version}"`);
        return result.ticket;
      },
    );
  };
}
