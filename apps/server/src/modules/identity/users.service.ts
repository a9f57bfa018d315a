import { isPermission, type Permission } from '@switchboard/contracts';
import { and, asc, count, desc, eq, gt, ilike, isNull, ne, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { sha256 } from '../../platform/crypto.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { MAIL_JOB } from './identity.jobs.js';
import { identityPolicy, requirePermission } from './identity.policy.js';
import { findRole, findUserByEmail, findUserById } from './identity.repo.js';
import { apiTokens, invitations, roles, users } from './identity.schema.js';
import { endSessions } from './sessions.js';

const INVITATION_DAYS = 7;

export function usersService(p: Platform) {
  async function getRoleOrFail(workspaceId: string, key: string) {
    const role = await findRole(p.db, workspaceId, key);
    if (!role) throw invalid('role', `Unknown role "${key}"`, 'role_not_found');
    return role;
  }

  return {
    async list(ctx: Ctx, q: { role?: string | undefined; q?: string | undefined; limit: number; cursor?: string | undefined }) {
      const actor = requirePermission(ctx.actor, 'user.read');
      const like = q.q ? `%${q.q.replace(/[%_\\]/g, '\\$&')}%` : null;
      const rows = await p.db
        .select()
        .from(users)
        .where(
          and(
            eq(users.workspaceId, actor.workspaceId),
            q.role ? eq(users.role, q.role) : undefined,
            like ? or(ilike(users.name, like), ilike(users.email, like)) : undefined,
            q.cursor ? gt(users.id, q.cursor) : undefined,
          ),
        )
        .orderBy(asc(users.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      return { rows: page, nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
    },

    async get(ctx: Ctx, id: string) {
      const actor = requirePermission(ctx.actor, 'user.read');
      const user = await findUserById(p.db, actor.workspaceId, id);
      if (!user) throw notFound('user.not_found', 'User');
      return user;
    },

    async update(
      ctx: Ctx,
      id: string,
      input: {
        name?: string | undefined;
        role?: string | undefined;
        locale?: 'en' | 'zh-CN' | undefined;
        timezone?: string | undefined;
        disabled?: boolean | undefined;
      },
    ) {
      const actor = requirePermission(ctx.actor, 'user.manage');
      const user = await findUserById(p.db, actor.workspaceId, id);
      if (!user) throw notFound('user.not_found', 'User');
      if (!identityPolicy.canManageUser(actor, user)) throw forbidden();
      const currentRole = await findRole(p.db, actor.workspaceId, user.role);
      if (!identityPolicy.canGrantRole(actor, currentRole?.permissions ?? [])) {
        throw forbidden('You cannot change a user who has permissions you do not have');
      }
      if (input.role !== undefined && input.role !== user.role) {
        const role = await getRoleOrFail(actor.workspaceId, input.role);
        if (!identityPolicy.canGrantRole(actor, role.permissions)) throw forbidden('You cannot grant permissions you do not have');
      }
      if (id === actor.userId && (input.disabled || (input.role !== undefined && input.role !== user.role))) {
        throw forbidden('You cannot disable yourself or change your own role');
      }
      return p.transaction(async (tx) => {
        const demotesAdmin = user.role === 'admin' && ((input.role !== undefined && input.role !== 'admin') || input.disabled);
        if (demotesAdmin) {
          // Serialize concurrent demotions so the workspace is never left without an admin.
          await tx.execute(
            sql`select id from ${users} where ${users.workspaceId} = ${actor.workspaceId} and ${users.role} = 'admin' for update`,
          );
          const [row] = await tx
            .select({ n: count() })
            .from(users)
            .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, id)));
          if (Number(row?.n ?? 0) === 0) throw new AppError('user.last_admin', 409, 'The workspace needs at least one active admin');
        }
        const changes: Record<string, unknown> = {};
        for (const k of ['name', 'role', 'locale', 'timezone'] as const) if (input[k] !== undefined) changes[k] = input[k];
        if (input.disabled !== undefined) changes.disabledAt = input.disabled ? sql`now()` : null;
        const [updated] = await tx
          .update(users)
          .set({ ...changes, updatedAt: sql`now()` })
          .where(eq(users.id, id))
          .returning();
        if (input.disabled || (input.role !== undefined && input.role !== user.role)) {
          await endSessions(tx, ctx.actor, { workspaceId: actor.workspaceId, userId: id });
          if (input.disabled)
            await tx
              .update(apiTokens)
              .set({ revokedAt: sql`now()` })
              .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)));
        }
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'user.updated',
          subject: { type: 'user', id },
          data: { fields: Object.keys(changes), ...(input.role ? { from: user.role, to: input.role } : {}) },
        });
        await recordEvent(tx, ctx.actor, {
          workspaceId: actor.workspaceId,
          type: 'user.updated',
          subject: { type: 'user', id },
          payload: { fields: Object.keys(changes) },
        });
        return updated as typeof users.$inferSelect;
      });
    },

    // ---- roles ----
    async listRoles(ctx: Ctx) {
      const actor = requirePermission(ctx.actor, 'user.read');
      const rows = await p.db
        .select()
        .from(roles)
        .where(eq(roles.workspaceId, actor.workspaceId))
        .orderBy(desc(roles.system), asc(roles.key));
      const counts = await p.db
        .select({ role: users.role, n: count() })
        .from(users)
        .where(eq(users.workspaceId, actor.workspaceId))
        .groupBy(users.role);
      const byRole = new Map(counts.map((c) => [c.role, Number(c.n)]));
      return rows.map((r) => ({ role: r, userCount: byRole.get(r.key) ?? 0 }));
    },

    async createRole(ctx: Ctx, input: { key: string; name: string; permissions: Permission[] }) {
      const actor = requirePermission(ctx.actor, 'role.manage');
      if (!identityPolicy.canGrantRole(actor, input.permissions)) throw forbidden('A role cannot have permissions you do not have');
      if (input.permissions.includes('portal.use')) {
        throw invalid('permissions', 'Custom roles are for staff; customers use the customer role', 'role_permission_unknown');
      }
      return p.transaction(async (tx) => {
        if (await findRole(tx, actor.workspaceId, input.key)) throw new AppError('role.key_taken', 409, `A role "${input.key}" exists`);
        const id = uuidv7();
        const [row] = await tx
          .insert(roles)
          .values({
            id,
            workspaceId: actor.workspaceId,
            key: input.key,
            name: input.name,
            system: false,
            audience: 'staff',
            permissions: [...new Set(input.permissions)],
          })
          .returning();
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'role.created',
          subject: { type: 'role', id },
          data: { key: input.key, permissions: input.permissions },
        });
        await recordEvent(tx, ctx.actor, { workspaceId: actor.workspaceId, type: 'role.changed', subject: { type: 'role', id } });
        return row as typeof roles.$inferSelect;
      });
    },

    async updateRole(ctx: Ctx, id: string, input: { name?: string | undefined; permissions?: Permission[] | undefined }) {
      const actor = requirePermission(ctx.actor, 'role.manage');
      const [role] = await p.db
        .select()
        .from(roles)
        .where(and(eq(roles.workspaceId, actor.workspaceId), eq(roles.id, id)));
      if (!role) throw notFound('role.not_found', 'Role');
      if (role.system) throw new AppError('role.system_immutable', 409, 'Built-in roles cannot be changed; create a custom role');
      if (input.permissions && !identityPolicy.canGrantRole(actor, input.permissions))
        throw forbidden('A role cannot have permissions you do not have');
      if (input.permissions?.some((x) => !isPermission(x) || x === 'portal.use'))
        throw invalid('permissions', 'Unknown permission', 'role_permission_unknown');
      return p.transaction(async (tx) => {
        const [row] = await tx
          .update(roles)
          .set({
            ...(input.name ? { name: input.name } : {}),
            ...(input.permissions ? { permissions: [...new Set(input.permissions)] } : {}),
            updatedAt: sql`now()`,
          })
          .where(eq(roles.id, id))
          .returning();
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'role.updated',
          subject: { type: 'role', id },
          data: { ...input },
        });
        await recordEvent(tx, ctx.actor, { workspaceId: actor.workspaceId, type: 'role.changed', subject: { type: 'role', id } });
        return row as typeof roles.$inferSelect;
      });
    },

    async deleteRole(ctx: Ctx, id: string) {
      const actor = requirePermission(ctx.actor, 'role.manage');
      const [role] = await p.db
        .select()
        .from(roles)
        .where(and(eq(roles.workspaceId, actor.workspaceId), eq(roles.id, id)));
      if (!role) throw notFound('role.not_found', 'Role');
      if (role.system) throw new AppError('role.system_immutable', 409, 'Built-in roles cannot be deleted');
      await p.transaction(async (tx) => {
        const [inUse] = await tx
          .select({ n: count() })
          .from(users)
          .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.role, role.key)));
        if (Number(inUse?.n ?? 0) > 0) throw new AppError('role.in_use', 409, 'Move the users of this role to another role first');
        await tx.delete(roles).where(eq(roles.id, id));
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'role.deleted',
          subject: { type: 'role', id },
          data: { key: role.key },
        });
        await recordEvent(tx, ctx.actor, { workspaceId: actor.workspaceId, type: 'role.changed', subject: { type: 'role', id } });
      });
    },

    // ---- invitations ----
    async invite(ctx: Ctx, input: { email: string; name?: string | undefined; role: string }) {
      const actor = requirePermission(ctx.actor, 'user.invite');
      const role = await getRoleOrFail(actor.workspaceId, input.role);
      if (role.audience === 'customer') throw invalid('role', 'Invitations are for staff roles', 'role_not_staff');
      if (!identityPolicy.canGrantRole(actor, role.permissions))
        throw forbidden('You cannot invite someone with permissions you do not have');
      if (await findUserByEmail(p.db, actor.workspaceId, input.email)) {
        throw new AppError('user.email_taken', 409, 'A user with this email already exists');
      }
      return p.transaction(async (tx) => {
        const id = uuidv7();
        const [row] = await tx
          .insert(invitations)
          .values({
            id,
            workspaceId: actor.workspaceId,
            email: input.email,
            name: input.name ?? null,
            role: input.role,
            tokenHash: sha256(p.secrets.hmac('invitation', id)),
            invitedBy: actor.userId,
            expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
          })
          .returning();
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'invitation.created',
          subject: { type: 'invitation', id },
          data: { role: input.role },
        });
        await recordEvent(tx, ctx.actor, {
          workspaceId: actor.workspaceId,
          type: 'invitation.created',
          subject: { type: 'invitation', id },
        });
        await p.jobs.enqueue(tx, ctx.actor, MAIL_JOB, { kind: 'invitation', id });
        return row as typeof invitations.$inferSelect;
      });
    },

    async listInvitations(ctx: Ctx) {
      const actor = requirePermission(ctx.actor, 'user.invite');
      return p.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.workspaceId, actor.workspaceId), isNull(invitations.revokedAt)))
        .orderBy(desc(invitations.id))
        .limit(200);
    },

    async revokeInvitation(ctx: Ctx, id: string) {
      const actor = requirePermission(ctx.actor, 'user.invite');
      await p.transaction(async (tx) => {
        const rows = await tx
          .update(invitations)
          .set({ revokedAt: sql`now()` })
          .where(
            and(
              eq(invitations.id, id),
              eq(invitations.workspaceId, actor.workspaceId),
              isNull(invitations.revokedAt),
              isNull(invitations.acceptedAt),
            ),
          )
          .returning({ id: invitations.id });
        if (rows.length === 0) throw notFound('invitation.not_found', 'Invitation');
        await recordAudit(tx, ctx, { workspaceId: actor.workspaceId, action: 'invitation.revoked', subject: { type: 'invitation', id } });
      });
    },
  };
}
export type UsersService = ReturnType<typeof usersService>;
