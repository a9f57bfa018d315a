import {
  BusinessCalendarSchema,
  CreateBusinessCalendarBodySchema,
  CreateSlaPolicyBodySchema,
  SlaPolicySchema,
  UpdateBusinessCalendarBodySchema,
  UpdateSlaPolicyBodySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarRow, PolicyRow } from './sla.repo.js';
import type { SlaService } from './sla.service.js';

const IdParams = z.object({ id: z.uuid() });

export function presentCalendar(c: CalendarRow) {
  return {
    id: c.id,
    name: c.name,
    timezone: c.timezone,
    hours: c.hours,
    holidays: c.holidays,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function presentPolicy(p: PolicyRow) {
  return {
    id: p.id,
    name: p.name,
    position: p.position,
    enabled: p.enabled,
    conditions: p.conditions,
    calendarId: p.calendarId,
    firstResponseMinutes: p.firstResponseMinutes,
    nextResponseMinutes: p.nextResponseMinutes,
    resolutionMinutes: p.resolutionMinutes,
    warnBeforeMinutes: p.warnBeforeMinutes,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function slaRoutes(sla: SlaService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/business-calendars',
      {
        schema: {
          tags: ['sla'],
          summary: 'Business-hours calendars (staff)',
          response: { 200: z.object({ items: z.array(BusinessCalendarSchema) }) },
        },
      },
      async (req) => ({ items: (await sla.listCalendars(req.ctx)).map(presentCalendar) }),
    );

    app.post(
      '/api/v1/business-calendars',
      {
        schema: {
          tags: ['sla'],
          summary: 'Create a calendar: time zone, weekly hours, holidays (admin.settings; calendar.invalid lists each problem)',
          body: CreateBusinessCalendarBodySchema,
          response: { 201: BusinessCalendarSchema },
        },
      },
      async (req, reply) => reply.status(201).send(presentCalendar(await sla.createCalendar(req.ctx, req.body))),
    );

    app.patch(
      '/api/v1/business-calendars/:id',
      {
        schema: {
          tags: ['sla'],
          summary: 'Change a calendar (admin.settings); running clocks follow at their ticket’s next change',
          params: IdParams,
          body: UpdateBusinessCalendarBodySchema,
          response: { 200: BusinessCalendarSchema },
        },
      },
      async (req) => presentCalendar(await sla.updateCalendar(req.ctx, req.params.id, req.body)),
    );

    app.delete(
      '/api/v1/business-calendars/:id',
      {
        schema: {
          tags: ['sla'],
          summary: 'Delete a calendar no policy uses (admin.settings)',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await sla.deleteCalendar(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/sla-policies',
      {
        schema: {
          tags: ['sla'],
          summary: 'SLA policies in match order (staff)',
          response: { 200: z.object({ items: z.array(SlaPolicySchema) }) },
        },
      },
      async (req) => ({ items: (await sla.listPolicies(req.ctx)).map(presentPolicy) }),
    );

    app.post(
      '/api/v1/sla-policies',
      {
        schema: {
          tags: ['sla'],
          summary: 'Create an SLA policy: conditions, calendar (null = 24x7), targets in business minutes (admin.settings)',
          body: CreateSlaPolicyBodySchema,
          response: { 201: SlaPolicySchema },
        },
      },
      async (req, reply) => reply.status(201).send(presentPolicy(await sla.createPolicy(req.ctx, req.body))),
    );

    app.patch(
      '/api/v1/sla-policies/:id',
      {
        schema: {
          tags: ['sla'],
          summary: 'Change an SLA policy (admin.settings); tickets follow at their next change, keeping elapsed time',
          params: IdParams,
          body: UpdateSlaPolicyBodySchema,
          response: { 200: SlaPolicySchema },
        },
      },
      async (req) => presentPolicy(await sla.updatePolicy(req.ctx, req.params.id, req.body)),
    );

    app.delete(
      '/api/v1/sla-policies/:id',
      { schema: { tags: ['sla'], summary: 'Delete an SLA policy (admin.settings)', params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await sla.deletePolicy(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
