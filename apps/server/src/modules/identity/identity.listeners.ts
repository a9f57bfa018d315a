import type { Platform } from '../../platform/platform.js';
import { rooms } from '../../platform/realtime.js';

/** Revoked sessions lose their live sockets too, on every node. */
export function registerIdentityListeners(p: Platform): void {
  p.outbox.on('identity.disconnect-revoked-sessions', ['user.sessions_revoked'], (event) => {
    const ids = (event.payload.sessionIds as string[] | undefined) ?? [];
    for (const id of ids) p.realtime?.disconnectRoom(rooms.session(id));
  });
}
