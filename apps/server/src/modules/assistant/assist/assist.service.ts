import type { AssistArticle, AssistSimilarTicket, AssistSuggestedReply, TicketAssist } from '@switchboard/contracts';
import { matchLocale } from '@switchboard/contracts';
import { hasPermission } from '../../../platform/auth/actor.js';
import type { Ctx } from '../../../platform/context.js';
import { forbidden } from '../../../platform/errors.js';
import { requirePermission } from '../../identity/index.js';
import { accessCondition, loadVisible, type TicketRow, viewerFor } from '../../tickets/index.js';
import { type AssistantCore, analyzeTurn, articleUrl } from '../assistant.core.js';
import { effectiveSettings } from '../assistant-settings.js';
import { draftReply } from '../provider/draft-reply.js';
import { providerGateway } from '../provider/provider-gateway.js';
import { recentReplies } from '../provider/ticket-text.js';
import { findSimilarSolved, type SimilarTicketRow, similarityQuery } from './assist.repo.js';

const MAX_ARTICLES = 3;
const MAX_SIMILAR = 5;
/** The customer's latest messages that describe the problem along with the subject. */
const CUSTOMER_MESSAGES = 3;
/** Articles sharing less of the ticket's words than this are noise, not suggestions. */
const MIN_ARTICLE_COVERAGE = 0.1;
const SNIPPET_CHARS = 240;
const EXCERPT_CHARS = 280;

const shorten = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

/**
 * Agent assist for one ticket: published articles in the ticket's language, similar solved
 * tickets and a suggested reply (the provider's draft when one is configured and the agent may
 * reply; else the best passage, else the agent reply of the most similar solved ticket).
 */
export function assistService(core: AssistantCore) {
  const { p } = core;

  async function articlesFor(ws: string, query: string, locale: string) {
    // minConfidence 0: only the ticket's own locale is searched, never a fallback to others.
    const hits = await core.index.search(p.db, ws, query, locale, 0);
    return hits
      .filter((c) => c.confidence >= MIN_ARTICLE_COVERAGE)
      .sort((a, b) => b.score - a.score || b.confidence - a.confidence)
      .slice(0, MAX_ARTICLES);
  }

  async function modelDraft(ctx: Ctx, ticket: TicketRow): Promise<AssistSuggestedReply | null> {
    if (!hasPermission(ctx.actor, 'ticket.reply')) return null;
    if (!(await providerGateway(p).enabledProvider(ticket.workspaceId))) return null;
    const draft = await draftReply(core, ticket);
    return draft.source === 'model' ? { source: 'model', text: draft.text, citations: draft.citations, ticket: null } : null;
  }

  return {
    async forTicket(ctx: Ctx, ticketId: string): Promise<TicketAssist> {
      const actor = requirePermission(ctx.actor, 'ticket.read');
      if (actor.kind !== 'agent') throw forbidden();
      const viewer = await viewerFor(core.tickets.core, ctx);
      const ticket = await loadVisible(core.tickets.core, p.db, viewer, ticketId);
      const ws = ticket.workspaceId;

      const replies = await recentReplies(p.db, ws, ticket.id);
      const customerSaid = replies
        .filter((m) => m.authorKind === 'customer')
        .map((m) => m.bodyText)
        .slice(-CUSTOMER_MESSAGES);
      const query = [ticket.subject, ...customerSaid].join('\n');
      const { locale } = analyzeTurn(query, [], matchLocale(ticket.language));

      const sq = similarityQuery(query);
      const [candidates, similarRows, settings] = await Promise.all([
        articlesFor(ws, query, locale),
        sq ? findSimilarSolved(p.db, ws, ticket.id, sq, accessCondition(viewer), MAX_SIMILAR) : Promise.resolve([]),
        effectiveSettings(p.db, core.index, ws),
      ]);

      const articles: AssistArticle[] = candidates.map((c) => ({
        articleId: c.articleId,
        title: c.title,
        snippet: shorten(c.passage, SNIPPET_CHARS),
        url: `${p.config.publicUrl}${articleUrl(c)}`,
        locale: c.locale,
        score: c.score,
      }));
      const similarTickets: AssistSimilarTicket[] = similarRows.map((r) => ({
        id: r.id,
        number: r.number,
        subject: r.subject,
        status: r.status,
        solvedAt: r.solvedAt?.toISOString() ?? null,
        replyExcerpt: r.reply ? shorten(r.reply, EXCERPT_CHARS) : null,
        score: Math.round(r.rank * 1000) / 1000,
      }));

      const offline = (): AssistSuggestedReply | null => {
        const best = candidates[0];
        const bestArticle = articles[0];
        if (best && bestArticle && best.confidence >= settings.clarifyThreshold) {
          return {
            source: 'article',
            text: `${best.passage}\n\n${bestArticle.title}: ${bestArticle.url}`,
            citations: [{ articleId: bestArticle.articleId, title: bestArticle.title, url: bestArticle.url }],
            ticket: null,
          };
        }
        const solved = similarRows.find((r): r is SimilarTicketRow & { reply: string } => !!r.reply?.trim());
        if (solved) return { source: 'ticket', text: solved.reply.trim(), citations: [], ticket: { id: solved.id, number: solved.number } };
        return null;
      };
      const suggestedReply = (await modelDraft(ctx, ticket)) ?? offline();
      return { ticketId: ticket.id, locale, articles, similarTickets, suggestedReply };
    },
  };
}

export type AssistService = ReturnType<typeof assistService>;
