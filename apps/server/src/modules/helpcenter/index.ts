import type { FastifyInstance } from 'fastify';
import { isUser } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/platform.js';
import type { AuthService } from '../identity/index.js';
import type { TicketsModule } from '../tickets/index.js';
import type { WorkspacesService } from '../workspaces/index.js';
import { ActivityRecorder } from './activity-recorder.js';
import { kbAnalyticsService } from './analytics.service.js';
import { kbFeedbackRoutes } from './feedback.routes.js';
import { kbFeedbackService } from './feedback.service.js';
import { helpCenterRoutes } from './hc.routes.js';
import { helpCenterPages } from './hc.service.js';
import { HelpCenterWorkspaces } from './hc-workspace.js';
import { kbSearchRoutes } from './kb-search.routes.js';
import { kbSearchService } from './kb-search.service.js';
import { readVisitorKey } from './visitor.js';

export { type Audience, audienceOf } from './audience.js';
export type { KbSearchResult } from './kb-search.js';
export { type SearchArticlesInput, searchArticles } from './kb-search.service.js';
export { VISITOR_COOKIE } from './visitor.js';

/** Visitor → customer links made in this process, so each pair is written once. */
const LINKED_MAX = 10_000;

export interface HelpCenterDeps {
  tickets: TicketsModule;
  workspaces: WorkspacesService;
  auth: AuthService;
}

/**
 * The reading side of the knowledge base: KB search and suggestions, the server-rendered help
 * center (/hc, /sitemap.xml), article feedback and its moderation, and help-center analytics.
 */
export async function registerHelpCenter(app: FastifyInstance, p: Platform, deps: HelpCenterDeps) {
  const recorder = new ActivityRecorder(p.db, p.log.child({ component: 'kb-activity' }));
  const workspaces = new HelpCenterWorkspaces(deps.workspaces);
  const search = kbSearchService(p, workspaces, recorder);
  const feedback = kbFeedbackService(p);
  const analytics = kbAnalyticsService(p, deps.tickets);
  const pages = helpCenterPages(p, search);

  // Rendered pages show titles, translations and related articles of many articles: a publish
  // or archive anywhere in the workspace drops its pages. Other nodes rely on the cache TTL and
  // on the per-request published-version check of article pages.
  p.outbox.on('helpcenter.page-cache', ['article.published', 'article.archived', 'workspace.updated'], (event) => {
    if (event.type === 'workspace.updated') workspaces.clear();
    if (event.workspaceId) pages.cache.dropWorkspace(event.workspaceId);
  });

  // A customer's request that carries the visitor cookie ties that visitor's earlier anonymous
  // views to the customer (signing in, opening a portal ticket): deflection and "viewed before
  // the ticket" then see them.
  const linked = new Set<string>();
  app.addHook('onResponse', async (req, reply) => {
    const actor = req.actor;
    if (!actor || !isUser(actor) || actor.kind !== 'customer' || reply.statusCode >= 400) return;
    const visitorKey = readVisitorKey(req);
    if (!visitorKey || linked.has(`${actor.userId}|${visitorKey}`)) return;
    if (linked.size >= LINKED_MAX) linked.clear();
    linked.add(`${actor.userId}|${visitorKey}`);
    try {
      await recorder.flush();
      await analytics.attachVisitor(actor.workspaceId, actor.userId, visitorKey);
    } catch (err) {
      req.log.warn({ err }, 'could not attach visitor views to the customer');
    }
  });

  await app.register(kbSearchRoutes(search));
  await app.register(kbFeedbackRoutes(p.config, feedback, analytics));
  await app.register(async (scope) => {
    await scope.register(helpCenterRoutes({ p, auth: deps.auth, workspaces, pages, feedback, recorder }));
    // Child-plugin onClose hooks run before the app's, which closes the database.
    scope.addHook('onClose', async () => recorder.flush());
  });

  return {
    search,
    feedback,
    analytics,
    pages,
    /** Writes buffered views and searches now (tests, benchmarks, shutdown). */
    flushActivity: () => recorder.flush(),
    /** For the assistant and the portal: published articles visible to `audience`, recorded under `source`. */
    searchArticles: search.searchArticles,
  };
}

export type HelpCenterModule = Awaited<ReturnType<typeof registerHelpCenter>>;
