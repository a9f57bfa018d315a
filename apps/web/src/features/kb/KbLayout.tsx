import { Box, Button, Flex, NativeSelect, NavLink, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { kbPath, paths } from '../../app/paths';
import { FullPageLoader } from '../../components/FullPageLoader';
import { usePageTitle } from '../../components/usePageTitle';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { allowedKbSections, canOpenKb, hasPermission, type KbSectionKey } from './access';

const sectionPath = (key: KbSectionKey) => (key === 'articles' ? paths.kb : kbPath(key));

/** `/kb/categories` → `categories`; articles (the list and the editor) otherwise. */
function useCurrentSection(): KbSectionKey {
  const { pathname } = useLocation();
  const first = pathname.slice(paths.kb.length).split('/').filter(Boolean)[0];
  return first === 'categories' || first === 'moderation' || first === 'analytics' ? first : 'articles';
}

/** The staff knowledge base: its screens on the side, the chosen one beside them. */
export function KbLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const current = useCurrentSection();
  if (!canOpenKb(user)) return <KbForbidden />;
  const sections = allowedKbSections(user);
  const label = (key: KbSectionKey) => t(`kb.nav.${key}`);
  return (
    <Flex gap="lg" align="flex-start">
      <Box
        component="nav"
        aria-label={t('kb.nav.label')}
        w={220}
        visibleFrom="md"
        style={{ flexShrink: 0, position: 'sticky', top: 'calc(var(--app-shell-header-height, 56px) + var(--mantine-spacing-md))' }}
      >
        <Stack gap={4}>
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
            {t('kb.nav.title')}
          </Text>
          {sections.map((key) => (
            <NavLink
              key={key}
              component={Link}
              to={sectionPath(key)}
              label={label(key)}
              active={key === current}
              aria-current={key === current ? 'page' : undefined}
            />
          ))}
          <NavLink component={Link} to={paths.inbox} label={t('kb.nav.inbox')} mt="sm" />
        </Stack>
      </Box>
      <Box flex={1} miw={0}>
        <Box hiddenFrom="md" mb="md">
          <NativeSelect
            aria-label={t('kb.nav.label')}
            data={sections.map((key) => ({ value: key, label: label(key) }))}
            value={current}
            onChange={(event) => void navigate(sectionPath(event.currentTarget.value as KbSectionKey))}
          />
        </Box>
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </Box>
    </Flex>
  );
}

/** One screen's route: refused when the user's role lacks its permission. */
export function KbSection({ section, children }: { section: KbSectionKey; children: ReactNode }) {
  const user = useCurrentUser();
  return allowedKbSections(user).includes(section) ? children : <KbForbidden />;
}

/** Editing needs kb.write; readers (kb.read_internal only) are refused the editor. */
export function RequireKbWrite({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  return hasPermission(user, 'kb.write') ? children : <KbForbidden />;
}

export function KbForbidden() {
  const { t } = useTranslation();
  usePageTitle(t('kb.forbidden.title'));
  return (
    <Stack gap="sm" align="flex-start" role="alert" py="xl">
      <Title order={1} size="h2">
        {t('kb.forbidden.title')}
      </Title>
      <Text c="dimmed">{t('kb.forbidden.body')}</Text>
      <Button component={Link} to={paths.home}>
        {t('kb.forbidden.home')}
      </Button>
    </Stack>
  );
}
