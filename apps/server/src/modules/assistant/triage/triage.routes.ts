import {
  TicketTriageSchema,
  TriageFieldBodySchema,
  TriageRetrainResultSchema,
  TriageSettingsBodySchema,
  TriageSettingsSchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TriageService } from './triage.service.js';

const TicketParams = z.object({ id: z.uuid() });

export function triageRoutes(triage: TriageService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/tickets/:id/triage',
      {
        schema: {
          tags: ['assistant'],
          summary: "A ticket's auto-triage: suggested category, priority, team and language, confidences, applied or suggested",
          params: TicketParams,
          response: { 200: TicketTriageSchema },
        },
      },
      async (req) => triage.get(req.ctx, req.params.id),
    );

    app.post(
      '/api/v1/tickets/:id/triage/accept',
      {
        schema: {
          tags: ['assistant'],
          summary: 'Apply one suggestion as the agent (ticket.update; team also ticket.assign); triage.no_suggestion when none is open',
          params: TicketParams,
          body: TriageFieldBodySchema,
          response: { 200: TicketTriageSchema },
        },
      },
      async (req) => triage.accept(req.ctx, req.params.id, req.body.field),
    );

    app.post(
      '/api/v1/tickets/:id/triage/dismiss',
      {
        schema: {
          tags: ['assistant'],
          summary: 'Dismiss one open suggestion (ticket.update); triage.no_suggestion when none is open',
          params: TicketParams,
          body: TriageFieldBodySchema,
          response: { 200: TicketTriageSchema },
        },
      },
      async (req) => triage.dismiss(req.ctx, req.params.id, req.body.field),
    );

    app.get(
      '/api/v1/assistant/triage-settings',
      {
        schema: {
          tags: ['assistant'],
          summary: 'Auto-triage settings in force and the models (admin.settings); defaults until saved',
          response: { 200: TriageSettingsSchema },
        },
      },
      async (req) => triage.getSettings(req.ctx),
    );

    app.put(
      '/api/v1/assistant/triage-settings',
      {
        schema: {
          tags: ['assistant'],
          summary: 'Replace the auto-triage settings (admin.settings)',
          body: TriageSettingsBodySchema,
          response: { 200: TriageSettingsSchema },
        },
      },
      async (req) => triage.putSettings(req.ctx, req.body),
    );

    app.post(
      '/api/v1/assistant/triage/retrain',
      {
        schema: {
          tags: ['assistant'],
          summary: 'Queue a retraining of the triage models from history and corrections (admin.settings)',
          response: { 202: TriageRetrainResultSchema },
        },
      },
      async (req, reply) => reply.code(202).send(await triage.retrain(req.ctx)),
    );
  };
}
