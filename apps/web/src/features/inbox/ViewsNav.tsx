import { Badge, Box, Button, Group, NativeSelect, NavLink, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useMatch, useNavigate } from 'react-router';
import type { ViewCounts } from '../../api/types';
import { inboxViewPath, paths } from '../../app/paths';
import { useFormat } from '../../i18n/format';
import { type InboxView, useInboxViews } from './useInboxViews';
import { ViewMenu } from './ViewActions';

/** The view the list shows, from the URL (the layout sits above the route that names it). */
export function useCurrentViewKey(): string | null {
  const match = useMatch(`${paths.inbox}/view/:viewKey`);
  return match?.params.viewKey ?? null;
}

function CountBadge({ counts, viewKey }: { counts: ViewCounts; viewKey: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const count = counts[viewKey];
  if (!count) return null;
  const text = count.capped ? t('inbox.countCapped', { count: format.number(count.count) }) : format.number(count.count);
  return (
    <Badge size="sm" variant="light" color="gray" circle={false}>
      {text}
    </Badge>
  );
}

const GROUP_TITLES = { shared: 'inbox.views.shared', personal: 'inbox.views.personal' } as const;

/** Sidebar list of views with their counts; the current one is marked for screen readers too. */
export function ViewsNav() {
  const { t } = useTranslation();
  const current = useCurrentViewKey();
  const { views, counts, isLoading, error, retry } = useInboxViews();

  const navLink = (view: InboxView) => (
    <NavLink
      key={view.key}
      component={Link}
      to={inboxViewPath(view.key)}
      label={view.name}
      active={view.key === current}
      aria-current={view.key === current ? 'page' : undefined}
      rightSection={<CountBadge counts={counts} viewKey={view.key} />}
    />
  );
  // The menu sits beside the link, not inside it: a button inside a link is not operable.
  const link = (view: InboxView) =>
    view.view ? (
      <Group key={view.key} gap={2} wrap="nowrap">
        <Box flex={1} miw={0}>
          {navLink(view)}
        </Box>
        <ViewMenu view={view.view} />
      </Group>
    ) : (
      navLink(view)
    );

  return (
    <Stack gap={4}>
      {views.filter((view) => view.group === 'builtin').map(link)}
      {(['shared', 'personal'] as const).map((group) => {
        const inGroup = views.filter((view) => view.group === group);
        if (!inGroup.length) return null;
        return (
          <Stack gap={4} key={group} mt="sm">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
              {t(GROUP_TITLES[group])}
            </Text>
            {inGroup.map(link)}
          </Stack>
        );
      })}
      {isLoading ? <Skeleton h={28} mt="sm" aria-hidden /> : null}
      {error ? (
        <Stack gap={4} mt="sm" px="sm" role="alert">
          <Text size="sm" c="dimmed">
            {t('inbox.views.failed')}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={retry}>
            {t('common.tryAgain')}
          </Button>
        </Stack>
      ) : null}
    </Stack>
  );
}

/** The same choice as a select, for narrow screens where the sidebar is hidden. */
export function ViewPicker() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const current = useCurrentViewKey();
  const { views } = useInboxViews();
  return (
    <NativeSelect
      aria-label={t('inbox.views.label')}
      data={views.map((view) => ({ value: view.key, label: view.name }))}
      value={current ?? ''}
      onChange={(event) => void navigate(inboxViewPath(event.currentTarget.value))}
    />
  );
}
