import { Button, Container, Group, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useMatch } from 'react-router';
import { paths } from '../../app/paths';
import { FullPageLoader } from '../../components/FullPageLoader';
import { useRealtimeConnection, useRealtimeEvent } from '../../realtime/useRealtime';
import { HelpCenterLink } from '../kb/HelpCenterLink';
import { catchUpTimeline, ticketKeys } from '../tickets/ticketQueries';

interface CustomerTicketChanged {
  id: string;
  version: number;
  status: string;
  lastSeq: number;
}

/** The customer portal: my tickets and a way to ask a new question, on any screen size. */
export function PortalLayout() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const onNewTicket = useMatch(paths.portalNewTicket);

  // Customers hear about their own tickets (and followed ones): refresh what is on screen.
  useRealtimeEvent<CustomerTicketChanged>('ticket.changed', (change) => {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(change.id) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    catchUpTimeline(queryClient, change.id, change.lastSeq);
  });
  useRealtimeConnection();

  return (
    <Container size="md" px={0}>
      <Group justify="space-between" mb="lg" wrap="wrap" gap="sm" component="nav" aria-label={t('portal.nav')}>
        <Title order={1} size="h3">
          <Link to={paths.portal} style={{ color: 'inherit', textDecoration: 'none' }}>
            {t('portal.title')}
          </Link>
        </Title>
        <Group gap="xs" wrap="nowrap">
          <HelpCenterLink />
          <Button component={Link} to={paths.portalProfile} variant="default">
            {t('portal.profile.link')}
          </Button>
          {onNewTicket ? null : (
            <Button component={Link} to={paths.portalNewTicket}>
              {t('portal.newTicket')}
            </Button>
          )}
        </Group>
      </Group>
      <Suspense fallback={<FullPageLoader />}>
        <Outlet />
      </Suspense>
    </Container>
  );
}
