import type { CreateChannelBodySchema, UpdateChannelBodySchema } from '@switchboard/contracts';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { randomToken } from '../../platform/crypto.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { requirePermission } from '../identity/index.js';
import { kindOf } from './channel-kinds.js';
import { presentChannel } from './channels.presenter.js';
import { type ChannelRow, deleteChannel, findChannel, findChannels, insertChannel, updateChannel } from './channels.repo.js';

type CreateBody = z.infer<typeof CreateChannelBodySchema>;
type UpdateBody = z.infer<typeof UpdateChannelBodySchema>;

export const channelNotFound = () => notFound('channel.not_found', 'Channel');

/** Settings checked by the kind's schema; field errors point into `settings.`. */
export function parseSettings(kind: string, settings: unknown): Record<string, unknown> {
  const def = kindOf(kind);
  if (!def)
    throw new AppError('validation.failed', 400, 'Unknown channel kind', {
      errors: [{ path: 'kind', message: 'Unknown kind', code: 'invalid' }],
    });
  const parsed = def.settingsSchema.safeParse(settings ?? {});
  if (parsed.success) return parsed.data;
  throw new AppError('channel.settings_invalid', 400, 'The channel settings are invalid', {
    errors: parsed.error.issues.map((i) => ({ path: ['settings', ...i.path].join('.'), message: i.message, code: i.code })),
  });
}

/** Admin CRUD over channels (admin.settings). Secrets are shown once: on create and rotation. */
export function channelsService(p: Platform) {
  const newSecret = () => randomToken(32);

  async function load(ctx: Ctx, id: string): Promise<ChannelRow> {
    const actor = requirePermission(ctx.actor, 'admin.settings');
    const row = await findChannel(p.db, actor.workspaceId, id);
    if (!row) throw channelNotFound();
    return row;
  }

  async function changed(tx: Parameters<Parameters<Platform['transaction']>[0]>[0], ctx: Ctx, row: ChannelRow, action: string) {
    p.cache.invalidate('channel', row.id);
    p.cache.invalidate('channel-key', row.publicKey);
    await recordAudit(tx, ctx, { workspaceId: row.workspaceId, action, subject: { type: 'channel', id: row.id } });
    await recordEvent(tx, ctx.actor, {
      workspaceId: row.workspaceId,
      type: 'channel.changed',
      subject: { type: 'channel', id: row.id },
      payload: { channelId: row.id, action },
    });
  }

  return {
    async list(ctx: Ctx) {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      return (await findChannels(p.db, actor.workspaceId)).map(presentChannel);
    },

    async get(ctx: Ctx, id: string) {
      return presentChannel(await load(ctx, id));
    },

    async create(ctx: Ctx, input: CreateBody) {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      const settings = parseSettings(input.kind, input.settings);
      const secret = newSecret();
      return p.transaction(async (tx) => {
        const row = await insertChannel(tx, {
          id: uuidv7(),
          workspaceId: actor.workspaceId,
          kind: input.kind,
          name: input.name,
          publicKey: `pk_${randomToken(18)}`,
          secretEnc: p.secrets.encrypt(secret),
          settings,
          enabled: input.enabled,
        });
        await changed(tx, ctx, row, 'channel.created');
        return { channel: presentChannel(row), secret };
      });
    },

    async update(ctx: Ctx, id: string, input: UpdateBody) {
      const before = await load(ctx, id);
      const set: Partial<ChannelRow> = {};
      if (input.name !== undefined) set.name = input.name;
      if (input.enabled !== undefined) set.enabled = input.enabled;
      if (input.settings !== undefined) set.settings = parseSettings(before.kind, input.settings);
      return p.transaction(async (tx) => {
        const row = await updateChannel(tx, id, set);
        await changed(tx, ctx, row, 'channel.updated');
        return presentChannel(row);
      });
    },

    /** A new secret: identities signed with the old one stop verifying at once. */
    async rotateSecret(ctx: Ctx, id: string) {
      await load(ctx, id);
      const secret = newSecret();
      return p.transaction(async (tx) => {
        const row = await updateChannel(tx, id, { secretEnc: p.secrets.encrypt(secret), secretRotatedAt: new Date() });
        await changed(tx, ctx, row, 'channel.secret_rotated');
        return { channel: presentChannel(row), secret };
      });
    },

    async remove(ctx: Ctx, id: string) {
      const row = await load(ctx, id);
      await p.transaction(async (tx) => {
        await changed(tx, ctx, row, 'channel.deleted');
        await deleteChannel(tx, id);
      });
    },
  };
}

export type ChannelsService = ReturnType<typeof channelsService>;
