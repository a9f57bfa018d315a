import type { FastifyInstance } from 'fastify';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Platform } from '../../platform/platform.js';
import { kindOf } from './channel-kinds.js';
import { type ChannelRow, findChannelById, findChannelByPublicKey } from './channels.repo.js';
import { channelsRoutes } from './channels.routes.js';
import { channelsService } from './channels.service.js';

export { channelKinds, kindOf } from './channel-kinds.js';
export type { ChannelRow } from './channels.repo.js';
export { channels } from './channels.schema.js';

const parsedSettings = new WeakMap<ChannelRow, object>();

/** Channels: configured inboxes with per-kind settings and an encrypted signing secret. */
export async function registerChannels(app: FastifyInstance, p: Platform) {
  const service = channelsService(p);
  await app.register(channelsRoutes(service));
  return {
    service,
    /** The channel behind a widget's public key (any workspace), or null. Cached for a few seconds (`p.cache`). */
    byPublicKey: (publicKey: string) => p.cache.get('channel-key', publicKey, () => findChannelByPublicKey(p.db, publicKey)),
    /**
     * A channel by id, for modules that stored it (no workspace check: the caller's row is scoped).
     * Cached for a few seconds; `db` is the handle a miss reads through (the caller's transaction).
     */
    byId: (db: DbOrTx, id: string) => p.cache.get('channel', id, () => findChannelById(db, id)),
    /** The plaintext signing secret. */
    secretOf: (row: ChannelRow) => p.secrets.decrypt(row.secretEnc),
    /** Settings as the kind's schema reads them now (defaults for values added since they were saved). */
    settingsOf: <T>(row: ChannelRow): T => {
      // Parsed once per row object: a cached channel is the same object for every chat line.
      let parsed = parsedSettings.get(row);
      if (parsed === undefined) {
        parsed = Object.freeze(kindOf(row.kind)?.settingsSchema.parse(row.settings) ?? row.settings) as object;
        parsedSettings.set(row, parsed);
      }
      return parsed as T;
    },
  };
}

export type ChannelsModule = Awaited<ReturnType<typeof registerChannels>>;
