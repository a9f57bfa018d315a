import { AuditEntrySchema, ListAuditQuerySchema, PageSchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { invalid } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { auditService } from './audit.service.js';

export function auditRoutes(p: Platform): FastifyPluginAsyncZod {
  const service = auditService(p);
  return async (app) => {
    app.get(
      '/api/v1/audit-log',
      {
        schema: {
          tags: ['audit'],
          summary: 'Security audit log of the workspace, newest first',
          querystring: ListAuditQuerySchema,
          response: { 200: PageSchema(AuditEntrySchema) },
        },
      },
      async (req) => {
        if (req.query.cursor && !isUuid(req.query.cursor)) throw invalid('cursor', 'Invalid cursor');
        return service.list(req.ctx, req.query);
      },
    );
  };
}
