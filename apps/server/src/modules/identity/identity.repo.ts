import type { Permission } from '@switchboard/contracts';
import { and, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { apiTokens, roles, sessions, users } from './identity.schema.js';

export type UserRow = typeof users.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserById(db: DbOrTx, workspaceId: string, id: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)));
  return row ?? null;
}

export async function findUserByEmail(db: DbOrTx, workspaceId: string, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.email, email)));
  return row ?? null;
}

/** Users with a password and this email, across workspaces (login without a workspace slug). */
export async function findLoginCandidates(db: DbOrTx, email: string): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.email, email), isNotNull(users.passwordHash)))
    .limit(5);
}

export async function findRole(db: DbOrTx, workspaceId: string, key: string): Promise<RoleRow | null> {
  const [row] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.workspaceId, workspaceId), eq(roles.key, key)));
  return row ?? null;
}

export async function findSessionWithUser(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ session: sessions, user: users, role: roles })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(roles, and(eq(roles.workspaceId, users.workspaceId), eq(roles.key, users.role)))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)));
  return row ?? null;
}

export async function findTokenWithUser(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, user: users, role: roles })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(roles, and(eq(roles.workspaceId, users.workspaceId), eq(roles.key, users.role)))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

export function rolePermissions(role: RoleRow | null): Permission[] {
  return (role?.permissions ?? []) as Permission[];
}

export async function revokeSessions(db: DbOrTx, userId: string, exceptSessionId?: string): Promise<string[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined),
    )
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}
