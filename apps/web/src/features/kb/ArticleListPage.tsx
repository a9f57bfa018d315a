import { Anchor, Button, Center, Group, Loader, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { KB_STATUSES } from '@switchboard/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type KbArticleFilters, type KbArticleSummary, type KbStatus, kbApi } from '../../api/kb.api';
import { kbArticlePath, paths } from '../../app/paths';
import { ErrorState } from '../../components/ErrorState';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormat } from '../../i18n/format';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { hasPermission } from './access';
import { StatusBadge, TranslationBadges } from './KbBadges';
import { KbImportExport } from './KbImportExport';
import { categoriesQuery, KB_LOCALES, kbKeys, localeName, sectionOptions } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';

/** Every article (working copies), newest change first, filtered and paged with "load more". */
export function ArticleListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('kb.list.title'));
  const [filters, setFilters] = useState<KbArticleFilters>({});
  const [q, setQ] = useState('');
  const [tag, setTag] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [debouncedTag] = useDebouncedValue(tag.trim().toLowerCase(), 300);
  const effective: KbArticleFilters = { ...filters, q: debouncedQ || undefined, tag: debouncedTag || undefined };
  const list = useInfiniteQuery({
    queryKey: kbKeys.list(effective),
    queryFn: ({ pageParam, signal }) => kbApi.list(effective, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('kb.list.title')}
          </Title>
          <Text c="dimmed">{t('kb.list.description')}</Text>
        </Stack>
        <Group gap="xs" align="flex-start">
          <KbImportExport />
          {hasPermission(user, 'kb.write') ? (
            <Button component={Link} to={paths.kbNewArticle}>
              {t('kb.list.new')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Filters filters={filters} onChange={setFilters} q={q} onQ={setQ} tag={tag} onTag={setTag} />
      <ListBody list={list} items={items} />
    </Stack>
  );
}

interface FiltersProps {
  filters: KbArticleFilters;
  onChange: (filters: KbArticleFilters) => void;
  q: string;
  onQ: (q: string) => void;
  tag: string;
  onTag: (tag: string) => void;
}

function Filters({ filters, onChange, q, onQ, tag, onTag }: FiltersProps) {
  const { t, i18n } = useTranslation();
  const categories = useQuery(categoriesQuery);
  const set = (patch: KbArticleFilters) => onChange({ ...filters, ...patch });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label={t('kb.list.filters')}>
      <TextInput label={t('kb.list.search')} value={q} onChange={(e) => onQ(e.currentTarget.value)} type="search" w={220} />
      <NativeSelect
        label={t('kb.fields.status')}
        value={filters.status ?? ''}
        onChange={(e) => set({ status: (e.currentTarget.value || undefined) as KbStatus | undefined })}
        data={[{ value: '', label: t('kb.list.any') }, ...KB_STATUSES.map((s) => ({ value: s, label: t(`kb.status.${s}`) }))]}
      />
      <NativeSelect
        label={t('kb.fields.locale')}
        value={filters.locale ?? ''}
        onChange={(e) => set({ locale: e.currentTarget.value || undefined })}
        data={[{ value: '', label: t('kb.list.any') }, ...KB_LOCALES.map((l) => ({ value: l, label: localeName(l) }))]}
      />
      <NativeSelect
        label={t('kb.fields.section')}
        value={filters.sectionId ?? ''}
        onChange={(e) => set({ sectionId: e.currentTarget.value || undefined })}
        data={[{ value: '', label: t('kb.list.any') }, ...sectionOptions(categories.data ?? [], i18n.resolvedLanguage ?? 'en')]}
      />
      <TextInput label={t('kb.fields.tag')} value={tag} onChange={(e) => onTag(e.currentTarget.value)} w={160} />
    </Group>
  );
}

interface ListState {
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
  isFetchingNextPage: boolean;
}

function ListBody({ list, items }: { list: ListState; items: KbArticleSummary[] }) {
  const { t } = useTranslation();
  const errorText = useKbErrorText();
  if (list.isPending) {
    return (
      <Center py="xl" role="status">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (list.error) {
    return (
      <ErrorState
        title={t('kb.list.failed')}
        message={errorText.describe(list.error)}
        onRetry={() => void list.refetch()}
        retryLabel={t('common.tryAgain')}
      />
    );
  }
  if (!items.length) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Text c="dimmed">{t('kb.list.empty')}</Text>
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" aria-label={t('kb.list.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('kb.fields.title')}</Table.Th>
              <Table.Th>{t('kb.fields.status')}</Table.Th>
              <Table.Th>{t('kb.fields.locale')}</Table.Th>
              <Table.Th>{t('kb.translation.label')}</Table.Th>
              <Table.Th>{t('kb.list.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((article) => (
              <ArticleRow key={article.id} article={article} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('kb.list.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function ArticleRow({ article }: { article: KbArticleSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={kbArticlePath(article.id)} fw={500}>
          {article.title}
        </Anchor>
        {article.hasUnpublishedChanges && article.publishedVersion !== null ? (
          <Text size="xs" c="dimmed">
            {t('kb.list.unpublishedChanges')}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <StatusBadge status={article.status} />
      </Table.Td>
      <Table.Td lang={article.locale}>{localeName(article.locale)}</Table.Td>
      <Table.Td>
        <TranslationBadges translations={article.translations} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" component="time" dateTime={article.updatedAt} title={format.dateTime(article.updatedAt)}>
          {format.relative(article.updatedAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
