import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import type { MessageRow, TicketRow } from './tickets.repo.js';

/** What just happened to a ticket, handed to the hooks inside the same transaction. */
export interface TicketChange {
  ctx: Ctx;
  kind: 'created' | 'updated' | 'message';
  before: TicketRow | null;
  after: TicketRow;
  /** Names of the ticket fields that changed. */
  fields: string[];
  message?: MessageRow;
  /** Set by a hook that wrote columns of the ticket row itself (the SLA summary): the writer reads it again. */
  touched?: boolean;
}

/** Changes a hook asks for; applied through the normal pipeline as the automation actor. */
export interface TicketAutoChanges {
  assigneeId?: string | null;
  teamId?: string | null;
}

/**
 * Other modules (routing, SLA) react to ticket writes *inside* the transaction, so a ticket is
 * never visible without its assignment or its SLA clocks. Side effects outside the database go
 * through outbox events instead.
 */
export interface TicketHook {
  name: string;
  afterWrite(tx: Tx, change: TicketChange): Promise<TicketAutoChanges | undefined>;
}

export class TicketHooks {
  private readonly hooks: TicketHook[] = [];

  register(hook: TicketHook): void {
    this.hooks.push(hook);
  }

  list(): readonly TicketHook[] {
    return this.hooks;
  }
}
