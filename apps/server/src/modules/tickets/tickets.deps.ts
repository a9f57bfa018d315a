import type { DbOrTx } from '../../platform/db/client.js';
import type { SlaClockView } from './tickets.presenter.js';

/**
 * What the tickets module needs from modules built on top of it (routing owns teams, SLA owns
 * clocks). They provide these at registration, so tickets never imports them.
 */
export interface TicketDeps {
  teamIdsOf(db: DbOrTx, workspaceId: string, userId: string): Promise<string[]>;
  teamExists(db: DbOrTx, workspaceId: string, teamId: string): Promise<boolean>;
  slaClocksOf(db: DbOrTx, ticketIds: string[]): Promise<Map<string, SlaClockView[]>>;
}

export function defaultDeps(): TicketDeps {
  return {
    teamIdsOf: async () => [],
    teamExists: async () => false,
    slaClocksOf: async () => new Map(),
  };
}
