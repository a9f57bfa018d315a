import { AppShell, Box, Group } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { Brand } from '../components/Brand';
import { FormAlert } from '../components/FormAlert';
import { FullPageLoader } from '../components/FullPageLoader';
import { useCurrentUser } from '../features/auth/CurrentUserContext';
import { useSession } from '../features/auth/session';
import { useSignOut } from '../features/auth/useSignOut';
import { LanguageSwitcher } from '../features/preferences/LanguageSwitcher';
import { paths } from './paths';
import { UserMenu } from './UserMenu';

/** Chrome for every signed-in screen: header with workspace, language and account menu. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const user = useCurrentUser();
  const signOut = useSignOut();

  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Box component={Link} to={paths.home} miw={0} style={{ color: 'inherit', textDecoration: 'none' }}>
            <Brand name={workspace?.name ?? t('app.name')} logoUrl={workspace?.logoUrl} />
          </Box>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitcher />
            <UserMenu user={user} onSignOut={(everywhere) => signOut.mutate(everywhere)} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {signOut.isError ? (
          <Box mb="md">
            <FormAlert>{t('userMenu.signOutFailed')}</FormAlert>
          </Box>
        ) : null}
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
