import type { NotificationPreferences, UpdateNotificationPreferencesBody } from '@switchboard/contracts';
import type { Ctx } from '../../platform/context.js';
import { invalid, notFound } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { requirePermission } from '../identity/index.js';
import { applyPreferenceUpdate, resolvePreferences } from './notification-preferences.js';
import { presentNotification } from './notifications.presenter.js';
import {
  countUnread,
  findForUser,
  findPreferenceRows,
  listForUser,
  markAllRead,
  markRead,
  upsertPreferences,
} from './notifications.repo.js';

/** Notifications are for staff; every staff role reads tickets, customers do not. */
const requireStaff = (ctx: Ctx) => requirePermission(ctx.actor, 'ticket.read');

interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [unknown, unknown];
    const createdAt = new Date(String(at));
    if (typeof id === 'string' && isUuid(id) && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // falls through to the validation error
  }
  throw invalid('cursor', 'This cursor is not valid; start again from the first page', 'cursor_invalid');
}

const notificationNotFound = () => notFound('notification.not_found', 'Notification');

export function notificationsService(p: Platform) {
  return {
    /** The caller's own notifications, newest first. */
    async list(ctx: Ctx, input: { unread: boolean; limit: number; cursor?: string | undefined }) {
      const me = requireStaff(ctx);
      const before = input.cursor ? decodeCursor(input.cursor) : null;
      const rows = await listForUser(p.db, me.userId, { unreadOnly: input.unread, limit: input.limit + 1, before });
      const page = rows.slice(0, input.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(presentNotification),
        nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
      };
    },

    async unreadCount(ctx: Ctx): Promise<number> {
      const me = requireStaff(ctx);
      return countUnread(p.db, me.userId);
    },

    /** Another user's notification is as unknown as a missing one. */
    async markRead(ctx: Ctx, id: string) {
      const me = requireStaff(ctx);
      const row = await findForUser(p.db, me.userId, id);
      if (!row) throw notificationNotFound();
      if (row.readAt) return presentNotification(row);
      await markRead(p.db, me.userId, id);
      return presentNotification({ ...row, readAt: (await findForUser(p.db, me.userId, id))?.readAt ?? new Date() });
    },

    async markAllRead(ctx: Ctx): Promise<number> {
      const me = requireStaff(ctx);
      return markAllRead(p.db, me.userId);
    },

    async preferences(ctx: Ctx): Promise<NotificationPreferences> {
      const me = requireStaff(ctx);
      const [row] = await findPreferenceRows(p.db, [me.userId]);
      return { kinds: resolvePreferences(row?.kinds) };
    },

    async updatePreferences(ctx: Ctx, input: UpdateNotificationPreferencesBody): Promise<NotificationPreferences> {
      const me = requireStaff(ctx);
      return p.transaction(async (tx) => {
        const [row] = await findPreferenceRows(tx, [me.userId]);
        const kinds = applyPreferenceUpdate(row?.kinds, input.kinds);
        await upsertPreferences(tx, me.workspaceId, me.userId, kinds);
        return { kinds };
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof notificationsService>;
