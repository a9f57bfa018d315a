import {
  BulkUpdateBodySchema,
  BulkUpdateResultSchema,
  CreateMessageBodySchema,
  CreateTicketBodySchema,
  CustomerTicketSchema,
  ListMessagesQuerySchema,
  MessageSchema,
  ScheduledMessageSchema,
  TicketSchema,
  UpdateTicketBodySchema,
} from '@switchboard/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.js';
import { requireUser } from '../identity/index.js';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from './idempotency.js';
import type { messagesService } from './messages.service.js';
import type { ScheduledService } from './scheduled.service.js';
import type { ticketsService } from './tickets.service.js';

const IdParams = z.object({ id: z.uuid() });
const AnyTicket = z.union([TicketSchema, CustomerTicketSchema]);
const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional(),
});
const IfMatchHeaders = z.object({ 'if-match': z.string().max(40).optional() });

/** `If-Match: "7"` (or W/"7", or 7) → 7. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (!value || value === '*') return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  return m ? Number(m[1]) : -1;
}

type AnyTicketDto = z.infer<typeof AnyTicket>;

function withEtag<T extends { ticket: AnyTicketDto }>(reply: FastifyReply, result: T): AnyTicketDto {
  if ('version' in result.ticket) reply.header('etag', `"${result.ticket.version}"`);
  return result.ticket;
}

export function ticketsRoutes(
  db: Db,
  tickets: ReturnType<typeof ticketsService>,
  messages: ReturnType<typeof messagesService>,
  scheduled: ScheduledService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/tickets',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Create a ticket (customers: in the portal; staff and API: for any requester). Idempotency-Key makes retries safe.',
          headers: IdempotencyHeaders,
          body: CreateTicketBodySchema,
          response: { 201: AnyTicket, 200: AnyTicket },
        },
      },
      async (req, reply) => {
        const key = req.headers['idempotency-key'];
        if (!key) return reply.status(201).send(withEtag(reply, await tickets.create(req.ctx, req.body)));
        const actor = requireUser(req.actor);
        const outcome = await claimIdempotencyKey(db, actor.workspaceId, actor, key, req.body);
        if ('replay' in outcome) {
          reply.header('idempotent-replayed', 'true');
          return reply.status(outcome.replay.statusCode as 201).send(outcome.replay.response as AnyTicketDto);
        }
        try {
          const result = await tickets.create(req.ctx, req.body, {
            inTx: (tx, r) => completeIdempotencyKey(tx, outcome.claim, 201, r.ticket),
          });
          return reply.status(201).send(withEtag(reply, result));
        } catch (err) {
          await releaseIdempotencyKey(db, outcome.claim);
          throw err;
        }
      },
    );

    app.get(
      '/api/v1/tickets/:id',
      {
        schema: {
          tags: ['tickets'],
          summary: 'One ticket, as the caller may see it (ETag = version)',
          params: IdParams,
          response: { 200: AnyTicket },
        },
      },
      async (req, reply) => withEtag(reply, await tickets.get(req.ctx, req.params.id)),
    );

    app.patch(
      '/api/v1/tickets/:id',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Change ticket fields. Send If-Match: "<version>" (or body.version) to get 412 instead of overwriting a newer change.',
          params: IdParams,
          headers: IfMatchHeaders,
          body: UpdateTicketBodySchema,
          response: { 200: AnyTicket },
        },
      },
      async (req, reply) => {
        const { version, ...changes } = req.body;
        const expected = parseIfMatch(req.headers['if-match']) ?? version;
        return withEtag(reply, await tickets.update(req.ctx, req.params.id, changes, expected));
      },
    );

    app.post(
      '/api/v1/tickets/bulk',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Apply the same changes to up to 500 tickets; each succeeds or fails on its own',
          body: BulkUpdateBodySchema,
          response: { 200: BulkUpdateResultSchema },
        },
      },
      async (req) => tickets.bulkUpdate(req.ctx, req.body.ids, req.body.changes),
    );

    app.post(
      '/api/v1/tickets/:id/satisfaction',
      {
        schema: {
          tags: ['tickets'],
          summary: 'The requester rates a solved ticket (1–5, optional comment)',
          params: IdParams,
          body: z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() }),
          response: { 200: AnyTicket },
        },
      },
      async (req, reply) => withEtag(reply, await tickets.rate(req.ctx, req.params.id, req.body)),
    );

    app.get(
      '/api/v1/tickets/:id/messages',
      {
        schema: {
          tags: ['tickets'],
          summary: 'The timeline after a sequence number (customers see public replies only)',
          params: IdParams,
          querystring: ListMessagesQuerySchema,
          response: { 200: z.object({ items: z.array(MessageSchema) }) },
        },
      },
      async (req) => ({ items: await messages.list(req.ctx, req.params.id, req.query) }),
    );

    app.post(
      '/api/v1/tickets/:id/messages',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Reply or add an internal note; optionally set the status in the same action, or schedule it (sendAt)',
          params: IdParams,
          body: CreateMessageBodySchema,
          response: {
            201: z.object({ message: MessageSchema.nullable(), ticketVersion: z.number().int(), status: z.string() }),
            202: ScheduledMessageSchema,
          },
        },
      },
      async (req, reply) => {
        const { sendAt, ...input } = req.body;
        // Scheduled: 202 with the scheduled message; a job sends it at sendAt.
        if (sendAt) return reply.status(202).send(await scheduled.schedule(req.ctx, req.params.id, input, new Date(sendAt)));
        return reply.status(201).send(await messages.add(req.ctx, req.params.id, input));
      },
    );
  };
}
