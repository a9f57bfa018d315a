import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { revokeSessions } from './identity.repo.js';

/**
 * Ends a user's sessions (all, or all but one) inside the caller's transaction and records
 * `user.sessions_revoked`, whose listener closes their live sockets after commit.
 */
export async function endSessions(
  tx: DbOrTx,
  actor: Actor,
  target: { workspaceId: string; userId: string; exceptSessionId?: string | undefined },
): Promise<string[]> {
  const ids = await revokeSessions(tx, target.userId, target.exceptSessionId);
  await recordEvent(tx, actor, {
    workspaceId: target.workspaceId,
    type: 'user.sessions_revoked',
    subject: { type: 'user', id: target.userId },
    payload: { sessionIds: ids },
  });
  return ids;
}
