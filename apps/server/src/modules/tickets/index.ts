import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { registerTicketRealtime } from './collision.js';
import { messagesService } from './messages.service.js';
import { defaultDeps, type TicketDeps } from './tickets.deps.js';
import { TicketHooks } from './tickets.hooks.js';
import { registerTicketListeners } from './tickets.listeners.js';
import { ticketsRoutes } from './tickets.routes.js';
import { type TicketsCore, ticketsService } from './tickets.service.js';

export { customFields, messages, tickets, ticketTaxonomies } from './tickets.schema.js';
export type { TicketChange, TicketHook, TicketAutoChanges } from './tickets.hooks.js';
export type { TicketDeps } from './tickets.deps.js';
export type { SlaClockView } from './tickets.presenter.js';
export type { TicketRow, MessageRow } from './tickets.repo.js';
export { writeMessage } from './messages.service.js';
export { applyChanges } from './ticket-writer.js';
export { OPEN_STATUSES, PAUSED_STATUSES, DONE_STATUSES } from './ticket-status.js';
export { ticketRooms } from './tickets.listeners.js';
export { loadVisible, viewerFor, type TicketsCore } from './tickets.service.js';

/** Tickets: the conversation model every channel writes through. */
export async function registerTickets(app: FastifyInstance, p: Platform) {
  const core: TicketsCore = { p, hooks: new TicketHooks(), deps: defaultDeps() };
  const tickets = ticketsService(core);
  const messages = messagesService(core);
  registerTicketListeners(p, core);
  registerTicketRealtime(p, core);
  await app.register(ticketsRoutes(p.db, tickets, messages));
  return {
    core,
    tickets,
    messages,
    /** Modules built on tickets (routing, SLA) provide what tickets needs from them. */
    provide(deps: Partial<TicketDeps>) {
      Object.assign(core.deps, deps);
    },
  };
}

export type TicketsModule = Awaited<ReturnType<typeof registerTickets>>;
