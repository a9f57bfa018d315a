import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.js';
import { registerNotificationJobs, registerNotificationListeners } from './notifications.listeners.js';
import { notificationsRoutes } from './notifications.routes.js';
import { notificationsService } from './notifications.service.js';

export { NOTIFICATION_MAIL_JOB } from './notifications.listeners.js';
export { notificationPreferences, notificationReceipts, notifications } from './notifications.schema.js';

/** Notifications: in-app and email, made from outbox events by per-event rules, per-user switches. */
export async function registerNotifications(app: FastifyInstance, p: Platform) {
  const service = notificationsService(p);
  registerNotificationListeners(p);
  registerNotificationJobs(p);
  await app.register(notificationsRoutes(service));
  return { notifications: service };
}
