import { Box, Button, Flex, NativeSelect, NavLink, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { adminPath, paths } from '../../app/paths';
import { FullPageLoader } from '../../components/FullPageLoader';
import { usePageTitle } from '../../components/usePageTitle';
import { useCurrentUser } from '../auth/CurrentUserContext';
import {
  type AdminSectionGroup,
  type AdminSectionKey,
  allowedSections,
  type CoreSectionKey,
  canOpenAdmin,
  canOpenSection,
  isAssistantSection,
  sectionGroup,
} from './access';

/** Grouped sections, in the order their headings appear below the ungrouped ones. */
const ADMIN_GROUPS: readonly AdminSectionGroup[] = ['assistant'];
const GROUP_LABELS = { assistant: 'assistantAdmin.nav.group' } as const satisfies Record<AdminSectionGroup, string>;

/** The section the URL names (`/admin/teams/...` → `teams`). */
function useCurrentSection(): string | null {
  const { pathname } = useLocation();
  const rest = pathname.slice(paths.admin.length).split('/').filter(Boolean);
  return rest[0] ?? null;
}

/** The admin console: sections on the side, the chosen screen beside them. Admins only. */
export function AdminLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const current = useCurrentSection();
  const sections = allowedSections(user);
  if (!canOpenAdmin(user)) return <AdminForbidden />;
  const label = (key: AdminSectionKey): string =>
    isAssistantSection(key) ? t(`assistantAdmin.nav.${key}`) : t(`admin.nav.${key as CoreSectionKey}`);
  const ungrouped = sections.filter((key) => !sectionGroup(key));
  const groups = ADMIN_GROUPS.map((group) => ({ group, keys: sections.filter((key) => sectionGroup(key) === group) })).filter(
    (entry) => entry.keys.length > 0,
  );
  const link = (key: AdminSectionKey) => (
    <NavLink
      key={key}
      component={Link}
      to={adminPath(key)}
      label={label(key)}
      active={key === current}
      aria-current={key === current ? 'page' : undefined}
    />
  );

  return (
    <Flex gap="lg" align="flex-start">
      <Box
        component="nav"
        aria-label={t('admin.nav.label')}
        w={220}
        visibleFrom="md"
        style={{ flexShrink: 0, position: 'sticky', top: 'calc(var(--app-shell-header-height, 56px) + var(--mantine-spacing-md))' }}
      >
        <Stack gap={4}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
            {t('admin.nav.title')}
          </Text>
          {ungrouped.map(link)}
          {groups.map(({ group, keys }) => (
            <Stack key={group} gap={4} mt="sm">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                {t(GROUP_LABELS[group])}
              </Text>
              {keys.map(link)}
            </Stack>
          ))}
        </Stack>
      </Box>
      <Box flex={1} miw={0}>
        <Box hiddenFrom="md" mb="md">
          <NativeSelect
            aria-label={t('admin.nav.label')}
            data={[
              ...ungrouped.map((key) => ({ value: key, label: label(key) })),
              ...groups.map(({ group, keys }) => ({
                group: t(GROUP_LABELS[group]),
                items: keys.map((key) => ({ value: key, label: label(key) })),
              })),
            ]}
            value={current ?? ''}
            onChange={(event) => void navigate(adminPath(event.currentTarget.value as AdminSectionKey))}
          />
        </Box>
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </Box>
    </Flex>
  );
}

/** `/admin`: the first section this admin may open. */
export function AdminHome() {
  const user = useCurrentUser();
  const [first] = allowedSections(user);
  return first ? <Navigate to={adminPath(first)} replace /> : <AdminForbidden />;
}

/** One section's route: refused when the admin's role lacks that section's permission. */
export function AdminSection({ section, children }: { section: AdminSectionKey; children: ReactNode }) {
  const user = useCurrentUser();
  return canOpenSection(user, section) ? children : <AdminForbidden />;
}

/** What everyone else sees at /admin: a refusal, without hinting at what is inside. */
export function AdminForbidden() {
  const { t } = useTranslation();
  usePageTitle(t('admin.forbidden.title'));
  return (
    <Stack gap="sm" align="flex-start" role="alert" py="xl">
      <Title order={1} size="h2">
        {t('admin.forbidden.title')}
      </Title>
      <Text c="dimmed">{t('admin.forbidden.body')}</Text>
      <Button component={Link} to={paths.home}>
        {t('admin.forbidden.home')}
      </Button>
    </Stack>
  );
}
