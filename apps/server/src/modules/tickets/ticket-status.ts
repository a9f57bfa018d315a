import type { TicketStatus } from '@switchboard/contracts';

export type StatusActor = 'agent' | 'customer' | 'system';

/**
 * The one status table. `new` is only ever the first status; `closed` is final (a follow-up
 * becomes a new ticket). Customers may only mark their ticket solved; everything else is staff
 * or automation.
 */
const STAFF_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'pending', 'on_hold', 'closed'],
  closed: [],
};

const CUSTOMER_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['solved'],
  open: ['solved'],
  pending: ['solved', 'open'],
  on_hold: ['solved'],
  solved: ['open'],
  closed: [],
};

/** Merges and auto-close may also close tickets that are not solved yet. */
const SYSTEM_EXTRA: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['closed'],
  open: ['closed'],
  pending: ['closed'],
  on_hold: ['closed'],
  solved: [],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus, by: StatusActor): boolean {
  if (from === to) return true;
  if (by === 'customer') return CUSTOMER_TRANSITIONS[from].includes(to);
  if (by === 'system') return STAFF_TRANSITIONS[from].includes(to) || SYSTEM_EXTRA[from].includes(to);
  return STAFF_TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: TicketStatus, by: StatusActor): TicketStatus[] {
  const all = by === 'customer' ? CUSTOMER_TRANSITIONS[from] : STAFF_TRANSITIONS[from];
  return [...all, ...(by === 'system' ? SYSTEM_EXTRA[from] : [])];
}

/** A customer writing again wants an answer: waiting and solved tickets come back to the queue. */
export function statusAfterCustomerReply(status: TicketStatus): TicketStatus {
  return status === 'pending' || status === 'solved' || status === 'on_hold' ? 'open' : status;
}

/** A public agent reply without an explicit status takes a new ticket into work. */
export function statusAfterAgentReply(status: TicketStatus): TicketStatus {
  return status === 'new' ? 'open' : status;
}

/** Statuses whose SLA clocks do not run (waiting on the customer or a third party). */
export const PAUSED_STATUSES: readonly TicketStatus[] = ['pending', 'on_hold'];
export const DONE_STATUSES: readonly TicketStatus[] = ['solved', 'closed'];
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
