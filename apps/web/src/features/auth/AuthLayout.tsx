import { Box, Container, Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../components/Brand';
import { usePageTitle } from '../../components/usePageTitle';
import { LanguageSwitcher } from '../preferences/LanguageSwitcher';
import { useSession } from './session';

interface AuthLayoutProps {
  title: string;
  /** Visible heading; defaults to the page title. */
  heading?: string;
  children: ReactNode;
}

/** Centered card used by every signed-out screen, with the workspace brand and language. */
export function AuthLayout({ title, heading, children }: AuthLayoutProps) {
  const { t } = useTranslation();
  const { workspace } = useSession();
  usePageTitle(title);

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" py={{ base: 'md', sm: 48 }} px="md">
      <Container size={440} px={0}>
        <Group justify="space-between" mb="lg" wrap="nowrap" component="header">
          <Brand name={workspace?.name ?? t('app.name')} logoUrl={workspace?.logoUrl} />
          <LanguageSwitcher />
        </Group>
        <Paper component="main" withBorder radius="md" shadow="xs" p={{ base: 'lg', sm: 'xl' }}>
          <Title order={1} size="h2" mb="lg">
            {heading ?? title}
          </Title>
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
