import { type TicketFilters, TicketFiltersSchema, TicketSortSchema, VIEW_COUNT_CAP } from '@switchboard/contracts';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { hasPermission } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import type { TicketListService } from './ticket-list.js';
import type { TicketViewer } from './tickets.policy.js';
import { views } from './tickets.schema.js';
import { type TicketsCore, viewerFor } from './tickets.service.js';

/**
 * Saved views: a name, filters and a sort. Personal views belong to their owner alone; shared
 * views (owner null) are seen by all staff and changed only by those who see every ticket
 * (`ticket.read_all`: supervisors and admins), since a shared view shapes everyone's queue.
 * Filters like assignee 'me' and team 'mine' resolve for whoever opens the view.
 */

type ViewRow = typeof views.$inferSelect;
type Sort = z.infer<typeof TicketSortSchema>;

export interface ViewInput {
  name?: string | undefined;
  shared?: boolean | undefined;
  filters?: TicketFilters | undefined;
  sort?: Sort | undefined;
  position?: number | undefined;
}

const viewNotFound = () => notFound('view.not_found', 'View');

/** Stored filters written by an older version may no longer parse: the view then shows everything rather than failing. */
function filtersOf(row: ViewRow): TicketFilters {
  const parsed = TicketFiltersSchema.safeParse(row.filters);
  return parsed.success ? parsed.data : {};
}

function sortOf(row: ViewRow): Sort {
  const parsed = TicketSortSchema.safeParse(row.sort);
  return parsed.success ? parsed.data : 'updated_desc';
}

export function presentView(row: ViewRow) {
  return {
    id: row.id,
    name: row.name,
    shared: row.ownerId === null,
    ownerId: row.ownerId,
    filters: filtersOf(row),
    sort: sortOf(row),
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const canManageShared = (viewer: TicketViewer) => hasPermission(viewer.actor, 'ticket.read_all');

const UNSOLVED: TicketFilters['status'] = ['new', 'open', 'pending', 'on_hold'];
/** The views every agent has (the inbox shows them first); their counts come with the saved ones. */
const BUILTIN_VIEWS: Record<string, TicketFilters> = {
  mine: { assignee: ['me'], status: UNSOLVED },
  unassigned: { assignee: ['unassigned'], status: UNSOLVED },
  all: { status: UNSOLVED },
};

export function viewsService(core: TicketsCore, list: TicketListService) {
  const db = core.p.db;

  async function staffViewer(ctx: Ctx): Promise<TicketViewer> {
    const viewer = await viewerFor(core, ctx);
    if (!viewer.staff) throw forbidden();
    return viewer;
  }

  const visibleTo = (viewer: TicketViewer) =>
    and(eq(views.workspaceId, viewer.actor.workspaceId), or(isNull(views.ownerId), eq(views.ownerId, viewer.actor.userId)));

  /** Someone else's personal view is a 404, like a view of another workspace. */
  async function load(viewer: TicketViewer, id: string): Promise<ViewRow> {
    const [row] = await db
      .select()
      .from(views)
      .where(and(visibleTo(viewer), eq(views.id, id)));
    if (!row) throw viewNotFound();
    return row;
  }

  async function visible(viewer: TicketViewer): Promise<ViewRow[]> {
    return db
      .select()
      .from(views)
      .where(visibleTo(viewer))
      .orderBy(sql`${views.ownerId} is not null`, asc(views.position), asc(views.name), asc(views.id));
  }

  function assertMayChange(viewer: TicketViewer, row: ViewRow): void {
    if (row.ownerId === null && !canManageShared(viewer)) throw forbidden('Only supervisors and admins change shared views');
  }

  return {
    async list(ctx: Ctx) {
      return (await visible(await staffViewer(ctx))).map(presentView);
    },

    async create(ctx: Ctx, input: ViewInput & { name: string; filters: TicketFilters }) {
      const viewer = await staffViewer(ctx);
      if (input.shared && !canManageShared(viewer)) throw forbidden('Only supervisors and admins create shared views');
      const [row] = await db
        .insert(views)
        .values({
          id: uuidv7(),
          workspaceId: viewer.actor.workspaceId,
          ownerId: input.shared ? null : viewer.actor.userId,
          name: input.name,
          filters: input.filters,
          sort: input.sort ?? 'updated_desc',
          position: input.position ?? 0,
        })
        .returning();
      return presentView(row as ViewRow);
    },

    /** `shared: false` on a shared view makes it the caller's personal view. */
    async update(ctx: Ctx, id: string, input: ViewInput) {
      const viewer = await staffViewer(ctx);
      const row = await load(viewer, id);
      assertMayChange(viewer, row);
      if (input.shared && !canManageShared(viewer)) throw forbidden('Only supervisors and admins share views');
      const [after] = await db
        .update(views)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.filters !== undefined && { filters: input.filters }),
          ...(input.sort !== undefined && { sort: input.sort }),
          ...(input.position !== undefined && { position: input.position }),
          ...(input.shared !== undefined && { ownerId: input.shared ? null : (row.ownerId ?? viewer.actor.userId) }),
          updatedAt: new Date(),
        })
        .where(eq(views.id, row.id))
        .returning();
      return presentView(after as ViewRow);
    },

    async remove(ctx: Ctx, id: string) {
      const viewer = await staffViewer(ctx);
      const row = await load(viewer, id);
      assertMayChange(viewer, row);
      await db.delete(views).where(eq(views.id, row.id));
    },

    /**
     * The view's tickets for whoever opens it, optionally narrowed by a search. A search ranks by
     * relevance unless a sort is asked for; without one the view's own sort applies.
     */
    async tickets(
      ctx: Ctx,
      id: string,
      req: { q?: string | undefined; sort?: Sort | undefined; cursor?: string | undefined; limit: number },
    ) {
      const viewer = await staffViewer(ctx);
      const row = await load(viewer, id);
      const q = req.q?.trim() || undefined;
      const sort = req.sort ?? (q ? undefined : sortOf(row));
      return list.page(viewer, { filters: filtersOf(row), sort, q, cursor: req.cursor, limit: req.limit });
    },

    /** Tickets per visible view, one capped count each. */
    async counts(ctx: Ctx) {
      const viewer = await staffViewer(ctx);
      const out: Record<string, { count: number; capped: boolean }> = {};
      for (const [key, filters] of Object.entries(BUILTIN_VIEWS)) out[key] = await list.count(viewer, filters, VIEW_COUNT_CAP);
      for (const row of await visible(viewer)) out[row.id] = await list.count(viewer, filtersOf(row), VIEW_COUNT_CAP);
      return out;
    },
  };
}
