import type { Platform } from '../../platform/platform.js';
import { rooms } from '../../platform/realtime.js';

/** Staff see who is available as it changes (after commit, from the outbox). */
export function registerRoutingListeners(p: Platform): void {
  p.outbox.on('routing.realtime', ['agent.availability_changed'], async (event) => {
    if (!p.realtime || !event.workspaceId) return;
    const { userId, to } = event.payload as { userId: string; to: string };
    p.realtime.emit(rooms.staff(event.workspaceId), 'agent.availability_changed', {
      userId,
      availability: to,
      at: event.createdAt.toISOString(),
    });
  });
}
