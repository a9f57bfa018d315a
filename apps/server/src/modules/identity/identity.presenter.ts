import type { Me, User } from '@switchboard/contracts';
import type { roles, users } from './identity.schema.js';

type UserRow = typeof users.$inferSelect;
type RoleRow = typeof roles.$inferSelect;

export function presentMe(user: UserRow, permissions: readonly string[]): Me {
  return {
    id: user.id,
    workspaceId: user.workspaceId,
    email: user.email ?? '',
    name: user.name,
    role: user.role,
    permissions: [...permissions].sort(),
    locale: user.locale === 'zh-CN' ? 'zh-CN' : 'en',
    timezone: user.timezone,
    twoFactorEnabled: user.totpEnabledAt !== null,
  };
}

/** Staff-facing view of any user. Never includes hashes, secrets or lockout internals. */
export function presentUser(user: UserRow): User {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale === 'zh-CN' ? 'zh-CN' : 'en',
    timezone: user.timezone,
    disabled: user.disabledAt !== null,
    twoFactorEnabled: user.totpEnabledAt !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentRole(role: RoleRow, userCount: number) {
  return {
    id: role.id,
    key: role.key,
    name: role.name,
    system: role.system,
    permissions: [...role.permissions].sort(),
    userCount,
  };
}
