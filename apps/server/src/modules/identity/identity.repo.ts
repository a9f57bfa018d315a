import type { Permission } from '@switchboard/contracts';
import { and, eq, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { RowShape, rawRows } from '../../platform/db/raw.js';
import { apiTokens, roles, sessions, users } from './identity.schema.js';

export type UserRow = typeof users.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

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

// Every authenticated request runs one of these two: SQL text written once (see platform/db/raw.ts).
const SESSION_ROW = new RowShape<SessionRow>(getTableColumns(sessions), 's');
const TOKEN_ROW = new RowShape<ApiTokenRow>(getTableColumns(apiTokens), 'a');
const USER_ROW = new RowShape<UserRow>(getTableColumns(users), 'u');
const ROLE_ROW = new RowShape<RoleRow>(getTableColumns(roles), 'r');
const ROLE_JOIN = 'left join "roles" r on r."workspace_id" = u."workspace_id" and r."key" = u."role"';
const SESSION_WITH_USER = `select ${SESSION_ROW.list}, ${USER_ROW.list}, ${ROLE_ROW.list}
  from "sessions" s join "users" u on u."id" = s."user_id" ${ROLE_JOIN}
  where s."token_hash" = $1 and s."revoked_at" is null and s."expires_at" > now()`;
const TOKEN_WITH_USER = `select ${TOKEN_ROW.list}, ${USER_ROW.list}, ${ROLE_ROW.list}
  from "api_tokens" a join "users" u on u."id" = a."user_id" ${ROLE_JOIN}
  where a."token_hash" = $1`;

const roleOf = (row: Record<string, unknown>): RoleRow | null => (row['r.id'] === null ? null : ROLE_ROW.map(row));

export async function findSessionWithUser(db: DbOrTx, tokenHash: string) {
  const [row] = await rawRows(db, SESSION_WITH_USER, [tokenHash]);
  return row ? { session: SESSION_ROW.map(row), user: USER_ROW.map(row), role: roleOf(row) } : null;
}

export async function findTokenWithUser(db: DbOrTx, tokenHash: string) {
  const [row] = await rawRows(db, TOKEN_WITH_USER, [tokenHash]);
  return row ? { token: TOKEN_ROW.map(row), user: USER_ROW.map(row), role: roleOf(row) } : null;
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
