import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Platform } from '../../../platform/platform.js';
import { retrainWorkspace } from './triage-models.js';

export const TRIAGE_RETRAIN_JOB = 'assistant.triage_retrain';

export interface TriageRetrainData {
  workspaceId: string;
}

/** Retraining runs as a durable pg-boss job: it survives restarts and runs on any worker node. */
export function registerTriageJobs(p: Platform): void {
  p.jobs.define<TriageRetrainData>({
    name: TRIAGE_RETRAIN_JOB,
    options: { retryLimit: 3, retryDelay: 10, retryBackoff: true },
    concurrency: 1,
    async handle(data) {
      // No transaction: training is CPU-bound and must not hold a connection (PGlite has one).
      await retrainWorkspace(p.db, data.workspaceId);
    },
  });
}

export async function enqueueRetrain(p: Platform, tx: DbOrTx, actor: Actor, workspaceId: string): Promise<void> {
  await p.jobs.enqueue<TriageRetrainData>(tx, actor, TRIAGE_RETRAIN_JOB, { workspaceId });
}
