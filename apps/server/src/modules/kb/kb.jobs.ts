import type { Platform } from '../../platform/platform.js';
import { SCHEDULED_PUBLISH_JOB, type ScheduledPublishData, type WorkflowService } from './kb-workflow.service.js';

/**
 * Scheduled publishing is a pg-boss job with `startAfter = publish_at`, enqueued in the
 * transaction that set publish_at: it lives in the database, so a restart does not lose it.
 */
export function registerKbJobs(p: Platform, workflow: WorkflowService): void {
  p.jobs.define<ScheduledPublishData>({
    name: SCHEDULED_PUBLISH_JOB,
    options: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
    async handle(data) {
      await workflow.publishDue(data);
    },
  });
}
