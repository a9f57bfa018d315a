import { and, eq, lt, sql } from 'drizzle-orm';
import { type Actor, isUser } from '../../platform/auth/actor.js';
import { sha256 } from '../../platform/crypto.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { idempotencyKeys } from './tickets.schema.js';

/** A claim that stays "in progress" longer than this was abandoned by a crashed request. */
const ABANDONED_MS = 60_000;
const IN_PROGRESS = 0;

export interface IdempotencyClaim {
  workspaceId: string;
  actorKey: string;
  key: string;
  requestHash: string;
}

export type IdempotencyOutcome = { replay: { statusCode: number; response: unknown } } | { claim: IdempotencyClaim };

export function actorKeyOf(actor: Actor): string {
  return isUser(actor) ? `${actor.userId}:${actor.tokenId ?? 'session'}` : actor.kind;
}

/**
 * Claims an Idempotency-Key before the work starts. The same key with the same body replays the
 * stored response; with another body it is refused; while the first request runs, a retry
 * gets 409 instead of a duplicate. The response is stored in the work's own transaction
 * (`complete`), so a crash cannot leave a ticket without its key or a key without its ticket.
 */
export async function claimIdempotencyKey(
  db: Db,
  workspaceId: string,
  actor: Actor,
  key: string,
  body: unknown,
): Promise<IdempotencyOutcome> {
  const claim: IdempotencyClaim = { workspaceId, actorKey: actorKeyOf(actor), key, requestHash: sha256(JSON.stringify(body ?? null)) };
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ ...claim, statusCode: IN_PROGRESS, response: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return { claim };
  const [row] = await db.select().from(idempotencyKeys).where(whereClaim(claim));
  if (!row) return claimIdempotencyKey(db, workspaceId, actor, key, body);
  if (row.requestHash !== claim.requestHash) {
    throw new AppError('idempotency.key_reused', 422, 'This Idempotency-Key was used with a different request body');
  }
  if (row.statusCode !== IN_PROGRESS) return { replay: { statusCode: row.statusCode, response: row.response } };
  if (Date.now() - row.createdAt.getTime() > ABANDONED_MS) {
    const taken = await db
      .update(idempotencyKeys)
      .set({ createdAt: sql`now()` })
      .where(
        and(
          whereClaim(claim),
          eq(idempotencyKeys.statusCode, IN_PROGRESS),
          lt(idempotencyKeys.createdAt, row.createdAt.toISOString() as never),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (taken.length) return { claim };
  }
  throw new AppError('idempotency.in_progress', 409, 'A request with this Idempotency-Key is still being processed');
}

export async function completeIdempotencyKey(tx: DbOrTx, claim: IdempotencyClaim, statusCode: number, response: unknown): Promise<void> {
  await tx.update(idempotencyKeys).set({ statusCode, response }).where(whereClaim(claim));
}

/** The work failed: let a retry run it again. */
export async function releaseIdempotencyKey(db: Db, claim: IdempotencyClaim): Promise<void> {
  await db.delete(idempotencyKeys).where(and(whereClaim(claim), eq(idempotencyKeys.statusCode, IN_PROGRESS)));
}

export async function purgeIdempotencyKeys(db: Db, olderThan: Date): Promise<number> {
  const rows = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, olderThan)).returning({ key: idempotencyKeys.key });
  return rows.length;
}

function whereClaim(c: IdempotencyClaim) {
  return and(eq(idempotencyKeys.workspaceId, c.workspaceId), eq(idempotencyKeys.actorKey, c.actorKey), eq(idempotencyKeys.key, c.key));
}
