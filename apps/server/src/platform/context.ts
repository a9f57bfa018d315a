import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from './auth/actor.js';

/** What every service function receives first. Nothing below a route sees HTTP objects. */
export interface Ctx {
  actor: Actor;
  log: FastifyBaseLogger;
  /** Where the request came from, for audit entries and throttling. */
  ip?: string | undefined;
  userAgent?: string | undefined;
}
