import { Anchor, Box, Divider, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { kbApi } from '../../api/kb.api';
import { kbArticlePath } from '../../app/paths';
import { useFormat } from '../../i18n/format';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { canOpenKb } from './access';
import { kbKeys } from './kbQueries';

/**
 * Articles the requester read in the 24 hours before opening the ticket; hidden when none.
 * It sits at the end of the ticket's side panel, so it has no frame of its own.
 */
export function TicketKbViewsCard({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const allowed = canOpenKb(user);
  const views = useQuery({
    queryKey: kbKeys.ticketViews(ticketId),
    queryFn: ({ signal }) => kbApi.ticketViews(ticketId, signal),
    enabled: allowed,
    staleTime: 5 * 60_000,
  });
  const items = views.data?.items ?? [];
  if (!allowed || !items.length) return null;
  return (
    <Box component="section" aria-labelledby="kb-views-title">
      <Divider mb="sm" />
      <Stack gap="xs">
        <Title order={3} size="h5" id="kb-views-title">
          {t('kb.ticketViews.title')}
        </Title>
        <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((view) => (
            <li key={`${view.articleId}-${view.viewedAt}`}>
              <Anchor component={Link} to={kbArticlePath(view.articleId)} size="sm" lang={view.locale}>
                {view.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('kb.ticketViews.viewed', { when: format.relative(view.viewedAt) })}
              </Text>
            </li>
          ))}
        </Stack>
      </Stack>
    </Box>
  );
}
