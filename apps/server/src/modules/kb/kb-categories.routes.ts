import {
  CreateKbCategoryBodySchema,
  KbCategorySchema,
  ReorderKbCategoriesBodySchema,
  UpdateKbCategoryBodySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CategoriesService } from './kb-categories.service.js';

const IdParams = z.object({ id: z.uuid() });
const tags = ['knowledge base'];

export function categoriesRoutes(categories: CategoriesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/kb/categories',
      {
        schema: {
          tags,
          summary: 'Categories and their sections (parentId = the category), in display order',
          response: { 200: z.object({ items: z.array(KbCategorySchema) }) },
        },
      },
      async (req) => ({ items: await categories.list(req.ctx) }),
    );

    app.post(
      '/api/v1/kb/categories',
      {
        schema: {
          tags,
          summary: 'Create a category, or a section of one (parentId); names per locale, slug derived from the English or first name',
          body: CreateKbCategoryBodySchema,
          response: { 201: KbCategorySchema },
        },
      },
      async (req, reply) => reply.status(201).send(await categories.create(req.ctx, req.body)),
    );

    app.put(
      '/api/v1/kb/categories/order',
      {
        schema: {
          tags,
          summary: 'Set the display order of the top-level categories (parentId null) or of one category’s sections',
          body: ReorderKbCategoriesBodySchema,
          response: { 200: z.object({ items: z.array(KbCategorySchema) }) },
        },
      },
      async (req) => ({ items: await categories.reorder(req.ctx, req.body.parentId, req.body.ids) }),
    );

    app.patch(
      '/api/v1/kb/categories/:id',
      {
        schema: {
          tags,
          summary: 'Rename (per locale), re-slug, move in the order or change the visibility of a category or section',
          params: IdParams,
          body: UpdateKbCategoryBodySchema,
          response: { 200: KbCategorySchema },
        },
      },
      async (req) => categories.update(req.ctx, req.params.id, req.body),
    );

    app.delete(
      '/api/v1/kb/categories/:id',
      {
        schema: {
          tags,
          summary: 'Delete an empty category or section (409 kb_category.not_empty while it holds sections or articles)',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await categories.remove(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
