import type { KbAnalytics } from '@switchboard/contracts';
import { and, desc, eq, gte, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { forbidden, invalid } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import { requirePermission } from '../identity/index.js';
import { kbArticles, kbFeedback, kbSearches, kbViews } from '../kb/kb.schema.js';
import { loadVisible, type TicketsModule, tickets, viewerFor } from '../tickets/index.js';

const DAY_MS = 86_400_000;
const DEFAULT_RANGE_DAYS = 30;
const MAX_RANGE_DAYS = 366;
const TOP_ARTICLES = 100;
const TOP_SEARCHES = 20;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The range to report on: `to` defaults to now, `from` to 30 days before it. */
export function reportRange(input: { from?: string | undefined; to?: string | undefined }, now = new Date()) {
  const to = input.to ? new Date(input.to) : now;
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from >= to) throw invalid('from', 'from must be before to');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw invalid('from', `The range is at most ${MAX_RANGE_DAYS} days`);
  return { from, to };
}

async function articleStats(db: DbOrTx, workspaceId: string, from: Date, to: Date) {
  const views = sql`(select ${kbViews.articleId} as article_id, count(*)::int as views,
      count(distinct coalesce(${kbViews.userId}::text, 'v:' || ${kbViews.visitorKey}))::int as unique_views
    from ${kbViews} where ${kbViews.workspaceId} = ${workspaceId} and ${kbViews.createdAt} >= ${from} and ${kbViews.createdAt} < ${to}
    group by ${kbViews.articleId})`;
  const votes = sql`(select ${kbFeedback.articleId} as article_id,
      (count(*) filter (where ${kbFeedback.helpful}))::int as helpful,
      (count(*) filter (where not ${kbFeedback.helpful}))::int as not_helpful,
      (count(*) filter (where ${kbFeedback.moderation} = 'approved' and ${kbFeedback.comment} is not null))::int as comments
    from ${kbFeedback} where ${kbFeedback.workspaceId} = ${workspaceId} and ${kbFeedback.createdAt} >= ${from} and ${kbFeedback.createdAt} < ${to}
    group by ${kbFeedback.articleId})`;
  const result = await db.execute(sql`select a.id, coalesce(a.published_title, a.title) as title, a.locale,
      coalesce(v.views, 0) as views, coalesce(v.unique_views, 0) as unique_views,
      coalesce(f.helpful, 0) as helpful, coalesce(f.not_helpful, 0) as not_helpful, coalesce(f.comments, 0) as comments
    from ${views} v full join ${votes} f on f.article_id = v.article_id
    join ${kbArticles} a on a.id = coalesce(v.article_id, f.article_id)
    order by coalesce(v.views, 0) desc, a.id limit ${TOP_ARTICLES}`);
  type Row = {
    id: string;
    title: string;
    locale: string;
    views: number;
    unique_views: number;
    helpful: number;
    not_helpful: number;
    comments: number;
  };
  return rowsOf<Row>(result).map((r) => {
    const helpful = Number(r.helpful);
    const notHelpful = Number(r.not_helpful);
    return {
      articleId: r.id,
      title: r.title,
      locale: r.locale,
      views: Number(r.views),
      uniqueViews: Number(r.unique_views),
      helpful,
      notHelpful,
      helpfulRatio: helpful + notHelpful > 0 ? Math.round((helpful / (helpful + notHelpful)) * 1000) / 1000 : null,
      approvedComments: Number(r.comments),
    };
  });
}

async function searchStats(db: DbOrTx, workspaceId: string, from: Date, to: Date, onlyEmpty: boolean) {
  const rows = await db
    .select({
      query: kbSearches.normalized,
      searches: sql<number>`count(*)::int`.mapWith(Number),
      avgResults: sql<number>`round(avg(${kbSearches.resultCount}), 2)`.mapWith(Number),
    })
    .from(kbSearches)
    .where(
      and(
        eq(kbSearches.workspaceId, workspaceId),
        gte(kbSearches.createdAt, from),
        lt(kbSearches.createdAt, to),
        onlyEmpty ? eq(kbSearches.resultCount, 0) : undefined,
      ),
    )
    .groupBy(kbSearches.normalized)
    .orderBy(desc(sql`count(*)`), kbSearches.normalized)
    .limit(TOP_SEARCHES);
  return rows;
}

/**
 * Deflection: a person (the signed-in user, else the visitor cookie; views made before signing
 * in are attached to the user, see attachVisitor) who viewed an article in the range and did not
 * open a ticket within 24 hours after their first view there. People whose 24 hours are not over
 * yet are reported as pending, not counted.
 */
async function deflection(db: DbOrTx, workspaceId: string, from: Date, to: Date) {
  const result = await db.execute(sql`with viewers as (
      select coalesce(${kbViews.userId}::text, 'v:' || ${kbViews.visitorKey}) as who, min(${kbViews.userId}::text) as user_id,
             min(${kbViews.createdAt}) as first_view
      from ${kbViews}
      where ${kbViews.workspaceId} = ${workspaceId} and ${kbViews.createdAt} >= ${from} and ${kbViews.createdAt} < ${to}
        and (${kbViews.userId} is not null or ${kbViews.visitorKey} is not null)
      group by 1)
    select (count(*) filter (where first_view <= now() - interval '24 hours'))::int as viewers,
           (count(*) filter (where first_view <= now() - interval '24 hours' and not exists (
              select 1 from ${tickets} t where t.workspace_id = ${workspaceId} and t.requester_id::text = viewers.user_id
                and t.created_at >= viewers.first_view and t.created_at < viewers.first_view + interval '24 hours')))::int as deflected,
           (count(*) filter (where first_view > now() - interval '24 hours'))::int as pending
    from viewers`);
  const row = rowsOf<{ viewers: number; deflected: number; pending: number }>(result)[0];
  const viewers = Number(row?.viewers ?? 0);
  const deflected = Number(row?.deflected ?? 0);
  return {
    viewers,
    deflected,
    pending: Number(row?.pending ?? 0),
    rate: viewers > 0 ? Math.round((deflected / viewers) * 1000) / 1000 : null,
  };
}

export function kbAnalyticsService(p: Platform, ticketsModule: TicketsModule) {
  return {
    async report(ctx: Ctx, input: { from?: string | undefined; to?: string | undefined }): Promise<KbAnalytics> {
      const actor = requirePermission(ctx.actor, 'report.read');
      const { from, to } = reportRange(input);
      const ws = actor.workspaceId;
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        articles: await articleStats(p.db, ws, from, to),
        topSearches: await searchStats(p.db, ws, from, to, false),
        noResultSearches: await searchStats(p.db, ws, from, to, true),
        deflection: await deflection(p.db, ws, from, to),
      };
    },

    /** Articles the ticket's requester viewed in the 24 hours before opening it (staff who may see the ticket). */
    async ticketViews(ctx: Ctx, ticketId: string) {
      const viewer = await viewerFor(ticketsModule.core, ctx);
      if (!viewer.staff) throw forbidden();
      const ticket = await loadVisible(ticketsModule.core, p.db, viewer, ticketId);
      const since = new Date(ticket.createdAt.getTime() - DAY_MS);
      const rows = await p.db
        .select({
          articleId: kbViews.articleId,
          title: sql<string>`coalesce(${kbArticles.publishedTitle}, ${kbArticles.title})`,
          locale: kbArticles.locale,
          source: kbViews.source,
          viewedAt: kbViews.createdAt,
        })
        .from(kbViews)
        .innerJoin(kbArticles, eq(kbArticles.id, kbViews.articleId))
        .where(
          and(
            eq(kbViews.workspaceId, ticket.workspaceId),
            eq(kbViews.userId, ticket.requesterId),
            gte(kbViews.createdAt, since),
            lt(kbViews.createdAt, ticket.createdAt),
          ),
        )
        .orderBy(kbViews.createdAt)
        .limit(200);
      return rows.map((r) => ({ ...r, viewedAt: r.viewedAt.toISOString() }));
    },

    /**
     * Attaches a visitor's anonymous views (and searches) to the customer they turned out to be,
     * so deflection and "viewed before opening the ticket" see them.
     */
    async attachVisitor(workspaceId: string, userId: string, visitorKey: string): Promise<void> {
      const mine = (table: typeof kbViews | typeof kbSearches): SQL =>
        and(eq(table.workspaceId, workspaceId), eq(table.visitorKey, visitorKey), isNull(table.userId)) as SQL;
      await p.db.update(kbViews).set({ userId }).where(mine(kbViews));
      await p.db.update(kbSearches).set({ userId }).where(mine(kbSearches));
    },
  };
}

export type KbAnalyticsService = ReturnType<typeof kbAnalyticsService>;
