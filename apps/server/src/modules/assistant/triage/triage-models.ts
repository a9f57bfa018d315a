import { IntentClassifier } from '@switchboard/assistant-engine';
import type { DbOrTx } from '../../../platform/db/client.js';
import { findModelInfo, findModelJson, findTrainingRows, saveModel, type TriageModelInfoRow } from './triage.repo.js';
import { MODEL_FIELDS, type ModelField, trainField, triageText } from './triage-model.js';

export interface LoadedModels {
  byField: Partial<Record<ModelField, { version: number; classifier: IntentClassifier | null }>>;
  rows: TriageModelInfoRow[];
}

/**
 * Parsed classifiers per workspace and field, keyed by the stored version: a retrain on any node
 * bumps the version, so every node picks up the new model on its next ticket.
 */
export class TriageModelCache {
  private readonly cache = new Map<string, { version: number; classifier: IntentClassifier | null }>();

  async load(db: DbOrTx, workspaceId: string): Promise<LoadedModels> {
    const rows = await findModelInfo(db, workspaceId);
    const byField: LoadedModels['byField'] = {};
    for (const row of rows) {
      const field = row.field as ModelField;
      const key = `${workspaceId}:${field}`;
      let hit = this.cache.get(key);
      if (!hit || hit.version !== row.version) {
        const full = row.labels === null ? null : await findModelJson(db, workspaceId, field);
        hit = { version: full?.version ?? row.version, classifier: full?.model ? IntentClassifier.fromJSON(full.model) : null };
        this.cache.set(key, hit);
      }
      byField[field] = hit;
    }
    return { byField, rows };
  }
}

/** Retrains every field of a workspace from its labelled tickets (corrections weigh more). */
export async function retrainWorkspace(db: DbOrTx, workspaceId: string): Promise<void> {
  for (const field of MODEL_FIELDS) {
    const rows = await findTrainingRows(db, workspaceId, field);
    const trained = trainField(rows.map((r) => ({ text: triageText(r.subject, r.body ?? ''), label: r.label, corrected: r.corrected })));
    await saveModel(db, { workspaceId, field, ...trained });
  }
}
