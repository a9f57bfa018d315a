import {
  CreateInvitationBodySchema,
  CreateRoleBodySchema,
  InvitationSchema,
  ListUsersQuerySchema,
  PageSchema,
  PERMISSIONS,
  RoleSchema,
  UpdateRoleBodySchema,
  UpdateUserBodySchema,
  UserSchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { requireUser } from './identity.policy.js';
import { presentRole, presentUser } from './identity.presenter.js';
import type { UsersService } from './users.service.js';

const IdParams = z.object({ id: z.uuid() });

function presentInvitation(i: {
  id: string;
  email: string;
  name: string | null;
  role: string;
  invitedBy: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  createdAt: Date;
}) {
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role,
    invitedBy: i.invitedBy,
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
  };
}

export function usersRoutes(users: UsersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Users of the workspace (keyset pagination)',
          querystring: ListUsersQuerySchema,
          response: { 200: PageSchema(UserSchema) },
        },
      },
      async (req) => {
        if (req.query.cursor && !isUuid(req.query.cursor)) throw invalid('cursor', 'Invalid cursor');
        const { rows, nextCursor } = await users.list(req.ctx, req.query);
        return { items: rows.map(presentUser), nextCursor };
      },
    );

    app.get(
      '/api/v1/users/:id',
      { schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: UserSchema } } },
      async (req) => presentUser(await users.get(req.ctx, req.params.id)),
    );

    app.patch(
      '/api/v1/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Change a user: name, role, language, disable (user.manage)',
          params: IdParams,
          body: UpdateUserBodySchema,
          response: { 200: UserSchema },
        },
      },
      async (req) => presentUser(await users.update(req.ctx, req.params.id, req.body)),
    );

    app.get(
      '/api/v1/permissions',
      { schema: { tags: ['roles'], summary: 'The permission catalog', response: { 200: z.array(z.string()) } } },
      async (req) => {
        requireUser(req.actor);
        return [...PERMISSIONS];
      },
    );

    app.get(
      '/api/v1/roles',
      { schema: { tags: ['roles'], summary: 'Roles with their permissions', response: { 200: z.array(RoleSchema) } } },
      async (req) => (await users.listRoles(req.ctx)).map((r) => presentRole(r.role, r.userCount)),
    );

    app.post(
      '/api/v1/roles',
      { schema: { tags: ['roles'], summary: 'Create a custom role', body: CreateRoleBodySchema, response: { 201: RoleSchema } } },
      async (req, reply) => reply.status(201).send(presentRole(await users.createRole(req.ctx, req.body), 0)),
    );

    app.patch(
      '/api/v1/roles/:id',
      {
        schema: {
          tags: ['roles'],
          summary: 'Change a custom role',
          params: IdParams,
          body: UpdateRoleBodySchema,
          response: { 200: RoleSchema },
        },
      },
      async (req) => presentRole(await users.updateRole(req.ctx, req.params.id, req.body), 0),
    );

    app.delete(
      '/api/v1/roles/:id',
      { schema: { tags: ['roles'], summary: 'Delete an unused custom role', params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await users.deleteRole(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/invitations',
      { schema: { tags: ['users'], summary: 'Pending and accepted invitations', response: { 200: z.array(InvitationSchema) } } },
      async (req) => (await users.listInvitations(req.ctx)).map(presentInvitation),
    );

    app.post(
      '/api/v1/invitations',
      {
        schema: {
          tags: ['users'],
          summary: 'Invite a staff member by email',
          body: CreateInvitationBodySchema,
          response: { 201: InvitationSchema },
        },
      },
      async (req, reply) => reply.status(201).send(presentInvitation(await users.invite(req.ctx, req.body))),
    );

    app.delete(
      '/api/v1/invitations/:id',
      { schema: { tags: ['users'], summary: 'Revoke a pending invitation', params: IdParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await users.revokeInvitation(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
