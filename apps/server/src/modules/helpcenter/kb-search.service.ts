import type { KbActivitySource, Locale } from '@switchboard/contracts';
import { type Actor, isUser } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import type { ActivityRecorder } from './activity-recorder.js';
import { type Audience, audienceOf } from './audience.js';
import type { HelpCenterWorkspaces } from './hc-workspace.js';
import { type KbSearchInput, type KbSearchResult, type KbSearchScope, searchPublished, suggestTitles } from './kb-search.js';

const AUDIENCE_RANK: Record<Audience, number> = { public: 0, customers: 1, agents: 2 };

export interface SearchArticlesInput {
  q: string;
  locale?: Locale | undefined;
  /**
   * Who the answer is for. Trusted callers (the assistant as a bot, the system) pass the audience
   * of the person they answer; for a signed-in user it can only narrow what they may see.
   */
  audience?: Audience | undefined;
  limit?: number | undefined;
}

/** The workspace and audience for a trusted caller's search; null when the actor belongs to no workspace. */
export function trustedScope(actor: Actor, requested: Audience | undefined): KbSearchScope | null {
  if (!actor.workspaceId) return null;
  const own = isUser(actor) ? audienceOf(actor, actor.workspaceId) : (requested ?? 'public');
  const audience = requested && AUDIENCE_RANK[requested] < AUDIENCE_RANK[own] ? requested : own;
  return { workspaceId: actor.workspaceId, audience };
}

/**
 * Search for other modules (the AI assistant quoting articles, the portal's ticket-form
 * suggestions): published articles of the actor's workspace visible to `audience`.
 */
export async function searchArticles(ctx: { db: DbOrTx; actor: Actor }, input: SearchArticlesInput): Promise<KbSearchResult> {
  const scope = trustedScope(ctx.actor, input.audience);
  if (!scope) return { items: [], nextCursor: null, fallback: false, total: 0 };
  return searchPublished(ctx.db, scope, { q: input.q, locale: input.locale, limit: Math.min(50, Math.max(1, input.limit ?? 5)) });
}

export interface RecordedBy {
  source: KbActivitySource;
  visitorKey: string | null;
}

export function kbSearchService(p: Platform, workspaces: HelpCenterWorkspaces, recorder: ActivityRecorder) {
  /** Signed-in callers search their own workspace; anonymous ones the host's (see hc-workspace.ts). */
  async function scopeFor(ctx: Ctx, workspaceSlug: string | undefined): Promise<KbSearchScope> {
    if (isUser(ctx.actor)) return { workspaceId: ctx.actor.workspaceId, audience: audienceOf(ctx.actor, ctx.actor.workspaceId) };
    const ws = await workspaces.resolve(workspaceSlug);
    if (!ws) throw notFound('workspace.not_found', 'Workspace');
    return { workspaceId: ws.row.id, audience: 'public' };
  }

  function record(ctx: Ctx, scope: KbSearchScope, input: KbSearchInput, result: KbSearchResult, by: RecordedBy): void {
    // Only first pages: paging through results is not a new search.
    if (input.cursor) return;
    recorder.search({
      workspaceId: scope.workspaceId,
      query: input.q,
      locale: input.locale ?? 'any',
      resultCount: result.total,
      source: by.source,
      userId: isUser(ctx.actor) && ctx.actor.workspaceId === scope.workspaceId ? ctx.actor.userId : null,
      visitorKey: by.visitorKey,
    });
  }

  return {
    scopeFor,

    /** Searches in the given scope and records the search (after the answer, batched). */
    async searchIn(ctx: Ctx, scope: KbSearchScope, input: KbSearchInput, by: RecordedBy): Promise<KbSearchResult> {
      const result = await searchPublished(p.db, scope, input);
      record(ctx, scope, input, result, by);
      return result;
    },

    async search(ctx: Ctx, input: KbSearchInput & { workspace?: string | undefined }, by: RecordedBy): Promise<KbSearchResult> {
      const scope = await scopeFor(ctx, input.workspace);
      return this.searchIn(ctx, scope, input, by);
    },

    async suggest(ctx: Ctx, input: { q: string; locale?: Locale | undefined; workspace?: string | undefined }) {
      const scope = await scopeFor(ctx, input.workspace);
      return suggestTitles(p.db, scope, input);
    },

    /** searchArticles for trusted callers, recorded under `source` (assistant, portal, widget). */
    async searchArticles(ctx: Ctx, input: SearchArticlesInput & { source?: KbActivitySource }): Promise<KbSearchResult> {
      const scope = trustedScope(ctx.actor, input.audience);
      if (!scope) return { items: [], nextCursor: null, fallback: false, total: 0 };
      const query = { q: input.q, locale: input.locale, limit: Math.min(50, Math.max(1, input.limit ?? 5)) };
      const result = await searchPublished(p.db, scope, query);
      record(ctx, scope, query, result, { source: input.source ?? 'assistant', visitorKey: null });
      return result;
    },
  };
}

export type KbSearchService = ReturnType<typeof kbSearchService>;
