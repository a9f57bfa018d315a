import type { Actor } from '../auth/actor.js';
import type { Ctx } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated actor and request metadata; set by the identity module's hook. */
    ctx: Ctx;
    actor: Actor;
    /** How the actor authenticated; CSRF is checked for cookie sessions only. */
    authVia: 'cookie' | 'bearer' | null;
    /** The raw session token from the cookie, when present. */
    sessionToken: string | null;
  }
}
