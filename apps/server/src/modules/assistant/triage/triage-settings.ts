import type { TriageSettingsBody } from '@switchboard/contracts';
import type { DbOrTx } from '../../../platform/db/client.js';
import { findTriageSettings } from './triage.repo.js';

/**
 * Defaults: on; category and team (learned from this workspace's own history) apply at 85%
 * confidence; priority and language (keyword/sentiment and detector guesses, no history) are only
 * suggested until an admin lowers their threshold below 1, since a wrong urgent priority or
 * language silently changes SLAs and the language customers are written to in. Retrain after 20
 * corrections.
 */
export const DEFAULT_TRIAGE_SETTINGS: TriageSettingsBody = {
  enabled: true,
  thresholds: { category: 0.85, priority: 1, team: 0.85, language: 1 },
  retrainAfterCorrections: 20,
};

export async function effectiveTriageSettings(db: DbOrTx, workspaceId: string) {
  const row = await findTriageSettings(db, workspaceId);
  if (!row) return { ...DEFAULT_TRIAGE_SETTINGS, source: 'default' as const, updatedAt: null };
  return {
    enabled: row.enabled,
    thresholds: row.thresholds,
    retrainAfterCorrections: row.retrainAfterCorrections,
    source: 'saved' as const,
    updatedAt: row.updatedAt.toISOString(),
  };
}
