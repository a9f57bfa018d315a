import { Anchor, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/ApiError';
import { ErrorState } from '../../components/ErrorState';
import { useErrorText } from '../../i18n/errorMessages';

/**
 * A ticket page's loading and error states, the same for agents and customers: a spinner, then
 * "not found" (no retry) or "could not load" (retry), each with a way back to the list.
 */
export function TicketLoadState<T>({
  query,
  back,
  children,
}: {
  query: UseQueryResult<T>;
  back: { to: string; label: string };
  children: (ticket: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (query.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader aria-label={t('ticketPage.loading')} />
      </Center>
    );
  }
  if (query.isError) {
    const missing = isApiError(query.error, 'ticket.not_found');
    return (
      <ErrorState
        title={missing ? t('ticketPage.notFound') : t('ticketPage.loadFailed')}
        message={errorText.describe(query.error)}
        onRetry={missing ? undefined : () => void query.refetch()}
        retryLabel={t('common.tryAgain')}
        action={
          <Anchor component={Link} to={back.to}>
            {back.label}
          </Anchor>
        }
      />
    );
  }
  return children(query.data);
}
