import { SYSTEM_ROLES, type SystemRoleKey } from '@switchboard/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import { hasPermission, isUser } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, forbidden, notFound, unauthenticated } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { roles } from '../identity/identity.schema.js';
import { workspaces } from './workspaces.schema.js';

export type WorkspaceRow = typeof workspaces.$inferSelect;

const ROLE_NAMES: Record<SystemRoleKey, string> = {
  customer: 'Customer',
  agent: 'Agent',
  supervisor: 'Supervisor',
  admin: 'Administrator',
};

export function presentWorkspace(w: WorkspaceRow) {
  return {
    id: w.id,
    name: w.name,
    slug: w.slug,
    defaultLocale: w.defaultLocale as 'en' | 'zh-CN',
    timezone: w.timezone,
    logoUrl: w.logoUrl,
    signupEnabled: w.signupEnabled,
    autoCloseDays: w.autoCloseDays,
    createdAt: w.createdAt.toISOString(),
  };
}

export function workspacesService(p: Platform) {
  return {
    /** Creates a workspace with its system roles. Used at setup, by the CLI and by tests. */
    async create(
      ctx: Ctx,
      input: { name: string; slug: string; defaultLocale?: 'en' | 'zh-CN'; timezone?: string },
      tx?: DbOrTx,
    ): Promise<WorkspaceRow> {
      const run = async (t: DbOrTx) => {
        const [existing] = await t.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, input.slug));
        if (existing) throw new AppError('workspace.slug_taken', 409, `The workspace slug "${input.slug}" is taken`);
        const id = uuidv7();
        const [row] = await t
          .insert(workspaces)
          .values({
            id,
            name: input.name,
            slug: input.slug,
            defaultLocale: input.defaultLocale ?? 'en',
            timezone: input.timezone ?? 'UTC',
          })
          .returning();
        await t.insert(roles).values(
          (Object.keys(SYSTEM_ROLES) as SystemRoleKey[]).map((key) => ({
            id: uuidv7(),
            workspaceId: id,
            key,
            name: ROLE_NAMES[key],
            system: true,
            audience: key === 'customer' ? 'customer' : 'staff',
            permissions: [...SYSTEM_ROLES[key]],
          })),
        );
        await recordAudit(t, ctx, { workspaceId: id, action: 'workspace.created', subject: { type: 'workspace', id } });
        return row as WorkspaceRow;
      };
      return tx ? run(tx) : p.transaction(run);
    },

    async findBySlug(slug: string): Promise<WorkspaceRow | null> {
      const [row] = await p.db.select().from(workspaces).where(eq(workspaces.slug, slug));
      return row ?? null;
    },

    async findById(id: string, db: DbOrTx = p.db): Promise<WorkspaceRow | null> {
      const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
      return row ?? null;
    },

    /** The workspace created at setup: the one anonymous visitors land in by default. */
    async primary(): Promise<WorkspaceRow | null> {
      const [row] = await p.db.select().from(workspaces).orderBy(asc(workspaces.createdAt), asc(workspaces.id)).limit(1);
      return row ?? null;
    },

    async count(): Promise<number> {
      const [row] = await p.db.select({ n: sql<number>`count(*)::int` }).from(workspaces);
      return Number(row?.n ?? 0);
    },

    async current(ctx: Ctx): Promise<WorkspaceRow> {
      if (!isUser(ctx.actor)) throw unauthenticated();
      const row = await this.findById(ctx.actor.workspaceId);
      if (!row) throw notFound('workspace.not_found', 'Workspace');
      return row;
    },

    async update(
      ctx: Ctx,
      input: {
        name?: string | undefined;
        defaultLocale?: 'en' | 'zh-CN' | undefined;
        timezone?: string | undefined;
        logoUrl?: string | null | undefined;
        signupEnabled?: boolean | undefined;
        autoCloseDays?: number | undefined;
      },
    ): Promise<WorkspaceRow> {
      if (!isUser(ctx.actor)) throw unauthenticated();
      if (!hasPermission(ctx.actor, 'admin.settings')) throw forbidden();
      const workspaceId = ctx.actor.workspaceId;
      return p.transaction(async (tx) => {
        const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
        const [row] = await tx
          .update(workspaces)
          .set({ ...changes, updatedAt: sql`now()` })
          .where(eq(workspaces.id, workspaceId))
          .returning();
        if (!row) throw notFound('workspace.not_found', 'Workspace');
        await recordAudit(tx, ctx, {
          workspaceId,
          action: 'workspace.updated',
          subject: { type: 'workspace', id: workspaceId },
          data: { fields: Object.keys(changes) },
        });
        await recordEvent(tx, ctx.actor, {
          workspaceId,
          type: 'workspace.updated',
          subject: { type: 'workspace', id: workspaceId },
          payload: { fields: Object.keys(changes) },
        });
        return row;
      });
    },
  };
}
export type WorkspacesService = ReturnType<typeof workspacesService>;
