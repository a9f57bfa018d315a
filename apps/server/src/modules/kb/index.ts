import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import type { TicketsModule } from '../tickets/index.js';
import { registerKbJobs } from './kb.jobs.js';
import { articlesRoutes } from './kb.routes.js';
import { articlesService } from './kb-articles.service.js';
import { categoriesRoutes } from './kb-categories.routes.js';
import { categoriesService } from './kb-categories.service.js';
import type { KbCore } from './kb-core.js';
import { fromMessageService } from './kb-from-message.service.js';
import { importExportService } from './kb-import.service.js';
import { importExportRoutes } from './kb-import-export.routes.js';
import { versionsRoutes } from './kb-versions.routes.js';
import { versionsService } from './kb-versions.service.js';
import { workflowRoutes } from './kb-workflow.routes.js';
import { workflowService } from './kb-workflow.service.js';

export { mostRestrictive } from './kb.policy.js';
export { recordSearchWords } from './kb.repo.js';
export { kbArticles, kbArticleVersions, kbCategories, kbFeedback, kbReviews, kbSearches, kbSearchWords, kbViews } from './kb.schema.js';
export { getPublishedArticle, type PublishedArticle } from './kb-read.js';
export { articleSearchVector } from './kb-search-document.js';
export { SCHEDULED_PUBLISH_JOB } from './kb-workflow.service.js';

/** Knowledge base authoring: categories, articles, translations, versions, workflow, import/export. */
export async function registerKb(app: FastifyInstance, p: Platform, tickets: TicketsModule) {
  const core: KbCore = { p, tickets };
  const articles = articlesService(core);
  const workflow = workflowService(core);
  const fromMessage = fromMessageService(core);
  const versions = versionsService(core);
  const categories = categoriesService(core);
  const importExport = importExportService(core);
  registerKbJobs(p, workflow);
  await app.register(categoriesRoutes(categories));
  await app.register(articlesRoutes(core, articles, fromMessage));
  await app.register(workflowRoutes(workflow));
  await app.register(versionsRoutes(versions));
  await app.register(importExportRoutes(importExport));
  return { articles, workflow, fromMessage, versions, categories, importExport };
}

export type KbModule = Awaited<ReturnType<typeof registerKb>>;
