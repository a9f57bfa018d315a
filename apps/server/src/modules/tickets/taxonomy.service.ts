import type { CreateTaxonomyBody, LocalizedText, TaxonomyKind, UpdateTaxonomyBody } from '@switchboard/contracts';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { requirePermission, requireUser } from '../identity/index.js';
import { isUniqueViolation } from './fields.service.js';
import { findTaxonomy } from './tickets.repo.js';
import { ticketTaxonomies } from './tickets.schema.js';

export type TaxonomyRow = typeof ticketTaxonomies.$inferSelect;

const WHAT: Record<TaxonomyKind, string> = { category: 'category', type: 'ticket type' };

const nameTaken = (kind: TaxonomyKind, name: string) =>
  new AppError('taxonomy.name_taken', 409, `A ${WHAT[kind]} named "${name}" exists (archived ones keep their name; restore it instead)`);
const taxonomyNotFound = (kind: TaxonomyKind) => notFound('taxonomy.not_found', kind === 'category' ? 'Category' : 'Ticket type');

/** Names compare case-insensitively: "Billing" and "billing" would confuse everyone picking one. */
async function nameInUse(db: DbOrTx, workspaceId: string, kind: TaxonomyKind, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: ticketTaxonomies.id })
    .from(ticketTaxonomies)
    .where(
      and(
        eq(ticketTaxonomies.workspaceId, workspaceId),
        eq(ticketTaxonomies.kind, kind),
        sql`lower(${ticketTaxonomies.name}) = lower(${name})`,
        exceptId ? ne(ticketTaxonomies.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return !!row;
}

/** Categories and ticket types: admin-managed lists tickets point at. Deleting archives. */
export function taxonomyService(p: Platform) {
  async function audit(tx: DbOrTx, ctx: Ctx, workspaceId: string, action: string, row: TaxonomyRow, data: Record<string, unknown> = {}) {
    await recordAudit(tx, ctx, {
      workspaceId,
      action: `taxonomy.${action}`,
      subject: { type: row.kind, id: row.id },
      data: { name: row.name, ...data },
    });
  }

  return {
    /**
     * Ticket types are staff vocabulary (ticket.read); categories are also offered to customers
     * in the portal, limited to the customer-visible ones.
     */
    async list(ctx: Ctx, kind: TaxonomyKind, opts: { includeArchived?: boolean }) {
      const actor = kind === 'type' ? requirePermission(ctx.actor, 'ticket.read') : requireUser(ctx.actor);
      const customer = actor.kind === 'customer';
      const rows = await p.db
        .select()
        .from(ticketTaxonomies)
        .where(and(eq(ticketTaxonomies.workspaceId, actor.workspaceId), eq(ticketTaxonomies.kind, kind)))
        .orderBy(asc(ticketTaxonomies.position), asc(ticketTaxonomies.name));
      if (customer) return { audience: 'customer' as const, rows: rows.filter((r) => r.customerVisible && !r.archivedAt) };
      return { audience: 'staff' as const, rows: opts.includeArchived ? rows : rows.filter((r) => !r.archivedAt) };
    },

    async create(ctx: Ctx, kind: TaxonomyKind, input: CreateTaxonomyBody): Promise<TaxonomyRow> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      const name = input.names.en;
      try {
        return await p.transaction(async (tx) => {
          if (await nameInUse(tx, actor.workspaceId, kind, name)) throw nameTaken(kind, name);
          const [row] = await tx
            .insert(ticketTaxonomies)
            .values({
              id: uuidv7(),
              workspaceId: actor.workspaceId,
              kind,
              name,
              names: input.names,
              description: input.description ?? null,
              position: input.position,
              customerVisible: input.customerVisible,
            })
            .returning();
          await audit(tx, ctx, actor.workspaceId, 'created', row as TaxonomyRow);
          return row as TaxonomyRow;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(kind, name);
        throw err;
      }
    },

    async update(ctx: Ctx, kind: TaxonomyKind, id: string, input: UpdateTaxonomyBody): Promise<TaxonomyRow> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      const name = input.names?.en;
      try {
        return await p.transaction(async (tx) => {
          const current = await findTaxonomy(tx, actor.workspaceId, id, kind);
          if (!current) throw taxonomyNotFound(kind);
          if (name !== undefined && (await nameInUse(tx, actor.workspaceId, kind, name, id))) throw nameTaken(kind, name);
          const set: Partial<typeof ticketTaxonomies.$inferInsert> = { updatedAt: new Date() };
          if (input.names) Object.assign(set, { name: input.names.en, names: input.names });
          if (input.description !== undefined) set.description = input.description;
          if (input.position !== undefined) set.position = input.position;
          if (input.customerVisible !== undefined) set.customerVisible = input.customerVisible;
          if (input.archived !== undefined) set.archivedAt = input.archived ? (current.archivedAt ?? new Date()) : null;
          const [row] = await tx.update(ticketTaxonomies).set(set).where(eq(ticketTaxonomies.id, id)).returning();
          await audit(tx, ctx, actor.workspaceId, 'updated', row as TaxonomyRow, { fields: Object.keys(input) });
          return row as TaxonomyRow;
        });
      } catch (err) {
        if (isUniqueViolation(err) && name !== undefined) throw nameTaken(kind, name);
        throw err;
      }
    },

    /** Tickets keep pointing at an archived entry; it is no longer offered for new choices. */
    async archive(ctx: Ctx, kind: TaxonomyKind, id: string): Promise<void> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      await p.transaction(async (tx) => {
        const current = await findTaxonomy(tx, actor.workspaceId, id, kind);
        if (!current) throw taxonomyNotFound(kind);
        if (current.archivedAt) return;
        await tx.update(ticketTaxonomies).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(ticketTaxonomies.id, id));
        await audit(tx, ctx, actor.workspaceId, 'archived', current);
      });
    },
  };
}

export type TaxonomyService = ReturnType<typeof taxonomyService>;

const namesOf = (row: TaxonomyRow): LocalizedText => ({ ...row.names, en: row.names.en ?? row.name });

export function presentTaxonomy(row: TaxonomyRow) {
  return {
    id: row.id,
    kind: row.kind as TaxonomyKind,
    name: row.name,
    names: namesOf(row),
    description: row.description,
    position: row.position,
    customerVisible: row.customerVisible,
    archived: row.archivedAt !== null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentTaxonomyForCustomer(row: TaxonomyRow) {
  return { id: row.id, name: row.name, names: namesOf(row), description: row.description };
}
