import type { TicketFilters } from '@switchboard/contracts';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type SearchQuery, searchQuery } from '../../platform/search/text-search.js';
import type { FieldDef } from './custom-fields.js';
import { filtersCondition } from './ticket-filters.js';
import { cursorMode, type ListRequest } from './ticket-list-query.js';
import { countUpTo, fetchPage, type ListRow, type Plan, RELEVANCE, SORTS, type SortName, walkLimit } from './ticket-page.js';
import {
  hashedMatch,
  indexedMatch,
  probeMatch,
  rankedHits,
  type SearchScope,
  snippetsFor,
  trigramCondition,
  trigramScore,
  trigramText,
  WALK_BUDGET,
} from './ticket-search.js';
import { accessCondition, type TicketViewer } from './tickets.policy.js';
import { presentTicketForAgent, presentTicketForCustomer } from './tickets.presenter.js';
import { findUsersByIds, listFieldDefs } from './tickets.repo.js';
import { tickets } from './tickets.schema.js';
import { type TicketsCore, viewerFor } from './tickets.service.js';

/**
 * The ticket list behind views, the inbox and search: filters + access rule + sort + keyset
 * cursor (ticket-page.ts) in one query; merged tickets are left out.
 */

/** Fields customers may filter on: what their presenter shows them (no probing tags, team or internal fields). */
const CUSTOMER_FILTERS = new Set(['status', 'channel', 'categoryId', 'requesterId', 'created', 'updated', 'customFields']);

function assertCustomerFilters(filters: TicketFilters, defs: readonly FieldDef[]): void {
  const errors = Object.keys(filters)
    .filter((k) => !CUSTOMER_FILTERS.has(k))
    .map((k) => ({ path: k, message: 'Customers cannot filter on this field', code: 'field_not_allowed' }));
  const visible = new Set(defs.filter((d) => d.customerVisible && !d.archivedAt).map((d) => d.key));
  for (const key of Object.keys(filters.customFields ?? {})) {
    if (!visible.has(key)) errors.push({ path: `cf.${key}`, message: 'Unknown field', code: 'field_not_allowed' });
  }
  if (errors.length) throw new AppError('validation.failed', 400, 'The request is invalid', { errors });
}

export function ticketListService(core: TicketsCore) {
  const db = core.p.db;

  /** Everything but the search: workspace, access rule, merged tickets, filters. */
  async function scopeOf(viewer: TicketViewer, filters: TicketFilters): Promise<SQL> {
    const ws = viewer.actor.workspaceId;
    const needsTeams = filters.team?.includes('mine') ?? false;
    const teamIds = needsTeams && !viewer.restricted ? await core.deps.teamIdsOf(db, ws, viewer.actor.userId) : viewer.teamIds;
    return and(
      eq(tickets.workspaceId, ws),
      accessCondition(viewer),
      isNull(tickets.mergedIntoId),
      filtersCondition({ userId: viewer.actor.userId, teamIds }, filters),
    ) as SQL;
  }

  /**
   * Search in a chosen order. A common word is found fastest by walking the scope in order and
   * probing each ticket's messages: the page fills after a few tickets. A rare word would make
   * that walk read nearly everything, so after WALK_BUDGET rows without a full page the same
   * page is taken through the GIN indexes instead. Both give the same rows, so pages mix freely.
   */
  async function sortedSearchPage(scope: SQL, search: SearchScope, sq: SearchQuery, req: ListRequest & { sort: SortName }) {
    const base: Plan = { name: req.sort, mode: 'fts', spec: SORTS[req.sort], where: scope };
    const until = await walkLimit(db, base, req.cursor, WALK_BUDGET);
    const walked = await fetchPage(db, { ...base, match: probeMatch(search, sq), ...(until && { until }) }, req.cursor, req.limit);
    if (walked.nextCursor || !until) return walked;
    // Some matches in the walk: they are spread thin, not rare.
    const match = walked.rows.length ? hashedMatch(search, sq) : indexedMatch(search, sq);
    return fetchPage(db, { ...base, match }, req.cursor, req.limit);
  }

  async function ftsPage(scope: SQL, search: SearchScope, sq: SearchQuery, req: ListRequest) {
    if (req.sort) return sortedSearchPage(scope, search, sq, { ...req, sort: req.sort });
    return fetchPage(
      db,
      { name: 'relevance', mode: 'fts', spec: RELEVANCE, where: scope, join: rankedHits(scope, search, sq) },
      req.cursor,
      req.limit,
    );
  }

  function trigramPlan(scope: SQL, text: string, sort: SortName | undefined): Plan {
    const match = trigramCondition(text);
    if (sort) return { name: sort, mode: 'trgm', spec: SORTS[sort], where: scope, match };
    return {
      name: 'similarity',
      mode: 'trgm',
      spec: { dir: 'desc', keys: [{ expr: trigramScore(text), type: 'float4' }] },
      where: scope,
      match,
    };
  }

  /**
   * Search: full-text first; when that finds nothing at all, subjects similar to the query (typos).
   * The cursor remembers which of the two the first page used.
   */
  async function searchPage(viewer: TicketViewer, scope: SQL, req: ListRequest & { q: string }) {
    const search: SearchScope = { workspaceId: viewer.actor.workspaceId, publicOnly: !viewer.staff };
    const sq = searchQuery(req.q);
    const text = trigramText(req.q);
    const terms = sq?.terms ?? req.q.split(/\s+/).filter(Boolean);
    const empty = { rows: [] as ListRow[], nextCursor: null, snippets: new Map<string, string>() };
    if (cursorMode(req.cursor) !== 'trgm') {
      if (!sq) return empty;
      const page = await ftsPage(scope, search, sq, req);
      if (page.rows.length || req.cursor || !text) return { ...page, snippets: await snippetsFor(db, search, sq, terms, page.rows) };
    }
    if (!text) return empty;
    const page = await fetchPage(db, trigramPlan(scope, text, req.sort), req.cursor, req.limit);
    return { ...page, snippets: await snippetsFor(db, search, null, terms, page.rows) };
  }

  /** A page of tickets for this viewer, with snippets when searching. */
  async function page(viewer: TicketViewer, req: ListRequest) {
    const defs = viewer.staff ? [] : await listFieldDefs(db, viewer.actor.workspaceId);
    if (!viewer.staff) assertCustomerFilters(req.filters, defs);
    const scope = await scopeOf(viewer, req.filters);
    if (req.q) return present(viewer, defs, await searchPage(viewer, scope, { ...req, q: req.q }));
    const sort = req.sort ?? 'updated_desc';
    const result = await fetchPage(db, { name: sort, mode: 'list', spec: SORTS[sort], where: scope }, req.cursor, req.limit);
    return present(viewer, defs, { ...result, snippets: null });
  }

  async function present(
    viewer: TicketViewer,
    defs: FieldDef[],
    result: { rows: ListRow[]; nextCursor: string | null; snippets: Map<string, string> | null },
  ) {
    const { rows, nextCursor, snippets } = result;
    const users = await findUsersByIds(
      db,
      viewer.actor.workspaceId,
      rows.flatMap((t) => [t.requesterId, t.assigneeId ?? '']),
    );
    const snippet = (id: string) => snippets?.get(id) ?? null;
    if (!viewer.staff) {
      const items = rows.map((t) => ({
        ...presentTicketForCustomer(t, { users, defs, viewerId: viewer.actor.userId, mergedIntoNumber: null }),
        snippet: snippet(t.id),
      }));
      return { audience: 'customer' as const, page: { items, nextCursor } };
    }
    const clocks = await core.deps.slaClocksOf(
      db,
      rows.map((t) => t.id),
    );
    const items = rows.map((t) => {
      const { followerIds: _followers, ...ticket } = presentTicketForAgent(t, { users, clocks: clocks.get(t.id) ?? [] });
      return { ...ticket, snippet: snippet(t.id) };
    });
    return { audience: 'staff' as const, page: { items, nextCursor } };
  }

  return {
    page,

    async list(ctx: Ctx, req: ListRequest) {
      return page(await viewerFor(core, ctx), req);
    },

    /** How many tickets match, counting no further than `cap` (then `capped`). */
    async count(viewer: TicketViewer, filters: TicketFilters, cap: number) {
      const n = await countUpTo(db, await scopeOf(viewer, filters), cap + 1);
      return { count: Math.min(n, cap), capped: n > cap };
    },
  };
}

export type TicketListService = ReturnType<typeof ticketListService>;
