import {
  ListNotificationsQuerySchema,
  NotificationPageSchema,
  NotificationPreferencesSchema,
  NotificationSchema,
  UnreadCountSchema,
  UpdateNotificationPreferencesBodySchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { NotificationsService } from './notifications.service.js';

const IdParams = z.object({ id: z.uuid() });

export function notificationsRoutes(notifications: NotificationsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: 'My notifications, newest first (staff; keyset pages via nextCursor)',
          querystring: ListNotificationsQuerySchema,
          response: { 200: NotificationPageSchema },
        },
      },
      async (req) => notifications.list(req.ctx, req.query),
    );

    app.get(
      '/api/v1/notifications/unread-count',
      { schema: { tags: ['notifications'], summary: 'How many of my notifications are unread', response: { 200: UnreadCountSchema } } },
      async (req) => ({ count: await notifications.unreadCount(req.ctx) }),
    );

    app.post(
      '/api/v1/notifications/:id/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark one of my notifications read (someone else’s answers notification.not_found)',
          params: IdParams,
          response: { 200: NotificationSchema },
        },
      },
      async (req) => notifications.markRead(req.ctx, req.params.id),
    );

    app.post(
      '/api/v1/notifications/read-all',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark all my notifications read',
          response: { 200: z.object({ updated: z.number().int() }) },
        },
      },
      async (req) => ({ updated: await notifications.markAllRead(req.ctx) }),
    );

    app.get(
      '/api/v1/me/notification-preferences',
      {
        schema: {
          tags: ['notifications'],
          summary: 'My in-app and email switches per notification kind (staff)',
          response: { 200: NotificationPreferencesSchema },
        },
      },
      async (req) => notifications.preferences(req.ctx),
    );

    app.put(
      '/api/v1/me/notification-preferences',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Change my notification switches; kinds left out keep theirs',
          body: UpdateNotificationPreferencesBodySchema,
          response: { 200: NotificationPreferencesSchema },
        },
      },
      async (req) => notifications.updatePreferences(req.ctx, req.body),
    );
  };
}
