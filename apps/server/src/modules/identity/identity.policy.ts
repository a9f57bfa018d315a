import type { Permission } from '@switchboard/contracts';
import { type Actor, hasPermission, isUser, type UserActor } from '../../platform/auth/actor.js';
import { forbidden, unauthenticated } from '../../platform/errors.js';

/** Pure authorization rules of the identity module. */
export const identityPolicy = {
  canManageUser(actor: Actor, target: { workspaceId: string; role: string }): boolean {
    return isUser(actor) && actor.workspaceId === target.workspaceId && hasPermission(actor, 'user.manage');
  },
  /** Granting admin needs every admin permission yourself: no escalation through custom roles. */
  canGrantRole(actor: Actor, rolePermissions: readonly string[]): boolean {
    return isUser(actor) && rolePermissions.every((p) => actor.permissions.has(p as Permission));
  },
  canCreateTokenWith(actor: Actor, scopes: readonly Permission[]): boolean {
    return isUser(actor) && scopes.every((s) => actor.permissions.has(s));
  },
};

export function requireUser(actor: Actor): UserActor {
  if (!isUser(actor)) throw unauthenticated();
  return actor;
}

export function requirePermission(actor: Actor, permission: Permission): UserActor {
  const user = requireUser(actor);
  if (!hasPermission(user, permission)) throw forbidden();
  return user;
}
