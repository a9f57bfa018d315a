import { type Permission, SYSTEM_ROLES } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor, UserActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { requireRoutingManage, requireRoutingRead, requireStaff } from './routing.policy.js';

const user = (kind: UserActor['kind'], permissions: readonly Permission[]): UserActor => ({
  kind,
  userId: '01900000-0000-7000-8000-000000000001',
  workspaceId: '01900000-0000-7000-8000-000000000002',
  role: kind === 'agent' ? 'agent' : 'customer',
  permissions: new Set(permissions),
});

function refusal(fn: () => unknown): { status: number; code: string } | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { status: err.status, code: err.code };
  }
}

describe('routing policy', () => {
  it('asks anonymous callers to sign in', () => {
    const anonymous: Actor = { kind: 'anonymous' };
    expect(refusal(() => requireRoutingRead(anonymous))).toEqual({ status: 401, code: 'auth.unauthenticated' });
    expect(refusal(() => requireStaff(anonymous))).toEqual({ status: 401, code: 'auth.unauthenticated' });
  });

  it('refuses customers even when a custom role handed them staff permissions', () => {
    const customer = user('customer', ['portal.use', 'ticket.read', 'team.manage']);
    expect(refusal(() => requireRoutingRead(customer))).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(refusal(() => requireRoutingManage(customer))).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(refusal(() => requireStaff(customer))).toEqual({ status: 403, code: 'auth.forbidden' });
  });

  it('lets agents read but not manage; admins do both', () => {
    const agent = user('agent', SYSTEM_ROLES.agent);
    expect(requireRoutingRead(agent)).toBe(agent);
    expect(refusal(() => requireRoutingManage(agent))).toEqual({ status: 403, code: 'auth.forbidden' });
    const admin = user('agent', SYSTEM_ROLES.admin);
    expect(requireRoutingManage(admin)).toBe(admin);
  });

  it('lets any staff member act for themselves, even without ticket permissions', () => {
    const bare = user('agent', []);
    expect(requireStaff(bare)).toBe(bare);
    expect(refusal(() => requireRoutingRead(bare))).toEqual({ status: 403, code: 'auth.forbidden' });
  });
});
