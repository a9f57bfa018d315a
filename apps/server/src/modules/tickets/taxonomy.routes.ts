import {
  CreateTaxonomyBodySchema,
  CustomerTaxonomySchema,
  IncludeArchivedQuerySchema,
  type TaxonomyKind,
  TaxonomySchema,
  UpdateTaxonomyBodySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentTaxonomy, presentTaxonomyForCustomer, type TaxonomyService } from './taxonomy.service.js';

const IdParams = z.object({ id: z.uuid() });

const KINDS: ReadonlyArray<{ kind: TaxonomyKind; path: string; plural: string; readers: string }> = [
  { kind: 'category', path: '/api/v1/categories', plural: 'Categories', readers: 'customers get the customer-visible ones' },
  { kind: 'type', path: '/api/v1/ticket-types', plural: 'Ticket types', readers: 'staff with ticket.read' },
];

/** The same four routes for categories and for ticket types. */
export function taxonomyRoutes(taxonomy: TaxonomyService): FastifyPluginAsyncZod {
  return async (app) => {
    for (const { kind, path, plural, readers } of KINDS) {
      app.get(
        path,
        {
          schema: {
            tags: ['ticket configuration'],
            summary: `${plural} (${readers})`,
            querystring: IncludeArchivedQuerySchema,
            response: { 200: z.union([z.array(TaxonomySchema), z.array(CustomerTaxonomySchema)]) },
          },
        },
        async (req) => {
          const { audience, rows } = await taxonomy.list(req.ctx, kind, { includeArchived: req.query.includeArchived === 'true' });
          return audience === 'staff' ? rows.map(presentTaxonomy) : rows.map(presentTaxonomyForCustomer);
        },
      );

      app.post(
        path,
        {
          schema: {
            tags: ['ticket configuration'],
            summary: `Create one of the ${plural.toLowerCase()} (admin.settings)`,
            body: CreateTaxonomyBodySchema,
            response: { 201: TaxonomySchema },
          },
        },
        async (req, reply) => reply.status(201).send(presentTaxonomy(await taxonomy.create(req.ctx, kind, req.body))),
      );

      app.patch(
        `${path}/:id`,
        {
          schema: {
            tags: ['ticket configuration'],
            summary: `Rename, reorder, hide or restore one of the ${plural.toLowerCase()} (admin.settings)`,
            params: IdParams,
            body: UpdateTaxonomyBodySchema,
            response: { 200: TaxonomySchema },
          },
        },
        async (req) => presentTaxonomy(await taxonomy.update(req.ctx, kind, req.params.id, req.body)),
      );

      app.delete(
        `${path}/:id`,
        {
          schema: {
            tags: ['ticket configuration'],
            summary: `Archive one of the ${plural.toLowerCase()}; tickets keep it (admin.settings)`,
            params: IdParams,
            response: { 204: z.null() },
          },
        },
        async (req, reply) => {
          await taxonomy.archive(req.ctx, kind, req.params.id);
          return reply.status(204).send(null);
        },
      );
    }
  };
}
