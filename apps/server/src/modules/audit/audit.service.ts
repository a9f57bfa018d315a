import { and, desc, eq, lt } from 'drizzle-orm';
import { type Actor, hasPermission, isUser } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { forbidden, unauthenticated } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { auditLog } from './audit.schema.js';

export interface AuditEntryInput {
  workspaceId: string;
  action: string;
  subject?: { type: string; id: string };
  /** Who did it, when it is not ctx.actor (e.g. a failed login names the targeted user). */
  actorId?: string | null;
  data?: Record<string, unknown>;
}

function actorId(actor: Actor): string | null {
  return isUser(actor) ? actor.userId : null;
}

/** Appends an audit entry inside the caller's transaction. */
export async function recordAudit(tx: DbOrTx, ctx: Ctx, entry: AuditEntryInput): Promise<void> {
  await tx.insert(auditLog).values({
    id: uuidv7(),
    workspaceId: entry.workspaceId,
    action: entry.action,
    actorType: ctx.actor.kind,
    actorId: entry.actorId !== undefined ? entry.actorId : actorId(ctx.actor),
    subjectType: entry.subject?.type ?? null,
    subjectId: entry.subject?.id ?? null,
    ip: ctx.ip ?? null,
    data: entry.data ?? {},
  });
}

export function auditService(p: Platform) {
  return {
    async list(ctx: Ctx, query: { action?: string | undefined; actorId?: string | undefined; limit: number; cursor?: string | undefined }) {
      if (!isUser(ctx.actor)) throw unauthenticated();
      if (!hasPermission(ctx.actor, 'audit.read')) throw forbidden();
      const rows = await p.db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.workspaceId, ctx.actor.workspaceId),
            query.action ? eq(auditLog.action, query.action) : undefined,
            query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
            query.cursor ? lt(auditLog.id, query.cursor) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((r) => ({
          id: r.id,
          action: r.action,
          actorType: r.actorType,
          actorId: r.actorId,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          ip: r.ip,
          data: r.data,
          createdAt: r.createdAt.toISOString(),
        })),
        nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  };
}
