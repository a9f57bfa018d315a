import {
  CreateCustomFieldBodySchema,
  CustomerCustomFieldSchema,
  CustomFieldSchema,
  IncludeArchivedQuerySchema,
  UpdateCustomFieldBodySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type FieldsService, presentField, presentFieldForCustomer } from './fields.service.js';

const IdParams = z.object({ id: z.uuid() });

export function fieldsRoutes(fields: FieldsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/custom-fields',
      {
        schema: {
          tags: ['ticket configuration'],
          summary: 'Custom field definitions (customers: the fields they can see, without internal flags)',
          querystring: IncludeArchivedQuerySchema,
          // Staff first: a staff definition also satisfies the smaller customer shape.
          response: { 200: z.union([z.array(CustomFieldSchema), z.array(CustomerCustomFieldSchema)]) },
        },
      },
      async (req) => {
        const { audience, rows } = await fields.list(req.ctx, { includeArchived: req.query.includeArchived === 'true' });
        return audience === 'staff' ? rows.map(presentField) : rows.map(presentFieldForCustomer);
      },
    );

    app.post(
      '/api/v1/custom-fields',
      {
        schema: {
          tags: ['ticket configuration'],
          summary: 'Create a custom field (admin.settings)',
          body: CreateCustomFieldBodySchema,
          response: { 201: CustomFieldSchema },
        },
      },
      async (req, reply) => reply.status(201).send(presentField(await fields.create(req.ctx, req.body))),
    );

    app.patch(
      '/api/v1/custom-fields/:id',
      {
        schema: {
          tags: ['ticket configuration'],
          summary: 'Change labels, options and flags of a custom field; the key and type stay (admin.settings)',
          params: IdParams,
          body: UpdateCustomFieldBodySchema,
          response: { 200: CustomFieldSchema },
        },
      },
      async (req) => presentField(await fields.update(req.ctx, req.params.id, req.body)),
    );

    app.delete(
      '/api/v1/custom-fields/:id',
      {
        schema: {
          tags: ['ticket configuration'],
          summary: 'Archive a custom field: values stay on tickets, new values are refused (admin.settings)',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await fields.archive(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
