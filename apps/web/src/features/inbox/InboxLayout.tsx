import { Box, Divider, Flex, Group, Stack } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { FullPageLoader } from '../../components/FullPageLoader';
import { ChatOfferHost } from '../chat/ChatOfferHost';
import { ChatsNav } from '../chat/ChatsNav';
import { KbNavLink } from '../kb/KbNavLink';
import { NotificationBell } from '../notifications/NotificationBell';
import { AvailabilityToggle } from './AvailabilityToggle';
import { MentionsList } from './MentionsList';
import { useInboxLive } from './useInboxLive';
import { ViewPicker, ViewsNav } from './ViewsNav';

/** The agent workspace: views and availability on the side, the list or a ticket beside them. */
export function InboxLayout() {
  const { t } = useTranslation();
  useInboxLive();
  return (
    <Flex gap="lg" align="flex-start">
      <Box
        component="nav"
        aria-label={t('inbox.sidebar')}
        w={232}
        visibleFrom="md"
        style={{ flexShrink: 0, position: 'sticky', top: 'calc(var(--app-shell-header-height, 56px) + var(--mantine-spacing-md))' }}
      >
        <Stack gap="md">
          <AvailabilityToggle />
          <Divider />
          <ViewsNav />
          <ChatsNav />
          <MentionsList />
          <KbNavLink />
        </Stack>
      </Box>
      <Box flex={1} miw={0}>
        {/* One bell for every screen size: it owns the live unread count. */}
        <Group justify="flex-end" mb="xs">
          <NotificationBell />
        </Group>
        <Stack gap="sm" hiddenFrom="md" mb="md">
          <AvailabilityToggle />
          <ViewPicker />
        </Stack>
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </Box>
      <ChatOfferHost />
    </Flex>
  );
}
