import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Notification, type NotificationPage, notificationsApi } from '../../api/notifications.api';
import { useRealtimeEvent } from '../../realtime/useRealtime';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: ['notifications', 'list'] as const,
  unread: ['notifications', 'unread'] as const,
  preferences: ['notifications', 'preferences'] as const,
};

const PAGE = 15;
type Pages = InfiniteData<NotificationPage, string | undefined>;

export function useUnreadCount() {
  return useQuery({ queryKey: notificationKeys.unread, queryFn: ({ signal }) => notificationsApi.unreadCount(signal) });
}

/** Newest first; the popover only fetches once it is opened. */
export function useNotificationList(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ pageParam, signal }) => notificationsApi.list({ cursor: pageParam, limit: PAGE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** A pushed notification goes on top of the list and the badge counts it, without a refetch. */
export function useNotificationsLive(): void {
  const queryClient = useQueryClient();
  useRealtimeEvent<Notification>('notification.created', (notification) => {
    queryClient.setQueryData<{ count: number }>(notificationKeys.unread, (old) => ({ count: (old?.count ?? 0) + 1 }));
    queryClient.setQueryData<Pages>(notificationKeys.list, (old) => {
      if (!old?.pages[0]) return old;
      if (old.pages.some((p) => p.items.some((n) => n.id === notification.id))) return old;
      const [first, ...rest] = old.pages;
      return { ...old, pages: [{ ...first, items: [notification, ...first.items] }, ...rest] };
    });
  });
}

function patchItems(old: Pages | undefined, change: (n: Notification) => Notification): Pages | undefined {
  if (!old) return old;
  return { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map(change) })) };
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSuccess: (read) => {
      queryClient.setQueryData<Pages>(notificationKeys.list, (old) => patchItems(old, (n) => (n.id === read.id ? read : n)));
      void queryClient.invalidateQueries({ queryKey: notificationKeys.unread });
    },
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => notificationsApi.markAllRead(),
    onSuccess: () => {
      const now = new Date().toISOString();
      queryClient.setQueryData<Pages>(notificationKeys.list, (old) => patchItems(old, (n) => (n.readAt ? n : { ...n, readAt: now })));
      queryClient.setQueryData(notificationKeys.unread, { count: 0 });
    },
  });
}
