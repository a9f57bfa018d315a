import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../api/types';
import { canOpenAdmin } from '../features/admin/access';
import { paths } from './paths';

interface UserMenuProps {
  user: Me;
  onSignOut: (everywhere: boolean) => void;
}

export function UserMenu({ user, onSignOut }: UserMenuProps) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('userMenu.label', { name: user.name })}>
          <Group gap="xs" wrap="nowrap">
            <Avatar name={user.name} color="initials" size={32} alt="" />
            <Text size="sm" fw={500} visibleFrom="sm" truncate="end" maw={160}>
              {user.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate="end">
            {user.name}
          </Text>
          <Text size="xs" truncate="end">
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to={paths.account}>
          {t('userMenu.account')}
        </Menu.Item>
        <Menu.Item component={Link} to={paths.securitySettings}>
          {t('userMenu.security')}
        </Menu.Item>
        {canOpenAdmin(user) ? (
          <Menu.Item component={Link} to={paths.admin}>
            {t('admin.nav.open')}
          </Menu.Item>
        ) : null}
        <Menu.Divider />
        <Menu.Item onClick={() => onSignOut(false)}>{t('userMenu.signOut')}</Menu.Item>
        <Menu.Item color="red" onClick={() => onSignOut(true)}>
          {t('userMenu.signOutEverywhere')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
