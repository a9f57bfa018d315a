import { Center, Loader, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { useErrorText } from '../../../i18n/errorMessages';

interface QueryStateProps<T> {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  /** Shown instead of the content when the loaded data is empty. */
  empty?: string;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}

const defaultIsEmpty = (data: unknown) => Array.isArray(data) && data.length === 0;

/** The loading, error and empty states every admin list shares. */
export function QueryState<T>({ query, empty, isEmpty = defaultIsEmpty, children }: QueryStateProps<T>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (query.isPending) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (query.error || query.data === undefined) {
    return (
      <ErrorState
        title={t('admin.common.loadFailed')}
        message={errorText.describe(query.error)}
        onRetry={() => void query.refetch()}
        retryLabel={t('common.tryAgain')}
      />
    );
  }
  if (empty && isEmpty(query.data)) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Text c="dimmed">{empty}</Text>
      </Paper>
    );
  }
  return <>{children(query.data)}</>;
}
