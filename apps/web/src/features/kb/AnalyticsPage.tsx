import { Anchor, Box, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type KbAnalytics, kbApi } from '../../api/kb.api';
import { kbArticlePath, paths } from '../../app/paths';
import { useFormat } from '../../i18n/format';
import { AdminPage } from '../admin/ui/AdminPage';
import { QueryState } from '../admin/ui/QueryState';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { hasPermission } from './access';
import { kbKeys, localeName } from './kbQueries';

const RANGES = [7, 30, 90] as const;

/** A proportional bar: decoration only, the number beside it carries the value. */
function Bar({ value, max, color = 'blue' }: { value: number; max: number; color?: string }) {
  const width = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0;
  return (
    <Box h={8} w={120} bg="var(--mantine-color-default-border)" style={{ borderRadius: 4 }} aria-hidden>
      <Box h={8} w={`${width}%`} bg={`var(--mantine-color-${color}-6)`} style={{ borderRadius: 4 }} />
    </Box>
  );
}

/** Help-center reach and quality: views, helpfulness, what people search for, and deflection. */
export function AnalyticsPage() {
  const { t } = useTranslation();
  const [days, setDays] = useState<number>(30);
  const report = useQuery({
    queryKey: kbKeys.analytics(days),
    queryFn: ({ signal }) => {
      const to = new Date();
      const from = new Date(to.getTime() - days * 86_400_000);
      return kbApi.analytics({ from: from.toISOString(), to: to.toISOString() }, signal);
    },
  });
  return (
    <AdminPage
      title={t('kb.analytics.title')}
      description={t('kb.analytics.description')}
      actions={
        <NativeSelect
          aria-label={t('kb.analytics.range')}
          value={String(days)}
          onChange={(e) => setDays(Number(e.currentTarget.value))}
          data={RANGES.map((d) => ({ value: String(d), label: t('kb.analytics.lastDays', { count: d }) }))}
        />
      }
    >
      <QueryState query={report}>{(data) => <Report data={data} />}</QueryState>
    </AdminPage>
  );
}

function Report({ data }: { data: KbAnalytics }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = (ratio: number | null) => (ratio === null ? '—' : `${Math.round(ratio * 100)}%`);
  const maxViews = Math.max(0, ...data.articles.map((a) => a.views));
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat label={t('kb.analytics.views')} value={format.number(data.articles.reduce((n, a) => n + a.views, 0))} />
        <Stat
          label={t('kb.analytics.deflectionRate')}
          value={percent(data.deflection.rate)}
          hint={t('kb.analytics.deflectionHint', {
            deflected: data.deflection.deflected,
            viewers: data.deflection.viewers,
            pending: data.deflection.pending,
          })}
        />
        <Stat label={t('kb.analytics.noResultSearches')} value={format.number(data.noResultSearches.reduce((n, s) => n + s.searches, 0))} />
      </SimpleGrid>
      <Section title={t('kb.analytics.articles')} empty={data.articles.length === 0}>
        <Table aria-label={t('kb.analytics.articles')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('kb.fields.title')}</Table.Th>
              <Table.Th>{t('kb.analytics.views')}</Table.Th>
              <Table.Th>{t('kb.analytics.uniqueViews')}</Table.Th>
              <Table.Th>{t('kb.analytics.helpfulRatio')}</Table.Th>
              <Table.Th>{t('kb.analytics.comments')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.articles.map((a) => (
              <Table.Tr key={a.articleId}>
                <Table.Td lang={a.locale}>
                  <Anchor component={Link} to={kbArticlePath(a.articleId)} size="sm">
                    {a.title}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    ({localeName(a.locale)})
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Bar value={a.views} max={maxViews} />
                    {format.number(a.views)}
                  </Group>
                </Table.Td>
                <Table.Td>{format.number(a.uniqueViews)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Bar value={a.helpfulRatio ?? 0} max={1} color="green" />
                    {percent(a.helpfulRatio)}{' '}
                    <Text span size="xs" c="dimmed">
                      ({a.helpful}/{a.helpful + a.notHelpful})
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>{format.number(a.approvedComments)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SearchTable title={t('kb.analytics.topSearches')} rows={data.topSearches} kind="top" />
        <SearchTable title={t('kb.analytics.noResultSearches')} rows={data.noResultSearches} kind="noResult" />
      </SimpleGrid>
    </Stack>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

function Section({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {empty ? (
        <Text c="dimmed">{t('kb.analytics.noData')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>{children}</Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** `top`: how many results a search found on average; `noResult`: a gap to fill, with a link to write the article. */
function SearchTable({ title, rows, kind }: { title: string; rows: KbAnalytics['topSearches']; kind: 'top' | 'noResult' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const canWrite = kind === 'noResult' && hasPermission(user, 'kb.write');
  const max = Math.max(0, ...rows.map((r) => r.searches));
  return (
    <Section title={title} empty={rows.length === 0}>
      <Table aria-label={title} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('kb.analytics.query')}</Table.Th>
            <Table.Th>{t('kb.analytics.searches')}</Table.Th>
            {kind === 'top' ? <Table.Th>{t('kbTools.analytics.avgResults')}</Table.Th> : null}
            {canWrite ? (
              <Table.Th>
                <VisuallyHidden>{t('kbTools.analytics.writeArticle')}</VisuallyHidden>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.query}>
              <Table.Td>{r.query}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Bar value={r.searches} max={max} color="grape" />
                  {format.number(r.searches)}
                </Group>
              </Table.Td>
              {kind === 'top' ? <Table.Td>{format.number(Math.round(r.avgResults * 10) / 10)}</Table.Td> : null}
              {canWrite ? (
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`${paths.kbNewArticle}?${new URLSearchParams({ title: r.query })}`}
                    size="sm"
                    aria-label={t('kbTools.analytics.writeArticleFor', { query: r.query })}
                  >
                    {t('kbTools.analytics.writeArticle')}
                  </Anchor>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
