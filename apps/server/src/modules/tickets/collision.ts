import type { Ctx } from '../../platform/context.js';
import type { Platform } from '../../platform/platform.js';
import { ticketRooms } from './tickets.listeners.js';
import { findUsersByIds } from './tickets.repo.js';
import { loadVisible, type TicketsCore, viewerFor } from './tickets.service.js';

/**
 * Collision detection: who has a ticket open (subscribed to `ticket:<id>`) and who is typing,
 * pushed to everyone on the ticket. Works across nodes through the Socket.IO adapter.
 */
export function registerTicketRealtime(p: Platform, core: TicketsCore): void {
  const rt = p.realtime;
  if (!rt) return;
  const ctxOf = (actor: Ctx['actor']): Ctx => ({ actor, log: p.log as unknown as Ctx['log'] });
  const visible = async (actor: Ctx['actor'], id: string) => {
    try {
      const viewer = await viewerFor(core, ctxOf(actor));
      await loadVisible(core, p.db, viewer, id);
      return viewer;
    } catch {
      return null;
    }
  };
  rt.addRoomAuthorizer('ticket', async (actor, id) => actor.kind === 'agent' && (await visible(actor, id)) !== null);
  rt.addRoomAuthorizer('conversation', async (actor, id) => (await visible(actor, id)) !== null);

  rt.onRoomChange('ticket', async (room) => {
    const ticketId = room.slice('ticket:'.length);
    const members = await rt.membersOf(room);
    const workspaceId = members[0]?.workspaceId;
    const names = workspaceId
      ? await findUsersByIds(
          p.db,
          workspaceId,
          members.map((m) => m.userId),
        )
      : new Map();
    rt.emit(room, 'ticket.viewers', {
      ticketId,
      viewers: members.map((m) => ({ userId: m.userId, name: names.get(m.userId)?.name ?? '' })),
    });
  });

  rt.handle('ticket.typing', (actor, socket, payload) => {
    const { ticketId, typing } = (payload ?? {}) as { ticketId?: unknown; typing?: unknown };
    if (typeof ticketId !== 'string') return;
    const room = ticketRooms.staff(ticketId);
    // Only sockets that were allowed into the ticket's room may signal typing on it.
    if (!socket.rooms.has(room)) return;
    socket.to(room).emit('ticket.typing', { ticketId, userId: actor.userId, typing: typing === true });
  });
}
