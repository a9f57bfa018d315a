import type { CreateOrganizationBody, UpdateOrganizationBody } from '@switchboard/contracts';
import { and, arrayOverlaps, asc, eq, ilike, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx, Tx } from '../../platform/db/client.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { requirePermission } from './identity.policy.js';
import { findRole, findUserById } from './identity.repo.js';
import { organizations, users } from './identity.schema.js';

export type OrganizationRow = typeof organizations.$inferSelect;

const orgNotFound = () => notFound('organization.not_found', 'Organization');
const nameTaken = (name: string) => new AppError('organization.name_taken', 409, `An organization named "${name}" exists`);

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Keyset cursor over (lower(name), id): opaque to clients. */
export function encodeCursor(row: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.name.toLowerCase(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { name, id };
  } catch {
    // fall through to the validation error
  }
  throw invalid('cursor', 'Invalid cursor');
}

async function findOrganization(db: DbOrTx, workspaceId: string, id: string): Promise<OrganizationRow | null> {
  const [row] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.workspaceId, workspaceId), eq(organizations.id, id)));
  return row ?? null;
}

/**
 * A domain decides which organization new customers join, so it belongs to one organization
 * per workspace. Writers of one workspace are serialized (advisory lock) because no index can
 * enforce uniqueness across array elements.
 */
async function assertFree(
  tx: Tx,
  workspaceId: string,
  input: { name?: string | undefined; domains?: string[] | undefined },
  selfId?: string,
) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`organizations:${workspaceId}`}, 0))`);
  const others = and(eq(organizations.workspaceId, workspaceId), selfId ? ne(organizations.id, selfId) : undefined);
  if (input.name !== undefined) {
    const [same] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(others, sql`lower(${organizations.name}) = lower(${input.name})`))
      .limit(1);
    if (same) throw nameTaken(input.name);
  }
  if (input.domains?.length) {
    const [owner] = await tx
      .select({ name: organizations.name, domains: organizations.domains })
      .from(organizations)
      .where(and(others, arrayOverlaps(organizations.domains, input.domains)))
      .limit(1);
    if (owner) {
      const taken = input.domains.filter((d) => owner.domains.includes(d));
      throw new AppError('organization.domain_taken', 409, `${taken.join(', ')} already belongs to "${owner.name}"`, {
        errors: taken.map((d) => ({
          path: `domains.${input.domains?.indexOf(d)}`,
          message: `Used by ${owner.name}`,
          code: 'domain_taken',
        })),
      });
    }
  }
}

/** Companies customers belong to (routing rules and SLA policies match on them). */
export function organizationsService(p: Platform) {
  async function changed(tx: Tx, ctx: Ctx, workspaceId: string, action: string, org: OrganizationRow, data: Record<string, unknown> = {}) {
    await recordAudit(tx, ctx, {
      workspaceId,
      action: `organization.${action}`,
      subject: { type: 'organization', id: org.id },
      data: { name: org.name, ...data },
    });
    await recordEvent(tx, ctx.actor, {
      workspaceId,
      type: 'organization.changed',
      subject: { type: 'organization', id: org.id },
      payload: { organizationId: org.id, action },
    });
  }

  /** Maps the unique index's verdict (a race the advisory lock did not see, e.g. exact name) to the documented code. */
  async function guarded<T>(name: string | undefined, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err) && name !== undefined) throw nameTaken(name);
      throw err;
    }
  }

  return {
    async list(ctx: Ctx, q: { q?: string | undefined; limit: number; cursor?: string | undefined }) {
      const actor = requirePermission(ctx.actor, 'user.read');
      const after = q.cursor ? decodeCursor(q.cursor) : null;
      const like = q.q ? `%${q.q.replace(/[%_\\]/g, '\\$&')}%` : null;
      const rows = await p.db
        .select()
        .from(organizations)
        .where(
          and(
            eq(organizations.workspaceId, actor.workspaceId),
            like ? ilike(organizations.name, like) : undefined,
            after ? sql`(lower(${organizations.name}), ${organizations.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
          ),
        )
        // Case-insensitive, so "acme" does not sort after "Zeta" under a byte-order collation.
        .orderBy(sql`lower(${organizations.name})`, asc(organizations.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
    },

    async create(ctx: Ctx, input: CreateOrganizationBody): Promise<OrganizationRow> {
      const actor = requirePermission(ctx.actor, 'customer.manage');
      const domains = [...new Set(input.domains)].sort();
      return guarded(input.name, () =>
        p.transaction(async (tx) => {
          await assertFree(tx, actor.workspaceId, { name: input.name, domains });
          const [row] = await tx
            .insert(organizations)
            .values({ id: uuidv7(), workspaceId: actor.workspaceId, name: input.name, domains, notes: input.notes ?? null })
            .returning();
          const org = row as OrganizationRow;
          await changed(tx, ctx, actor.workspaceId, 'created', org, { domains });
          return org;
        }),
      );
    },

    async update(ctx: Ctx, id: string, input: UpdateOrganizationBody): Promise<OrganizationRow> {
      const actor = requirePermission(ctx.actor, 'customer.manage');
      const domains = input.domains ? [...new Set(input.domains)].sort() : undefined;
      return guarded(input.name, () =>
        p.transaction(async (tx) => {
          const current = await findOrganization(tx, actor.workspaceId, id);
          if (!current) throw orgNotFound();
          await assertFree(tx, actor.workspaceId, { name: input.name, domains }, id);
          const set: Partial<typeof organizations.$inferInsert> = { updatedAt: new Date() };
          if (input.name !== undefined) set.name = input.name;
          if (domains) set.domains = domains;
          if (input.notes !== undefined) set.notes = input.notes;
          const [row] = await tx.update(organizations).set(set).where(eq(organizations.id, id)).returning();
          const org = row as OrganizationRow;
          await changed(tx, ctx, actor.workspaceId, 'updated', org, { fields: Object.keys(input) });
          return org;
        }),
      );
    },

    /** Members stay customers without an organization; tickets keep the organization they were opened under. */
    async remove(ctx: Ctx, id: string): Promise<void> {
      const actor = requirePermission(ctx.actor, 'customer.manage');
      await p.transaction(async (tx) => {
        const current = await findOrganization(tx, actor.workspaceId, id);
        if (!current) throw orgNotFound();
        await tx.delete(organizations).where(eq(organizations.id, id));
        await changed(tx, ctx, actor.workspaceId, 'deleted', current);
      });
    },

    /** Moves a customer into an organization (or out of any, with null). Staff do not belong to organizations. */
    async setUserOrganization(ctx: Ctx, userId: string, organizationId: string | null) {
      const actor = requirePermission(ctx.actor, 'customer.manage');
      return p.transaction(async (tx) => {
        const user = await findUserById(tx, actor.workspaceId, userId);
        if (!user) throw notFound('user.not_found', 'User');
        const role = await findRole(tx, actor.workspaceId, user.role);
        if (role?.audience !== 'customer') throw invalid('id', 'Only customers belong to organizations', 'user_not_customer');
        if (organizationId && !(await findOrganization(tx, actor.workspaceId, organizationId))) {
          throw invalid('organizationId', 'Unknown organization', 'organization_not_found');
        }
        if (user.organizationId !== organizationId) {
          await tx.update(users).set({ organizationId, updatedAt: new Date() }).where(eq(users.id, userId));
          await recordAudit(tx, ctx, {
            workspaceId: actor.workspaceId,
            action: 'user.organization_changed',
            subject: { type: 'user', id: userId },
            data: { from: user.organizationId, to: organizationId },
          });
          await recordEvent(tx, ctx.actor, {
            workspaceId: actor.workspaceId,
            type: 'user.updated',
            subject: { type: 'user', id: userId },
            payload: { fields: ['organizationId'] },
          });
        }
        return { userId, organizationId };
      });
    },
  };
}

export type OrganizationsService = ReturnType<typeof organizationsService>;

export function presentOrganization(o: OrganizationRow) {
  return {
    id: o.id,
    name: o.name,
    domains: o.domains,
    notes: o.notes,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
