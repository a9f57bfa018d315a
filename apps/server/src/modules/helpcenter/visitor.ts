import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, ANONYMOUS } from '../../platform/auth/actor.js';
import type { Config } from '../../platform/config.js';
import { randomToken } from '../../platform/crypto.js';
import { type AuthService, SESSION_COOKIE } from '../identity/index.js';

/**
 * The long-lived first-party visitor cookie: counts unique views, keeps one vote per visitor and
 * article, and lets views made before signing in be attached to the customer later (deflection).
 * It holds a random id only.
 */
export const VISITOR_COOKIE = 'sb_vid';
const VISITOR_MAX_AGE_SECONDS = 400 * 24 * 3600;
const VALID_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export function readVisitorKey(req: FastifyRequest): string | null {
  const key = req.cookies[VISITOR_COOKIE];
  return key && VALID_KEY.test(key) ? key : null;
}

/** Same rule as the session cookie's. */
function secureCookie(config: Config, req: FastifyRequest): boolean {
  return config.COOKIE_SECURE === 'always' || (config.COOKIE_SECURE === 'auto' && req.protocol === 'https');
}

/** The visitor key of the request, set as a cookie first when the browser has none yet. */
export function ensureVisitorKey(config: Config, req: FastifyRequest, reply: FastifyReply): string {
  const existing = readVisitorKey(req);
  if (existing) return existing;
  const key = randomToken(18);
  reply.setCookie(VISITOR_COOKIE, key, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(config, req),
    maxAge: VISITOR_MAX_AGE_SECONDS,
  });
  return key;
}

/**
 * The auth hook only authenticates /api requests; help-center pages read the session cookie
 * themselves so signed-in customers see customers-only articles. API tokens are not accepted here.
 */
export async function pageActor(auth: AuthService, req: FastifyRequest): Promise<Actor> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return ANONYMOUS;
  const result = await auth.authenticateSession(token);
  return result.actor ?? ANONYMOUS;
}
