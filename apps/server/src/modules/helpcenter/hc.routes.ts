import { type Locale, matchLocale } from '@switchboard/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUser } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import type { AuthService } from '../identity/index.js';
import type { ActivityRecorder } from './activity-recorder.js';
import { audienceOf } from './audience.js';
import type { KbFeedbackService } from './feedback.service.js';
import { type HelpCenterPages, isLocale, type PageRequest } from './hc.service.js';
import type { CachedPage } from './hc-cache.js';
import type { PageContext } from './hc-layout.js';
import { translator } from './hc-messages.js';
import { articlePath, homePath, parseArticleRef, withWorkspace } from './hc-urls.js';
import type { HelpCenterWorkspaces } from './hc-workspace.js';
import { ensureVisitorKey, pageActor, readVisitorKey } from './visitor.js';

const WorkspaceQuery = z.object({ workspace: z.string().max(64).optional() });
const LocaleParams = z.object({ locale: z.string().max(20) });
const SlugParams = LocaleParams.extend({ slug: z.string().max(200) });
const ArticleParams = LocaleParams.extend({ ref: z.string().max(300) });
const ArticleQuery = WorkspaceQuery.extend({ feedback: z.enum(['thanks', 'limited']).optional() });
const SearchQuery = WorkspaceQuery.extend({ q: z.string().max(200).optional(), cursor: z.string().max(40).optional() });
const FeedbackForm = z.object({ helpful: z.enum(['yes', 'no']), comment: z.string().max(4000).optional() });

interface Deps {
  p: Platform;
  auth: AuthService;
  workspaces: HelpCenterWorkspaces;
  pages: HelpCenterPages;
  feedback: KbFeedbackService;
  recorder: ActivityRecorder;
}

/** Pages for everyone but the signed-in: shared caches may keep them, revalidating with the ETag. */
function send(req: FastifyRequest, reply: FastifyReply, page: CachedPage, shared: boolean) {
  reply.header('cache-control', shared ? 'public, max-age=0, must-revalidate' : 'private, no-cache');
  reply.header('vary', 'Cookie');
  reply.header('etag', page.etag);
  if (req.headers['if-none-match'] === page.etag) return reply.status(304).send();
  return reply.type('text/html; charset=utf-8').send(page.html);
}

/** The server-rendered help center: /hc/..., and /sitemap.xml. No JSON here; errors are pages. */
export function helpCenterRoutes(d: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // Forms post urlencoded bodies; the parser is scoped to this plugin.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    /** Workspace, reader and language of a page request; null when the workspace is unknown. */
    async function pageRequest(req: FastifyRequest, locale: Locale, slug: string | undefined): Promise<PageRequest | null> {
      const ws = await d.workspaces.resolve(slug);
      if (!ws) return null;
      const actor = await pageActor(d.auth, req);
      req.ctx = { ...req.ctx, actor };
      const w = ws.row;
      const page: PageContext = {
        locale,
        t: translator(locale),
        workspace: { id: w.id, name: w.name, logoUrl: w.logoUrl, defaultLocale: w.defaultLocale, timezone: w.timezone },
        linkSlug: ws.linkSlug,
        publicUrl: d.p.config.publicUrl,
      };
      return { page, audience: audienceOf(actor, w.id) };
    }

    async function notFound(req: FastifyRequest, reply: FastifyReply, r: PageRequest | null) {
      reply.status(404).type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (r) return reply.send(d.pages.notFound(r.page));
      const fallback = await pageRequest(req, 'en', undefined);
      return fallback ? reply.send(d.pages.notFound(fallback.page)) : reply.send('Not found');
    }

    const shared = (req: FastifyRequest, r: PageRequest) => r.audience === 'public' && !isUser(req.ctx.actor);
    const hidden = { hide: true } as const;

    app.get('/hc', { schema: { ...hidden, querystring: WorkspaceQuery } }, async (req, reply) => {
      const ws = await d.workspaces.resolve(req.query.workspace);
      const header = req.headers['accept-language'];
      const locale = header ? matchLocale(header) : matchLocale(ws?.row.defaultLocale);
      reply.header('vary', 'Accept-Language').header('cache-control', 'no-cache');
      return reply.redirect(withWorkspace(homePath(locale), ws?.linkSlug ?? null), 302);
    });

    app.get('/hc/:locale', { schema: { ...hidden, params: LocaleParams, querystring: WorkspaceQuery } }, async (req, reply) => {
      const r = isLocale(req.params.locale) ? await pageRequest(req, req.params.locale, req.query.workspace) : null;
      const page = r && (await d.pages.home(r));
      return r && page ? send(req, reply, page, shared(req, r)) : notFound(req, reply, r);
    });

    for (const kind of ['categories', 'sections'] as const) {
      app.get(
        `/hc/:locale/${kind}/:slug`,
        { schema: { ...hidden, params: SlugParams, querystring: WorkspaceQuery } },
        async (req, reply) => {
          const r = isLocale(req.params.locale) ? await pageRequest(req, req.params.locale, req.query.workspace) : null;
          const page =
            r && (kind === 'categories' ? await d.pages.category(r, req.params.slug) : await d.pages.section(r, req.params.slug));
          return r && page ? send(req, reply, page, shared(req, r)) : notFound(req, reply, r);
        },
      );
    }

    app.get(
      '/hc/:locale/articles/:ref',
      { schema: { ...hidden, params: ArticleParams, querystring: ArticleQuery } },
      async (req, reply) => {
        const ref = parseArticleRef(req.params.ref);
        const r = isLocale(req.params.locale) ? await pageRequest(req, req.params.locale, req.query.workspace) : null;
        if (!r || !ref) return notFound(req, reply, r);
        const feedback = req.query.feedback ?? null;
        const outcome = await d.pages.article(r, ref.id, ref.slug, feedback);
        if (outcome.kind === 'not_found') return notFound(req, reply, r);
        if (outcome.kind === 'redirect') return reply.redirect(withWorkspace(outcome.path, r.page.linkSlug), 301);
        if (req.method === 'GET' && !feedback) {
          const actor = req.ctx.actor;
          d.recorder.view({
            workspaceId: outcome.workspaceId,
            articleId: ref.id,
            userId: isUser(actor) && actor.workspaceId === outcome.workspaceId ? actor.userId : null,
            visitorKey: ensureVisitorKey(d.p.config, req, reply),
            source: 'help_center',
          });
        }
        return send(req, reply, outcome.page, shared(req, r) && !feedback);
      },
    );

    app.post(
      '/hc/:locale/articles/:ref/feedback',
      { schema: { ...hidden, params: ArticleParams, querystring: WorkspaceQuery, body: FeedbackForm } },
      async (req, reply) => {
        const ref = parseArticleRef(req.params.ref);
        const r = isLocale(req.params.locale) ? await pageRequest(req, req.params.locale, req.query.workspace) : null;
        if (!r || !ref) return notFound(req, reply, r);
        const comment = req.body.comment?.slice(0, 2000);
        let state: 'thanks' | 'limited' = 'thanks';
        try {
          await d.feedback.submit(
            req.ctx,
            ref.id,
            { helpful: req.body.helpful === 'yes', comment },
            ensureVisitorKey(d.p.config, req, reply),
          );
        } catch (err) {
          if (err instanceof AppError && err.code === 'kb_article.not_found') return notFound(req, reply, r);
          if (!(err instanceof AppError && err.code === 'rate_limited')) throw err;
          state = 'limited';
        }
        const back = withWorkspace(`${articlePath(r.page.locale, ref.id, ref.slug ?? '')}?feedback=${state}`, r.page.linkSlug);
        return reply.redirect(`${back}#hc-feedback`, 303);
      },
    );

    app.get('/hc/:locale/search', { schema: { ...hidden, params: LocaleParams, querystring: SearchQuery } }, async (req, reply) => {
      const r = isLocale(req.params.locale) ? await pageRequest(req, req.params.locale, req.query.workspace) : null;
      if (!r) return notFound(req, reply, r);
      const q = (req.query.q ?? '').trim();
      const html = await d.pages.search(req.ctx, r, q, req.query.cursor, { source: 'help_center', visitorKey: readVisitorKey(req) });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    });

    app.get('/sitemap.xml', { schema: { ...hidden, querystring: WorkspaceQuery } }, async (req, reply) => {
      const ws = await d.workspaces.resolve(req.query.workspace);
      if (!ws) return reply.status(404).type('text/plain').send('Not found');
      const base = (path: string) => `${d.p.config.publicUrl}${withWorkspace(path, ws.linkSlug)}`;
      const page = await d.pages.sitemap(ws.row, base);
      if (!page) return reply.status(404).type('text/plain').send('Not found');
      return reply
        .type('application/xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('etag', page.etag)
        .send(page.html);
    });
  };
}
