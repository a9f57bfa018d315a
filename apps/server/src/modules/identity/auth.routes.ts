import {
  AcceptInvitationBodySchema,
  ForgotPasswordBodySchema,
  InvitationLookupSchema,
  LoginBodySchema,
  LoginResultSchema,
  MfaLoginBodySchema,
  ResetPasswordBodySchema,
  SessionInfoSchema,
  SignedInSchema,
  SignupBodySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUser } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/platform.js';
import type { WorkspacesService } from '../workspaces/index.js';
import type { AccountService } from './account.service.js';
import { clearSessionCookies, setSessionCookies } from './auth.hook.js';
import type { AuthService, SignedIn } from './auth.service.js';
import { requireUser } from './identity.policy.js';
import { presentMe } from './identity.presenter.js';

export function authRoutes(p: Platform, auth: AuthService, account: AccountService, workspaces: WorkspacesService): FastifyPluginAsyncZod {
  return async (app) => {
    const signedIn = (result: SignedIn) => ({
      status: 'ok' as const,
      user: presentMe(result.user, result.permissions),
      csrfToken: auth.csrfFor(result.token),
    });

    app.get(
      '/api/v1/auth/session',
      {
        schema: {
          tags: ['auth'],
          summary: 'Who am I (null when signed out), the CSRF token and the workspace branding',
          querystring: z.object({ workspace: z.string().max(64).optional() }),
          response: { 200: SessionInfoSchema },
        },
      },
      async (req) => {
        const actor = req.actor;
        const ws = isUser(actor)
          ? await workspaces.findById(actor.workspaceId)
          : req.query.workspace
            ? await workspaces.findBySlug(req.query.workspace)
            : await workspaces.primary();
        let mfaPending = false;
        if (!isUser(actor) && req.sessionToken) mfaPending = (await auth.authenticateSession(req.sessionToken)).mfaPending;
        const me = isUser(actor) ? await account.me(req.ctx) : null;
        return {
          user: me ? presentMe(me.user, me.permissions) : null,
          csrfToken: me && req.authVia === 'cookie' && req.sessionToken ? auth.csrfFor(req.sessionToken) : null,
          mfaPending,
          workspace: ws
            ? {
                id: ws.id,
                name: ws.name,
                slug: ws.slug,
                defaultLocale: ws.defaultLocale === 'zh-CN' ? ('zh-CN' as const) : ('en' as const),
                logoUrl: ws.logoUrl,
              }
            : null,
          signupEnabled: ws?.signupEnabled ?? false,
        };
      },
    );

    app.post(
      '/api/v1/auth/login',
      {
        schema: { tags: ['auth'], summary: 'Sign in with email and password', body: LoginBodySchema, response: { 200: LoginResultSchema } },
      },
      async (req, reply) => {
        const outcome = await auth.login(req.ctx, req.body);
        if (outcome.status === 'mfa_required') {
          setSessionCookies(p.config, req, reply, outcome.token, '', 'mfa');
          return { status: 'mfa_required' as const };
        }
        setSessionCookies(p.config, req, reply, outcome.token, auth.csrfFor(outcome.token), 'active');
        return signedIn(outcome);
      },
    );

    app.post(
      '/api/v1/auth/login/mfa',
      {
        schema: {
          tags: ['auth'],
          summary: 'Second sign-in step: a TOTP code or a recovery code',
          body: MfaLoginBodySchema,
          response: { 200: SignedInSchema },
        },
      },
      async (req, reply) => {
        const result = await auth.completeMfa(req.ctx, req.sessionToken, req.body);
        setSessionCookies(p.config, req, reply, result.token, auth.csrfFor(result.token), 'active');
        return signedIn(result);
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null() } } },
      async (req, reply) => {
        await auth.logout(req.ctx, req.sessionToken);
        clearSessionCookies(reply);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/logout-all',
      { schema: { tags: ['auth'], summary: 'End every session of the signed-in user', response: { 204: z.null() } } },
      async (req, reply) => {
        await auth.logoutEverywhere(req.ctx, requireUser(req.actor));
        clearSessionCookies(reply);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/signup',
      { schema: { tags: ['auth'], summary: 'Customer self sign-up', body: SignupBodySchema, response: { 201: SignedInSchema } } },
      async (req, reply) => {
        const result = await auth.signup(req.ctx, req.body);
        setSessionCookies(p.config, req, reply, result.token, auth.csrfFor(result.token), 'active');
        return reply.status(201).send(signedIn(result));
      },
    );

    app.post(
      '/api/v1/auth/password/forgot',
      {
        schema: {
          tags: ['auth'],
          summary: 'Email a password reset link (always 202)',
          body: ForgotPasswordBodySchema,
          response: { 202: z.null() },
        },
      },
      async (req, reply) => {
        await auth.requestPasswordReset(req.ctx, req.body);
        return reply.status(202).send(null);
      },
    );

    app.post(
      '/api/v1/auth/password/reset',
      {
        schema: {
          tags: ['auth'],
          summary: 'Set a new password with an emailed token; ends all sessions',
          body: ResetPasswordBodySchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await auth.resetPassword(req.ctx, req.body);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/invitations/lookup',
      {
        schema: {
          tags: ['auth'],
          summary: 'What an invitation link is for',
          querystring: z.object({ token: z.string().min(10).max(200) }),
          response: { 200: InvitationLookupSchema },
        },
      },
      async (req) => {
        const { invitation, workspaceName } = await auth.lookupInvitation(req.query.token);
        return { email: invitation.email, role: invitation.role, workspaceName };
      },
    );

    app.post(
      '/api/v1/auth/invitations/accept',
      {
        schema: {
          tags: ['auth'],
          summary: 'Accept a staff invitation and sign in',
          body: AcceptInvitationBodySchema,
          response: { 201: SignedInSchema },
        },
      },
      async (req, reply) => {
        const result = await auth.acceptInvitation(req.ctx, req.body);
        setSessionCookies(p.config, req, reply, result.token, auth.csrfFor(result.token), 'active');
        return reply.status(201).send(signedIn(result));
      },
    );
  };
}
