import {
  CreateViewBodySchema,
  CustomerTicketPageSchema,
  TicketPageSchema,
  UpdateViewBodySchema,
  ViewCountsSchema,
  ViewSchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ticketListService } from './ticket-list.js';
import { parseTicketListQuery, TicketListQuerySchema, ViewTicketsQuerySchema } from './ticket-list-query.js';
import type { TicketsCore } from './tickets.service.js';
import { viewsService } from './views.service.js';

const IdParams = z.object({ id: z.uuid() });
const AnyPage = z.union([TicketPageSchema, CustomerTicketPageSchema]);

/** The ticket list with search, and saved views (staff only). */
export function ticketListRoutes(core: TicketsCore): FastifyPluginAsyncZod {
  const list = ticketListService(core);
  const views = viewsService(core, list);
  return async (app) => {
    app.get(
      '/api/v1/tickets',
      {
        schema: {
          tags: ['tickets'],
          summary:
            'List and search tickets the caller may see. Filters take comma-separated values (status=open,pending&assignee=me&cf.plan=gold); ' +
            'keyset pagination through nextCursor; customers get their own and followed tickets.',
          querystring: TicketListQuerySchema,
          response: { 200: AnyPage },
        },
      },
      async (req) => (await list.list(req.ctx, parseTicketListQuery(req.query))).page,
    );

    app.get(
      '/api/v1/views',
      { schema: { tags: ['views'], summary: 'Shared views and the caller’s personal views', response: { 200: z.array(ViewSchema) } } },
      async (req) => views.list(req.ctx),
    );

    app.get(
      '/api/v1/views/counts',
      {
        schema: {
          tags: ['views'],
          summary: 'Tickets per visible view, counted up to 10,000 (capped: true beyond)',
          response: { 200: ViewCountsSchema },
        },
      },
      async (req) => views.counts(req.ctx),
    );

    app.post(
      '/api/v1/views',
      {
        schema: {
          tags: ['views'],
          summary: 'Save a view; shared views need ticket.read_all',
          body: CreateViewBodySchema,
          response: { 201: ViewSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await views.create(req.ctx, req.body)),
    );

    app.patch(
      '/api/v1/views/:id',
      {
        schema: {
          tags: ['views'],
          summary: 'Change a view: your own personal views; shared views need ticket.read_all',
          params: IdParams,
          body: UpdateViewBodySchema,
          response: { 200: ViewSchema },
        },
      },
      async (req) => views.update(req.ctx, req.params.id, req.body),
    );

    app.delete(
      '/api/v1/views/:id',
      { schema: { tags: ['views'], summary: 'Delete a view (same rules as changing it)', params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await views.remove(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/views/:id/tickets',
      {
        schema: {
          tags: ['views'],
          summary: 'The tickets of a view, as the caller may see them; q narrows them by search',
          params: IdParams,
          querystring: ViewTicketsQuerySchema,
          response: { 200: TicketPageSchema },
        },
      },
      async (req) => (await views.tickets(req.ctx, req.params.id, req.query)).page as z.infer<typeof TicketPageSchema>,
    );
  };
}
