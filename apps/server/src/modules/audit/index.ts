export { auditRoutes } from './audit.routes.js';
export { auditLog } from './audit.schema.js';
export { recordAudit } from './audit.service.js';
