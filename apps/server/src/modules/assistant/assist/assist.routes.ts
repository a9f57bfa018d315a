import { TicketAssistSchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AssistService } from './assist.service.js';

const IdParams = z.object({ id: z.uuid() });

export function assistRoutes(assist: AssistService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/tickets/:id/assist',
      {
        schema: {
          tags: ['assistant'],
          summary:
            'Agent assist (staff who may read the ticket): published articles in its language, similar solved tickets with their agent reply, and a suggested reply',
          params: IdParams,
          response: { 200: TicketAssistSchema },
        },
      },
      async (req) => assist.forTicket(req.ctx, req.params.id),
    );
  };
}
