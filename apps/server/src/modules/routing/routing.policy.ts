import type { Permission } from '@switchboard/contracts';
import type { Actor, UserActor } from '../../platform/auth/actor.js';
import { forbidden } from '../../platform/errors.js';
import { requirePermission, requireUser } from '../identity/index.js';

/** Staff only: a customer is refused whatever permissions a custom role gave them. */
export function requireStaff(actor: Actor, permission?: Permission): UserActor {
  const user = permission ? requirePermission(actor, permission) : requireUser(actor);
  if (user.kind !== 'agent') throw forbidden();
  return user;
}

/** Seeing teams, agents and rules is part of working tickets. */
export const requireRoutingRead = (actor: Actor) => requireStaff(actor, 'ticket.read');
/** Changing them shapes everyone's workload. */
export const requireRoutingManage = (actor: Actor) => requireStaff(actor, 'team.manage');
