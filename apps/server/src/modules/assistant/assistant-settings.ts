import type { AssistantSettings, AssistantSettingsBody } from '@switchboard/contracts';
import type { DbOrTx } from '../../platform/db/client.js';
import { findSettings } from './assistant.repo.js';
import type { KbPassageIndex } from './kb-index.js';

/** Defaults: answer when 60% of the question's terms are covered, clarify from 30%, two misses hand off. */
export const DEFAULT_SETTINGS: Omit<AssistantSettingsBody, 'enabled'> = {
  answerThreshold: 0.6,
  clarifyThreshold: 0.3,
  maxFailedTurns: 2,
  handoffKeywords: [],
};

/**
 * The settings in force. Until an admin saves settings the assistant is on exactly when the
 * workspace has a published article: with nothing to quote it could only hand off.
 */
export async function effectiveSettings(db: DbOrTx, index: KbPassageIndex, workspaceId: string): Promise<AssistantSettings> {
  const row = await findSettings(db, workspaceId);
  if (row) {
    return {
      enabled: row.enabled,
      answerThreshold: row.answerThreshold,
      clarifyThreshold: row.clarifyThreshold,
      maxFailedTurns: row.maxFailedTurns,
      handoffKeywords: row.handoffKeywords,
      source: 'saved',
      updatedAt: row.updatedAt.toISOString(),
    };
  }
  return { ...DEFAULT_SETTINGS, enabled: await index.hasPublished(db, workspaceId), source: 'default', updatedAt: null };
}
