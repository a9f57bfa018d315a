import type { Permission } from '@switchboard/contracts';

/** Who is acting. Every service function receives one in `ctx.actor`. */
export type Actor =
  | { kind: 'anonymous'; workspaceId?: string | undefined }
  | UserActor
  | { kind: 'system'; workspaceId?: string | undefined }
  | { kind: 'bot'; workspaceId: string };

export interface UserActor {
  kind: 'agent' | 'customer';
  userId: string;
  workspaceId: string;
  role: string;
  permissions: ReadonlySet<Permission>;
  sessionId?: string | undefined;
  tokenId?: string | undefined;
}

export const SYSTEM: Actor = { kind: 'system' };
export const ANONYMOUS: Actor = { kind: 'anonymous' };

export const isUser = (actor: Actor): actor is UserActor => actor.kind === 'agent' || actor.kind === 'customer';

export function hasPermission(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  return isUser(actor) && actor.permissions.has(permission);
}
