import { UpdateWorkspaceBodySchema, WorkspaceSettingsSchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentWorkspace, type WorkspacesService } from './workspaces.service.js';

export function workspacesRoutes(service: WorkspacesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/workspace',
      { schema: { tags: ['workspace'], summary: 'Settings of the current workspace', response: { 200: WorkspaceSettingsSchema } } },
      async (req) => presentWorkspace(await service.current(req.ctx)),
    );
    app.patch(
      '/api/v1/workspace',
      {
        schema: {
          tags: ['workspace'],
          summary: 'Change workspace settings (admin.settings)',
          body: UpdateWorkspaceBodySchema,
          response: { 200: WorkspaceSettingsSchema },
        },
      },
      async (req) => presentWorkspace(await service.update(req.ctx, req.body)),
    );
  };
}
