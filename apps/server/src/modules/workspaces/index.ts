export { workspacesRoutes } from './workspaces.routes.js';
export { workspaces } from './workspaces.schema.js';
export { presentWorkspace, type WorkspaceRow, type WorkspacesService, workspacesService } from './workspaces.service.js';
