import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import type { WorkspacesService } from '../workspaces/index.js';
import { accountService } from './account.service.js';
import { registerAuthentication } from './auth.hook.js';
import { authRoutes } from './auth.routes.js';
import { authService, SESSION_COOKIE } from './auth.service.js';
import { CLEANUP_JOB, registerIdentityJobs } from './identity.jobs.js';
import { registerIdentityListeners } from './identity.listeners.js';
import { meRoutes } from './me.routes.js';
import { organizationsRoutes } from './organizations.routes.js';
import { organizationsService } from './organizations.service.js';
import { usersRoutes } from './users.routes.js';
import { usersService } from './users.service.js';

export { type AuthService, CSRF_COOKIE, SESSION_COOKIE } from './auth.service.js';
export { findOrCreateCustomer, organizationForEmail } from './customers.js';
export { CLEANUP_JOB, MAIL_JOB } from './identity.jobs.js';
export { requirePermission, requireUser } from './identity.policy.js';
export { findUserById, type UserRow } from './identity.repo.js';
export { organizations, roles, users } from './identity.schema.js';

/** Identity: sessions, tokens, 2FA, users, roles, invitations. Registers the auth hook. */
export async function registerIdentity(app: FastifyInstance, p: Platform, workspaces: WorkspacesService) {
  const auth = authService(p, workspaces);
  const account = accountService(p);
  const users = usersService(p);
  registerAuthentication(app, auth);
  registerIdentityJobs(p);
  registerIdentityListeners(p);
  p.realtime?.setAuthenticator(async ({ headers, auth: handshakeAuth }) => {
    const bearer = typeof handshakeAuth.token === 'string' ? handshakeAuth.token : null;
    if (bearer) return auth.authenticateToken(bearer);
    const cookie = headers.cookie ? app.parseCookie(headers.cookie)[SESSION_COOKIE] : undefined;
    if (!cookie) return null;
    const result = await auth.authenticateSession(cookie);
    return result.actor;
  });
  await app.register(authRoutes(p, auth, account, workspaces));
  await app.register(meRoutes(account));
  await app.register(usersRoutes(users));
  await app.register(organizationsRoutes(organizationsService(p)));
  return { auth, account, users, cleanupJob: CLEANUP_JOB };
}
