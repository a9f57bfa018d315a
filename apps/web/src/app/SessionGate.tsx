import { Container, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../components/ErrorState';
import { FullPageLoader } from '../components/FullPageLoader';
import { sessionQuery } from '../features/auth/session';
import { useUserLocaleSync } from '../features/auth/useUserLocaleSync';
import { LanguageSwitcher } from '../features/preferences/LanguageSwitcher';
import { useErrorText } from '../i18n/errorMessages';

/** Every screen needs the session (user, workspace, sign-up flag): render once it is known. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useQuery(sessionQuery);
  const errorText = useErrorText();

  if (session.data) return <SessionReady>{children}</SessionReady>;
  if (session.isError) {
    return (
      <Container size="sm" py="xl">
        <Group justify="flex-end" mb="lg">
          <LanguageSwitcher />
        </Group>
        <ErrorState
          title={t('fatal.sessionFailed')}
          message={errorText.describe(session.error)}
          onRetry={() => void session.refetch()}
          retryLabel={t('common.tryAgain')}
        />
      </Container>
    );
  }
  return <FullPageLoader />;
}

function SessionReady({ children }: { children: ReactNode }) {
  useUserLocaleSync();
  return children;
}
