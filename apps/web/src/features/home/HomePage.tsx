import { Anchor, Badge, Container, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../components/usePageTitle';
import { useRoleLabel } from '../../i18n/useRoleLabel';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { useSession } from '../auth/session';

/** Minimal signed-in landing page: who you are, nothing invented. */
export function HomePage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const user = useCurrentUser();
  const roleLabel = useRoleLabel();
  usePageTitle(t('home.title'));

  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            {t('home.greeting', { name: user.name })}
          </Title>
          <Text c="dimmed">{t('home.signedInAs', { email: user.email })}</Text>
        </div>
        <Paper withBorder radius="md" p="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg" component="dl" m={0}>
            <Fact label={t('home.role')}>{roleLabel(user.role)}</Fact>
            {workspace ? <Fact label={t('home.workspace')}>{workspace.name}</Fact> : null}
            <Fact label={t('home.twoFactor')}>
              <Badge color={user.twoFactorEnabled ? 'green' : 'gray'} variant="light">
                {user.twoFactorEnabled ? t('home.twoFactorOn') : t('home.twoFactorOff')}
              </Badge>
            </Fact>
          </SimpleGrid>
        </Paper>
        {user.twoFactorEnabled ? null : (
          <Anchor component={Link} to={paths.securitySettings}>
            {t('home.setUpTwoFactor')}
          </Anchor>
        )}
      </Stack>
    </Container>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" fw={500} m={0}>
        {children}
      </Text>
    </div>
  );
}
