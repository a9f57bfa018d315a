import type {
  Notification,
  NotificationKind,
  NotificationPage,
  NotificationPreferences,
  UpdateNotificationPreferencesBody,
} from '@switchboard/contracts';
import { apiFetch } from './apiFetch';

export type { Notification, NotificationKind, NotificationPage, NotificationPreferences };

export const notificationsApi = {
  list: (params: { cursor?: string; unread?: boolean; limit?: number }, signal?: AbortSignal) =>
    apiFetch<NotificationPage>('/notifications', {
      query: { cursor: params.cursor, unread: params.unread ? 'true' : undefined, limit: params.limit },
      signal,
    }),

  unreadCount: (signal?: AbortSignal) => apiFetch<{ count: number }>('/notifications/unread-count', { signal }),

  markRead: (id: string) => apiFetch<Notification>(`/notifications/${id}/read`, { method: 'POST' }),

  markAllRead: () => apiFetch<{ updated: number }>('/notifications/read-all', { method: 'POST' }),

  preferences: (signal?: AbortSignal) => apiFetch<NotificationPreferences>('/me/notification-preferences', { signal }),

  updatePreferences: (body: UpdateNotificationPreferencesBody) =>
    apiFetch<NotificationPreferences>('/me/notification-preferences', { method: 'PUT', body }),
};
