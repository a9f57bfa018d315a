import type { Platform } from '../../platform/platform.js';
import { SCHEDULED_SEND_JOB, type ScheduledService } from './scheduled.service.js';

export interface ScheduledSendData {
  id: string;
}

/**
 * Scheduled replies are pg-boss jobs with `startAfter = send_at`, enqueued in the transaction
 * that stored the row: they live in the database, so a restart (or a crash) does not lose them.
 */
export function registerScheduledJobs(p: Platform, scheduled: ScheduledService): void {
  p.jobs.define<ScheduledSendData>({
    name: SCHEDULED_SEND_JOB,
    options: { retryLimit: 5, retryDelay: 5, retryBackoff: true },
    async handle(data) {
      await scheduled.send(data.id);
    },
  });
}
