import { type Macro, type MacroAction, MacroActionsSchema, type TicketChanges } from '@switchboard/contracts';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { hasPermission, type UserActor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { requirePermission } from '../identity/index.js';
import { workspaces } from '../workspaces/index.js';
import { validateCustomFields } from './custom-fields.js';
import { macroChanges, macroMessage, permissionsFor } from './macro-actions.js';
import { placeholderValues, renderPlaceholders } from './macro-placeholders.js';
import { prepareBody } from './message-body.js';
import { writeMessage } from './messages.service.js';
import { applyChanges, assertNotMerged, assertVersion } from './ticket-writer.js';
import { requireTicketPermission, type TicketViewer } from './tickets.policy.js';
import { findUsersByIds, listFieldDefs, type TicketRow } from './tickets.repo.js';
import { macros } from './tickets.schema.js';
import { checkReferences, loadVisible, type TicketsCore, type ticketsService, viewerFor } from './tickets.service.js';

type MacroRow = typeof macros.$inferSelect;
type CreateInput = { name: string; description?: string | null | undefined; shared: boolean; actions: MacroAction[] };
type UpdateInput = Partial<Omit<CreateInput, 'shared'>> & { shared?: boolean | undefined };

const macroNotFound = () => notFound('macro.not_found', 'Macro');

/** Stored actions are re-validated on use: a macro saved before a rule changed fails clearly, not halfway. */
function actionsOf(row: MacroRow): MacroAction[] {
  const parsed = MacroActionsSchema.safeParse(row.actions);
  if (!parsed.success) throw new AppError('macro.invalid', 422, 'This macro has actions that are no longer valid; edit it first');
  return parsed.data;
}

export function presentMacro(row: MacroRow): Macro {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    shared: row.ownerId === null,
    ownerId: row.ownerId,
    actions: row.actions as MacroAction[],
    usageCount: row.usageCount,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Shared macros and the caller's own; someone else's personal macro does not exist for you. */
async function findUsable(db: DbOrTx, actor: UserActor, id: string): Promise<MacroRow> {
  const [row] = await db
    .select()
    .from(macros)
    .where(and(eq(macros.workspaceId, actor.workspaceId), eq(macros.id, id), or(isNull(macros.ownerId), eq(macros.ownerId, actor.userId))));
  if (!row) throw macroNotFound();
  return row;
}

/** Personal macros are their owner's business; shared ones need macro.manage. */
function requireEditable(actor: UserActor, row: { ownerId: string | null }, shared: boolean): void {
  if ((row.ownerId === null || shared) && !hasPermission(actor, 'macro.manage'))
    throw forbidden('Only macro managers can edit shared macros');
}

export function macrosService(core: TicketsCore, tickets: ReturnType<typeof ticketsService>) {
  const { p } = core;

  /** Renders the macro against the ticket as it is now; writes nothing. */
  async function render(db: DbOrTx, viewer: TicketViewer, ticket: TicketRow, actions: MacroAction[]) {
    const ws = viewer.actor.workspaceId;
    const changes = macroChanges(actions, viewer.actor.userId);
    const template = macroMessage(actions);
    if (!template) return { message: null, changes, unknownPlaceholders: [] as string[] };
    const users = await findUsersByIds(db, ws, [ticket.requesterId, viewer.actor.userId]);
    const [workspace] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ws));
    const requester = users.get(ticket.requesterId);
    const values = placeholderValues({
      requester: { name: requester?.name ?? '', email: requester?.email ?? null },
      ticket: { number: ticket.number, subject: ticket.subject, status: ticket.status },
      agent: { name: users.get(viewer.actor.userId)?.name ?? '' },
      workspace: { name: workspace?.name ?? '' },
    });
    const rendered = renderPlaceholders(template.bodyHtml, values);
    const body = prepareBody({ bodyHtml: rendered.html });
    return { message: { kind: template.kind, bodyHtml: body.html, bodyText: body.text }, changes, unknownPlaceholders: rendered.unknown };
  }

  async function usable(ctx: Ctx, macroId: string) {
    requirePermission(ctx.actor, 'macro.use');
    const viewer = await viewerFor(core, ctx);
    const macro = await findUsable(p.db, viewer.actor, macroId);
    const actions = actionsOf(macro);
    return { viewer, macro, actions };
  }

  return {
    async list(ctx: Ctx): Promise<Macro[]> {
      const actor = requirePermission(ctx.actor, 'macro.use');
      const rows = await p.db
        .select()
        .from(macros)
        .where(and(eq(macros.workspaceId, actor.workspaceId), or(isNull(macros.ownerId), eq(macros.ownerId, actor.userId))))
        .orderBy(asc(macros.name), asc(macros.id));
      return rows.map(presentMacro);
    },

    async create(ctx: Ctx, input: CreateInput): Promise<Macro> {
      const actor = requirePermission(ctx.actor, 'macro.use');
      if (actor.kind !== 'agent') throw forbidden();
      requireEditable(actor, { ownerId: actor.userId }, input.shared);
      const [row] = await p.db
        .insert(macros)
        .values({
          id: uuidv7(),
          workspaceId: actor.workspaceId,
          ownerId: input.shared ? null : actor.userId,
          name: input.name,
          description: input.description ?? null,
          actions: input.actions,
        })
        .returning();
      return presentMacro(row as MacroRow);
    },

    async update(ctx: Ctx, id: string, input: UpdateInput): Promise<Macro> {
      const actor = requirePermission(ctx.actor, 'macro.use');
      const row = await findUsable(p.db, actor, id);
      requireEditable(actor, row, input.shared ?? false);
      const set: Partial<typeof macros.$inferInsert> = { updatedAt: new Date() };
      if (input.name !== undefined) set.name = input.name;
      if (input.description !== undefined) set.description = input.description;
      if (input.actions !== undefined) set.actions = input.actions;
      // Un-sharing hands the macro to the manager who did it.
      if (input.shared !== undefined) set.ownerId = input.shared ? null : (row.ownerId ?? actor.userId);
      const [updated] = await p.db.update(macros).set(set).where(eq(macros.id, row.id)).returning();
      return presentMacro(updated as MacroRow);
    },

    async remove(ctx: Ctx, id: string): Promise<void> {
      const actor = requirePermission(ctx.actor, 'macro.use');
      const row = await findUsable(p.db, actor, id);
      requireEditable(actor, row, false);
      await p.db.delete(macros).where(eq(macros.id, row.id));
    },

    async preview(ctx: Ctx, ticketId: string, macroId: string) {
      const { viewer, actions } = await usable(ctx, macroId);
      const ticket = await loadVisible(core, p.db, viewer, ticketId);
      return render(p.db, viewer, ticket, actions);
    },

    /** Field changes, then the reply/note (which may carry the status), in one transaction. */
    async apply(ctx: Ctx, ticketId: string, macroId: string, expectedVersion?: number) {
      const { viewer, macro, actions } = await usable(ctx, macroId);
      const ws = viewer.actor.workspaceId;
      const planned = macroChanges(actions, viewer.actor.userId);
      const template = macroMessage(actions);
      for (const permission of permissionsFor(planned, template)) requireTicketPermission(viewer, permission);
      const defs = await listFieldDefs(p.db, ws);
      const custom = validated(defs, planned.customFields);
      await checkReferences(core, p.db, ws, planned as TicketChanges);
      return p.transaction(async (tx) => {
        const ticket = await loadVisible(core, tx, viewer, ticketId, true);
        assertNotMerged(ticket);
        if (ticket.status === 'closed') throw new AppError('ticket.closed', 409, 'This ticket is closed; macros cannot change it');
        assertVersion(ticket, expectedVersion);
        const { message, changes } = await render(tx, viewer, ticket, actions);
        const { status, customFields: _raw, ...fields } = changes;
        // With a message, the status goes with it (like "send as pending"); otherwise with the fields.
        const fieldChanges: TicketChanges = { ...fields, ...(status && !message ? { status } : {}) };
        let current = ticket;
        if (Object.keys(fieldChanges).length || Object.keys(custom).length) {
          current = await applyChanges(tx, ctx, current, fieldChanges, { defs, hooks: core.hooks, customFields: custom });
        }
        if (message) {
          const input = { kind: message.kind, bodyHtml: message.bodyHtml, ...(status ? { status } : {}) };
          current = (await writeMessage(tx, core, ctx, current, input, viewer.actor.userId)).ticket;
        }
        await tx
          .update(macros)
          .set({ usageCount: sql`${macros.usageCount} + 1`, lastUsedAt: new Date() })
          .where(eq(macros.id, macro.id));
        return tickets.present(tx, viewer, current);
      });
    },
  };
}

function validated(defs: Parameters<typeof validateCustomFields>[0], input: Record<string, unknown> | undefined) {
  if (!input) return {};
  const { values, errors } = validateCustomFields(defs, input, 'staff');
  if (errors.length) throw new AppError('validation.failed', 400, 'The macro sets a custom field to an invalid value', { errors });
  return values;
}

export type MacrosService = ReturnType<typeof macrosService>;
