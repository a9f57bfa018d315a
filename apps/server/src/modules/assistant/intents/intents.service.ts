import type { Intent, IntentBody, IntentList } from '@switchboard/contracts';
import type { Ctx } from '../../../platform/context.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { conflict, notFound } from '../../../platform/errors.js';
import type { Platform } from '../../../platform/platform.js';
import { recordAudit } from '../../audit/index.js';
import { requirePermission } from '../../identity/index.js';
import { type IntentLabel, IntentModels } from './intent-model.js';
import * as repo from './intents.repo.js';

const intentMissing = () => notFound('assistant_intent.not_found', 'Intent');
const nameTaken = () => conflict('assistant_intent.name_taken', 'Another intent already has this name');

export const presentIntent = (r: repo.IntentRow): Intent => ({
  id: r.id,
  name: r.name,
  description: r.description,
  examples: { en: r.examples.en ?? [], 'zh-CN': r.examples['zh-CN'] ?? [] },
  enabled: r.enabled,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Trained classifiers per workspace, shared by the admin API and the chat seat of this process. */
const models = new IntentModels();

/**
 * The admin intent of a visitor message, or null (no classifier: fewer than two enabled intents;
 * or out of scope). One cheap version query per call; the model retrains when the intents changed.
 */
export async function classifyIntent(db: DbOrTx, workspaceId: string, text: string): Promise<IntentLabel | null> {
  const version = await repo.intentsVersion(db, workspaceId);
  if (version.startsWith('0|')) return null;
  const rows = version === models.versionOf(workspaceId) ? [] : await repo.listIntents(db, workspaceId);
  const model = models.get(workspaceId, version, () => rows.map(presentIntent));
  return model ? model.classify(text) : null;
}

/** Admin CRUD for the assistant's intents (admin.settings). */
export function intentsService(p: Platform) {
  const admin = (ctx: Ctx) => requirePermission(ctx.actor, 'admin.settings').workspaceId;
  const audited = <T>(ctx: Ctx, ws: string, action: string, id: string | null, fn: (tx: DbOrTx) => Promise<T>) =>
    p.transaction(async (tx) => {
      const out = await fn(tx);
      await recordAudit(tx, ctx, { workspaceId: ws, action, ...(id ? { subject: { type: 'assistant', id } } : {}) });
      return out;
    });
  const checkName = async (db: DbOrTx, ws: string, name: string, id: string | null) => {
    const other = await repo.findIntentByName(db, ws, name);
    if (other && other.id !== id) throw nameTaken();
  };

  return {
    async list(ctx: Ctx): Promise<IntentList> {
      const ws = admin(ctx);
      const items = (await repo.listIntents(p.db, ws)).map(presentIntent);
      const trained = items.filter((i) => i.enabled && i.examples.en.length + i.examples['zh-CN'].length > 0);
      return { items, classifierReady: trained.length >= 2 };
    },
    async get(ctx: Ctx, id: string): Promise<Intent> {
      const row = await repo.findIntent(p.db, admin(ctx), id);
      if (!row) throw intentMissing();
      return presentIntent(row);
    },
    async create(ctx: Ctx, body: IntentBody): Promise<Intent> {
      const ws = admin(ctx);
      const row = await audited(ctx, ws, 'assistant.intent_created', null, async (tx) => {
        await checkName(tx, ws, body.name, null);
        return repo.insertIntent(tx, ws, body);
      });
      return presentIntent(row);
    },
    async update(ctx: Ctx, id: string, body: IntentBody): Promise<Intent> {
      const ws = admin(ctx);
      const row = await audited(ctx, ws, 'assistant.intent_updated', id, async (tx) => {
        if (!(await repo.findIntent(tx, ws, id))) throw intentMissing();
        await checkName(tx, ws, body.name, id);
        return (await repo.updateIntent(tx, ws, id, body)) ?? Promise.reject(intentMissing());
      });
      return presentIntent(row);
    },
    async remove(ctx: Ctx, id: string): Promise<void> {
      const ws = admin(ctx);
      await audited(
        ctx,
        ws,
        'assistant.intent_deleted',
        id,
        async (tx) => (await repo.deleteIntent(tx, ws, id)) || Promise.reject(intentMissing()),
      );
    },
  };
}

export type IntentsService = ReturnType<typeof intentsService>;
