import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS } from '../../platform/auth/actor.js';
import type { Config } from '../../platform/config.js';
import { safeEqual } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { type AuthService, CSRF_COOKIE, SESSION_COOKIE } from './auth.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every /api request: `Authorization: Bearer <api token>` or the session cookie.
 * Cookie-authenticated writes must carry `x-csrf-token` (HMAC of the session token); bearer
 * requests are not exposed to CSRF and skip it.
 */
export function registerAuthentication(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('authVia', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (req) => {
    req.actor = ANONYMOUS;
    req.ctx = { actor: ANONYMOUS, log: req.log, ip: req.ip, userAgent: req.headers['user-agent'] };
    if (!req.url.startsWith('/api/')) return;

    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match?.[1] ? await auth.authenticateToken(match[1]) : null;
      if (!actor) throw new AppError('auth.unauthenticated', 401, 'The API token is invalid, expired or revoked');
      req.actor = actor;
      req.authVia = 'bearer';
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        req.sessionToken = token;
        const result = await auth.authenticateSession(token);
        if (result.actor) {
          req.actor = result.actor;
          req.authVia = 'cookie';
          if (!SAFE_METHODS.has(req.method)) {
            const sent = req.headers['x-csrf-token'];
            if (typeof sent !== 'string' || !safeEqual(sent, auth.csrfFor(token))) {
              throw new AppError('auth.csrf_invalid', 403, 'Missing or invalid CSRF token; reload the page');
            }
          }
        }
      }
    }
    if (req.actor.kind === 'agent' || req.actor.kind === 'customer') {
      req.log = req.log.child({ actor: { id: req.actor.userId, kind: req.actor.kind, via: req.authVia } });
    }
    req.ctx = { actor: req.actor, log: req.log, ip: req.ip, userAgent: req.headers['user-agent'] };
  });
}

export function cookieSecure(config: Config, req: FastifyRequest): boolean {
  if (config.COOKIE_SECURE === 'always') return true;
  if (config.COOKIE_SECURE === 'never') return false;
  return req.protocol === 'https';
}

export function setSessionCookies(
  config: Config,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  csrf: string,
  stage: 'active' | 'mfa',
): void {
  const secure = cookieSecure(config, req);
  const maxAge = stage === 'mfa' ? 600 : config.SESSION_ABSOLUTE_HOURS * 3600;
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge });
  if (stage === 'active') reply.setCookie(CSRF_COOKIE, csrf, { path: '/', httpOnly: false, sameSite: 'lax', secure, maxAge });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
