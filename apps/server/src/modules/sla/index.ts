import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import type { TicketsModule } from '../tickets/index.js';
import { slaClocksOf, slaHook } from './sla.hook.js';
import { registerSlaJobs, SLA_SWEEP_CRON, SLA_SWEEP_JOB } from './sla.jobs.js';
import { slaRoutes } from './sla.routes.js';
import { slaService } from './sla.service.js';

export { type BusinessCalendar, isOpen, nextOpening } from './business-hours.js';
export { SLA_SWEEP_CRON, SLA_SWEEP_JOB, type SweepResult, sweepSla } from './sla.jobs.js';
export { businessCalendars, slaPolicies, ticketSlaClocks } from './sla.schema.js';

/** SLAs: business calendars, policies, per-ticket clocks kept inside ticket writes, and the warning/breach sweep. */
export async function registerSla(app: FastifyInstance, p: Platform, tickets: TicketsModule) {
  const sla = slaService(p);
  tickets.core.hooks.register(slaHook(p));
  tickets.provide({ slaClocksOf });
  registerSlaJobs(p);
  await app.register(slaRoutes(sla));
  return { sla, sweepJob: SLA_SWEEP_JOB, sweepCron: SLA_SWEEP_CRON };
}
