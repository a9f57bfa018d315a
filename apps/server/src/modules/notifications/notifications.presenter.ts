import type { Notification, NotificationKind } from '@switchboard/contracts';
import type { NotificationWithActor } from './notifications.repo.js';

/** The snapshot fields (ticket number, subject) are lifted out of `data`. */
export function presentNotification(row: NotificationWithActor): Notification {
  const { number, subject, ...data } = row.data;
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    ticketId: row.ticketId,
    ticketNumber: typeof number === 'number' ? number : null,
    ticketSubject: typeof subject === 'string' ? subject : null,
    actor: row.actorId && row.actorName !== null ? { id: row.actorId, name: row.actorName } : null,
    data,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
