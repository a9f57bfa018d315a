import {
  ApiTokenSchema,
  ChangePasswordBodySchema,
  CreateApiTokenBodySchema,
  MeSchema,
  RecoveryCodesSchema,
  SessionSummarySchema,
  TotpDisableBodySchema,
  TotpEnableBodySchema,
  TotpSetupSchema,
  UpdateMeBodySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccountService } from './account.service.js';
import { presentMe } from './identity.presenter.js';

const IdParams = z.object({ id: z.uuid() });

export function meRoutes(account: AccountService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/me', { schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: MeSchema } } }, async (req) => {
      const { user, permissions } = await account.me(req.ctx);
      return presentMe(user, permissions);
    });

    app.patch(
      '/api/v1/me',
      { schema: { tags: ['me'], summary: 'Change my name, language or time zone', body: UpdateMeBodySchema, response: { 200: MeSchema } } },
      async (req) => {
        const { user, permissions } = await account.updateMe(req.ctx, req.body);
        return presentMe(user, permissions);
      },
    );

    app.post(
      '/api/v1/me/password',
      {
        schema: {
          tags: ['me'],
          summary: 'Change my password (ends my other sessions)',
          body: ChangePasswordBodySchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await account.changePassword(req.ctx, req.body);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/me/2fa/setup',
      { schema: { tags: ['me'], summary: 'Start TOTP enrolment', response: { 200: TotpSetupSchema } } },
      async (req) => account.startTotp(req.ctx),
    );

    app.post(
      '/api/v1/me/2fa/enable',
      {
        schema: {
          tags: ['me'],
          summary: 'Confirm TOTP with a code; returns recovery codes once',
          body: TotpEnableBodySchema,
          response: { 200: RecoveryCodesSchema },
        },
      },
      async (req) => ({ recoveryCodes: await account.enableTotp(req.ctx, req.body.code) }),
    );

    app.post(
      '/api/v1/me/2fa/disable',
      { schema: { tags: ['me'], summary: 'Turn two-factor authentication off', body: TotpDisableBodySchema, response: { 204: z.null() } } },
      async (req, reply) => {
        await account.disableTotp(req.ctx, req.body.password);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/me/2fa/recovery-codes',
      {
        schema: { tags: ['me'], summary: 'Replace my recovery codes', body: TotpDisableBodySchema, response: { 200: RecoveryCodesSchema } },
      },
      async (req) => ({ recoveryCodes: await account.regenerateRecoveryCodes(req.ctx, req.body.password) }),
    );

    app.get(
      '/api/v1/me/sessions',
      { schema: { tags: ['me'], summary: 'My active sessions', response: { 200: z.array(SessionSummarySchema) } } },
      async (req) => account.listSessions(req.ctx),
    );

    app.delete(
      '/api/v1/me/sessions/:id',
      { schema: { tags: ['me'], summary: 'End one of my sessions', params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await account.revokeSession(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/me/tokens',
      { schema: { tags: ['me'], summary: 'My API tokens', response: { 200: z.array(ApiTokenSchema) } } },
      async (req) => account.listTokens(req.ctx),
    );

    app.post(
      '/api/v1/me/tokens',
      {
        schema: {
          tags: ['me'],
          summary: 'Create an API token; the secret is shown only in this response',
          body: CreateApiTokenBodySchema,
          response: { 201: ApiTokenSchema.extend({ token: z.string() }) },
        },
      },
      async (req, reply) => reply.status(201).send(await account.createToken(req.ctx, req.body)),
    );

    app.delete(
      '/api/v1/me/tokens/:id',
      { schema: { tags: ['me'], summary: 'Revoke an API token', params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await account.revokeToken(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
