import type { KbVisibility, Permission } from '@switchboard/contracts';
import { hasPermission, isUser, type UserActor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import { forbidden, unauthenticated } from '../../platform/errors.js';

/**
 * Authoring is for staff: every route needs one of the kb.* permissions, which only staff roles
 * hold. Customers and anonymous visitors read through the help center, never through here.
 */
export function requireKb(ctx: Ctx, permission: Permission): UserActor {
  const actor = ctx.actor;
  if (!isUser(actor)) throw unauthenticated();
  if (actor.kind !== 'agent' || !hasPermission(actor, permission)) throw forbidden();
  return actor;
}

export function requireKbPermission(actor: UserActor, permission: Permission, message?: string): void {
  if (!hasPermission(actor, permission)) throw forbidden(message);
}

const OPENNESS: Record<KbVisibility, number> = { public: 2, customers: 1, agents: 0 };

/** The least open of the given visibilities (an agents-only category hides its articles). */
export function mostRestrictive(...levels: (KbVisibility | null | undefined)[]): KbVisibility {
  let result: KbVisibility = 'public';
  for (const level of levels) if (level && OPENNESS[level] < OPENNESS[result]) result = level;
  return result;
}
