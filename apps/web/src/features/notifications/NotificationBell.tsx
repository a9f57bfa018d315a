import { ActionIcon, Button, Group, Indicator, Loader, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../api/notifications.api';
import { paths, ticketPath } from '../../app/paths';
import { useFormat, useNow } from '../../i18n/format';
import { useMarkAllRead, useMarkRead, useNotificationList, useNotificationsLive, useUnreadCount } from './useNotifications';

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The bell in the agent workspace: unread count, the latest notifications, live. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount();
  useNotificationsLive();
  const count = unread.data?.count ?? 0;
  const label = count ? t('notifications.bellUnread', { count }) : t('notifications.bell');

  return (
    // The badge wraps the whole popover: the popover's target must be the button itself, which
    // gets aria-expanded/aria-haspopup (a wrapping div may not carry them).
    <Indicator label={count > 99 ? '99+' : count} size={18} disabled={!count} color="red" offset={4}>
      <Popover opened={opened} onChange={setOpened} position="bottom-start" width={340} shadow="md" withinPortal hideDetached={false}>
        <Popover.Target>
          <ActionIcon variant="default" size="lg" aria-label={label} onClick={() => setOpened((o) => !o)}>
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0}>{opened ? <NotificationPanel onClose={() => setOpened(false)} /> : null}</Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}

function NotificationPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useNotificationList(true);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    onClose();
    if (n.ticketId) void navigate(ticketPath(n.ticketId));
  };

  return (
    <Stack gap={0}>
      <Group justify="space-between" px="sm" py="xs" wrap="nowrap">
        <Text fw={700} size="sm">
          {t('notifications.title')}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => markAll.mutate()}
          loading={markAll.isPending}
          disabled={!items.some((n) => !n.readAt)}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      <ScrollArea.Autosize mah={380}>
        {list.isPending ? (
          <Group justify="center" p="md">
            <Loader size="sm" aria-label={t('notifications.loading')} />
          </Group>
        ) : list.isError ? (
          <Stack p="sm" gap="xs" align="flex-start">
            <Text size="sm" c="red">
              {t('notifications.loadFailed')}
            </Text>
            <Button size="compact-xs" variant="light" onClick={() => void list.refetch()}>
              {t('common.tryAgain')}
            </Button>
          </Stack>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t('notifications.empty')}
          </Text>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('notifications.title')}>
            {items.map((n) => (
              <li key={n.id}>
                <NotificationRow notification={n} onOpen={() => open(n)} />
              </li>
            ))}
          </Stack>
        )}
        {list.hasNextPage ? (
          <Group justify="center" p="xs">
            <Button size="compact-xs" variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('notifications.loadMore')}
            </Button>
          </Group>
        ) : null}
      </ScrollArea.Autosize>
      <Group justify="flex-end" px="sm" py="xs">
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            onClose();
            void navigate(paths.accountNotifications);
          }}
        >
          {t('notifications.settings')}
        </Button>
      </Group>
    </Stack>
  );
}

function NotificationRow({ notification: n, onOpen }: { notification: Notification; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const vars = { name: n.actor?.name ?? t('notifications.someone'), number: n.ticketNumber ?? '?', subject: n.ticketSubject ?? '' };
  return (
    <UnstyledButton
      onClick={onOpen}
      w="100%"
      px="sm"
      py={6}
      style={{ background: n.readAt ? undefined : 'var(--mantine-color-blue-light)' }}
      aria-label={`${t(`notifications.kind.${n.kind}`, vars)}${n.readAt ? '' : `, ${t('notifications.unread')}`}`}
    >
      <Text size="sm" fw={n.readAt ? 400 : 600} lineClamp={2}>
        {t(`notifications.kind.${n.kind}`, vars)}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {n.ticketSubject} · {format.relative(n.createdAt, now)}
      </Text>
    </UnstyledButton>
  );
}
