import { type Realtime, rooms } from '../../platform/realtime.js';

/** What the workspace staff room hears about a ticket that got a new message. */
export interface TicketActivity {
  id: string;
  number: number;
  version: number;
  status: string;
  lastSeq: number;
  type: 'message.created';
  kind: string;
}

/** How long new-message activity gathers before the staff room hears it. */
export const FEED_WINDOW_MS = 250;

/**
 * New messages reach every agent's inbox (lists, counts, the catch-up of an open ticket) as one
 * `tickets.activity` event per workspace every FEED_WINDOW_MS, `{ changes }` with the latest
 * summary per ticket, instead of one `ticket.changed` per message: a busy workspace's messages
 * times its online agents was most of the server's socket writes. Field changes (status,
 * assignee, links) still go out one by one as `ticket.changed`. The ticket's own room gets each
 * message at once (`message.created`); a summary lost to a shutdown is caught up on reconnect.
 */
export class StaffFeed {
  private readonly pending = new Map<string, Map<string, TicketActivity>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly realtime: () => Realtime | null | undefined,
    private readonly windowMs = FEED_WINDOW_MS,
  ) {}

  add(workspaceId: string, change: TicketActivity): void {
    let changes = this.pending.get(workspaceId);
    if (!changes) {
      changes = new Map();
      this.pending.set(workspaceId, changes);
    }
    const seen = changes.get(change.id);
    if (!seen || seen.lastSeq <= change.lastSeq) changes.set(change.id, change);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.windowMs);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rt = this.realtime();
    for (const [workspaceId, changes] of this.pending) {
      rt?.emit(rooms.staff(workspaceId), 'tickets.activity', { changes: [...changes.values()] });
    }
    this.pending.clear();
  }
}
