import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { registerAttachments } from './attachments.routes.js';
import { AUTO_CLOSE_JOB, registerAutoCloseJob } from './auto-close.jobs.js';
import { registerTicketRealtime } from './collision.js';
import { fieldsRoutes } from './fields.routes.js';
import { fieldsService } from './fields.service.js';
import { macrosRoutes } from './macros.routes.js';
import { macrosService } from './macros.service.js';
import { mergeService } from './merge.service.js';
import { messagesService } from './messages.service.js';
import { registerScheduledJobs } from './scheduled.jobs.js';
import { scheduledService } from './scheduled.service.js';
import { splitService } from './split.service.js';
import { StaffFeed } from './staff-feed.js';
import { taxonomyRoutes } from './taxonomy.routes.js';
import { taxonomyService } from './taxonomy.service.js';
import { ticketActionsRoutes } from './ticket-actions.routes.js';
import { ticketListRoutes } from './ticket-list.routes.js';
import { defaultDeps, type TicketDeps } from './tickets.deps.js';
import { TicketHooks } from './tickets.hooks.js';
import { registerTicketListeners } from './tickets.listeners.js';
import { ticketsRoutes } from './tickets.routes.js';
import { type TicketsCore, ticketsService } from './tickets.service.js';

export { contentDisposition, etagMatches, isPreviewable, parseTypePatterns } from './attachment-content.js';
export { type AttachmentsService, attachmentsService, type IncomingFile } from './attachments.service.js';
export { closeSolvedTickets } from './auto-close.jobs.js';
export { writeMessage } from './messages.service.js';
export { DONE_STATUSES, OPEN_STATUSES, PAUSED_STATUSES } from './ticket-status.js';
export { applyChanges } from './ticket-writer.js';
export type { TicketDeps } from './tickets.deps.js';
export type { TicketAutoChanges, TicketChange, TicketHook } from './tickets.hooks.js';
export { pushMessageCreated, ticketRooms } from './tickets.listeners.js';
export { accessCondition } from './tickets.policy.js';
export type { SlaClockView } from './tickets.presenter.js';
export type { AttachmentRow, MessageRow, TicketRow } from './tickets.repo.js';
export { findAttachmentsOfMessages, type UserSummary } from './tickets.repo.js';
export { attachments, customFields, messageColumns, messages, ticketColumns, tickets, ticketTaxonomies } from './tickets.schema.js';
export { loadVisible, type TicketsCore, viewerFor } from './tickets.service.js';

/** Tickets: the conversation model every channel writes through. */
export async function registerTickets(app: FastifyInstance, p: Platform) {
  const core: TicketsCore = { p, hooks: new TicketHooks(), deps: defaultDeps(), feed: new StaffFeed(() => p.realtime) };
  const tickets = ticketsService(core);
  const messages = messagesService(core);
  registerTicketListeners(p, core);
  registerTicketRealtime(p, core);
  const scheduled = scheduledService(core);
  const merge = mergeService(core, tickets);
  const split = splitService(core, tickets);
  const macros = macrosService(core, tickets);
  registerScheduledJobs(p, scheduled);
  await app.register(ticketsRoutes(p.db, tickets, messages, scheduled));
  await app.register(ticketActionsRoutes(merge, split, scheduled));
  await app.register(macrosRoutes(macros));
  await app.register(ticketListRoutes(core));
  await registerAttachments(app, core);
  await app.register(fieldsRoutes(fieldsService(p)));
  await app.register(taxonomyRoutes(taxonomyService(p)));
  registerAutoCloseJob(core);
  return {
    core,
    tickets,
    messages,
    macros,
    merge,
    split,
    scheduled,
    /** Hourly job closing solved tickets; app.ts schedules it. */
    autoCloseJob: AUTO_CLOSE_JOB,
    /** Modules built on tickets (routing, SLA) provide what tickets needs from them. */
    provide(deps: Partial<TicketDeps>) {
      Object.assign(core.deps, deps);
    },
  };
}

export type TicketsModule = Awaited<ReturnType<typeof registerTickets>>;
