import type { ChannelConfig } from '@switchboard/contracts';
import type { ChannelRow } from './channels.repo.js';

/** Admin view of a channel. Never the secret. */
export function presentChannel(row: ChannelRow): ChannelConfig {
  return {
    id: row.id,
    kind: row.kind as ChannelConfig['kind'],
    name: row.name,
    publicKey: row.publicKey,
    settings: row.settings,
    enabled: row.enabled,
    secretRotatedAt: row.secretRotatedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
