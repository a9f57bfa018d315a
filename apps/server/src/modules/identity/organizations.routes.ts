import {
  CreateOrganizationBodySchema,
  ListOrganizationsQuerySchema,
  OrganizationSchema,
  PageSchema,
  SetUserOrganizationBodySchema,
  UpdateOrganizationBodySchema,
  UserOrganizationSchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type OrganizationsService, presentOrganization } from './organizations.service.js';

const IdParams = z.object({ id: z.uuid() });

export function organizationsRoutes(orgs: OrganizationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/organizations',
      {
        schema: {
          tags: ['organizations'],
          summary: 'Organizations by name, optionally filtered by part of the name (keyset pagination)',
          querystring: ListOrganizationsQuerySchema,
          response: { 200: PageSchema(OrganizationSchema) },
        },
      },
      async (req) => {
        const { rows, nextCursor } = await orgs.list(req.ctx, req.query);
        return { items: rows.map(presentOrganization), nextCursor };
      },
    );

    app.post(
      '/api/v1/organizations',
      {
        schema: {
          tags: ['organizations'],
          summary: 'Create an organization; new customers from its domains join it (customer.manage)',
          body: CreateOrganizationBodySchema,
          response: { 201: OrganizationSchema },
        },
      },
      async (req, reply) => reply.status(201).send(presentOrganization(await orgs.create(req.ctx, req.body))),
    );

    app.patch(
      '/api/v1/organizations/:id',
      {
        schema: {
          tags: ['organizations'],
          summary: 'Rename an organization, replace its domains or notes (customer.manage)',
          params: IdParams,
          body: UpdateOrganizationBodySchema,
          response: { 200: OrganizationSchema },
        },
      },
      async (req) => presentOrganization(await orgs.update(req.ctx, req.params.id, req.body)),
    );

    app.delete(
      '/api/v1/organizations/:id',
      {
        schema: {
          tags: ['organizations'],
          summary: 'Delete an organization; its customers stay, without an organization (customer.manage)',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await orgs.remove(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/v1/users/:id/organization',
      {
        schema: {
          tags: ['organizations'],
          summary: "Set or clear a customer's organization (customer.manage)",
          params: IdParams,
          body: SetUserOrganizationBodySchema,
          response: { 200: UserOrganizationSchema },
        },
      },
      async (req) => orgs.setUserOrganization(req.ctx, req.params.id, req.body.organizationId),
    );
  };
}
