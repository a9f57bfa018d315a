import {
  LinkBodySchema,
  LinkedTicketSchema,
  MergeBodySchema,
  ScheduledMessageSchema,
  SplitBodySchema,
  TicketSchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MergeService } from './merge.service.js';
import type { ScheduledService } from './scheduled.service.js';
import type { SplitService } from './split.service.js';

const IdParams = z.object({ id: z.uuid() });
const LinkParams = z.object({ id: z.uuid(), otherId: z.uuid() });

/** Staff-only results are presented for staff; this narrows the union for the response schema. */
function staffTicket<T extends { audience: 'staff' | 'customer'; ticket: unknown }>(result: T) {
  if (result.audience !== 'staff') throw new Error('ticket actions are staff-only');
  return result.ticket as z.infer<typeof TicketSchema>;
}

/** Merge, link, split and scheduled messages: actions on a ticket beyond editing its fields. */
export function ticketActionsRoutes(merge: MergeService, split: SplitService, scheduled: ScheduledService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/tickets/:id/merge',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Merge this ticket into another: its messages and followers move there, and it closes pointing at the target',
          params: IdParams,
          body: MergeBodySchema,
          response: { 200: TicketSchema },
        },
      },
      async (req) => staffTicket(await merge.merge(req.ctx, req.params.id, req.body)),
    );

    app.get(
      '/api/v1/tickets/:id/links',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Tickets linked to this one (those the caller may see)',
          params: IdParams,
          response: { 200: z.object({ items: z.array(LinkedTicketSchema) }) },
        },
      },
      async (req) => ({ items: await merge.links(req.ctx, req.params.id) }),
    );

    app.post(
      '/api/v1/tickets/:id/links',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Link a related ticket (201; 200 when they were linked already)',
          params: IdParams,
          body: LinkBodySchema,
          response: { 201: LinkedTicketSchema, 200: LinkedTicketSchema },
        },
      },
      async (req, reply) => {
        const result = await merge.link(req.ctx, req.params.id, req.body.otherId);
        return reply.status(result.created ? 201 : 200).send(result.ticket);
      },
    );

    app.delete(
      '/api/v1/tickets/:id/links/:otherId',
      { schema: { tags: ['tickets'], summary: 'Remove the link between two tickets', params: LinkParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await merge.unlink(req.ctx, req.params.id, req.params.otherId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/tickets/:id/split',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Copy one public reply into a new ticket for the same requester, linked to this one',
          params: IdParams,
          body: SplitBodySchema,
          response: { 201: TicketSchema },
        },
      },
      async (req, reply) => reply.status(201).send(staffTicket(await split.split(req.ctx, req.params.id, req.body))),
    );

    app.get(
      '/api/v1/tickets/:id/scheduled',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Messages scheduled on this ticket (pending, sent, cancelled and failed)',
          params: IdParams,
          response: { 200: z.object({ items: z.array(ScheduledMessageSchema) }) },
        },
      },
      async (req) => ({ items: await scheduled.list(req.ctx, req.params.id) }),
    );

    app.delete(
      '/api/v1/scheduled-messages/:id',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Cancel a scheduled message (its author, or staff with ticket.update); 409 once it was sent',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await scheduled.cancel(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
