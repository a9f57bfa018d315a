import type { Permission } from '@switchboard/contracts';
import { and, eq, exists, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, hasPermission, isUser, type UserActor } from '../../platform/auth/actor.js';
import { forbidden, notFound, unauthenticated } from '../../platform/errors.js';
import { ticketFollowers, tickets } from './tickets.schema.js';

/** Who is asking, as far as ticket access goes. `teamIds` = the staff member's teams. */
export interface TicketViewer {
  actor: UserActor;
  staff: boolean;
  /** Staff without ticket.read_all see unassigned-team tickets, their teams' and their own. */
  restricted: boolean;
  teamIds: string[];
}

export function viewerOf(actor: Actor, teamIds: string[] = []): TicketViewer {
  if (!isUser(actor)) throw unauthenticated();
  const staff = actor.kind === 'agent';
  if (staff && !hasPermission(actor, 'ticket.read')) throw forbidden();
  if (!staff && !hasPermission(actor, 'portal.use')) throw forbidden();
  return { actor, staff, restricted: staff && !hasPermission(actor, 'ticket.read_all'), teamIds };
}

/** Pure check on a loaded ticket; callers answer 404 (not 403) so ids of hidden tickets leak nothing. */
export function canSee(
  viewer: TicketViewer,
  ticket: { requesterId: string; assigneeId: string | null; teamId: string | null },
  following = false,
) {
  if (!viewer.staff) return ticket.requesterId === viewer.actor.userId || following;
  if (!viewer.restricted) return true;
  return ticket.teamId === null || ticket.assigneeId === viewer.actor.userId || viewer.teamIds.includes(ticket.teamId);
}

/** The same rule as SQL, for lists, counts and search. */
export function accessCondition(viewer: TicketViewer): SQL | undefined {
  if (!viewer.staff) {
    return or(
      eq(tickets.requesterId, viewer.actor.userId),
      exists(
        sql`(select 1 from ${ticketFollowers} where ${ticketFollowers.ticketId} = ${tickets.id} and ${ticketFollowers.userId} = ${viewer.actor.userId})`,
      ),
    );
  }
  if (!viewer.restricted) return undefined;
  return or(
    isNull(tickets.teamId),
    eq(tickets.assigneeId, viewer.actor.userId),
    viewer.teamIds.length ? inArray(tickets.teamId, viewer.teamIds) : undefined,
  );
}

export function requireTicketPermission(viewer: TicketViewer, permission: Permission): void {
  if (!viewer.staff || !hasPermission(viewer.actor, permission)) throw forbidden();
}

export const ticketNotFound = () => notFound('ticket.not_found', 'Ticket');

export function workspaceScope(viewer: TicketViewer): SQL {
  return and(eq(tickets.workspaceId, viewer.actor.workspaceId), accessCondition(viewer)) as SQL;
}
