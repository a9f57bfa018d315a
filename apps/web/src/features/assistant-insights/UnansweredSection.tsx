import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { kbArticlePath } from '../../app/paths';
import { useErrorText } from '../../i18n/errorMessages';
import { useFormat } from '../../i18n/format';
import { type ClusterActionBody, insightsApi, insightsKeys, type UnansweredCluster, type UnansweredClusters } from './insightsApi';

interface Props {
  data: UnansweredClusters;
  /** The filters the list was loaded with: the server finds the cluster with the same ones. */
  filters: ClusterActionBody;
  canWrite: boolean;
}

/** Questions the assistant could not answer, grouped; each group can become a knowledge-base draft. */
export function UnansweredSection({ data, filters, canWrite }: Props) {
  const { t } = useTranslation();
  const title = t('assistantInsights.unanswered.title');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={2} size="h4">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('assistantInsights.unanswered.summary', { questions: data.totalQuestions, clusters: data.items.length })}
      </Text>
      {data.items.length === 0 ? (
        <Text c="dimmed">{t('assistantInsights.unanswered.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={title}>
          {data.items.map((c) => (
            <ClusterItem key={c.key} cluster={c} filters={filters} canWrite={canWrite} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function ClusterItem({ cluster, filters, canWrite }: { cluster: UnansweredCluster; filters: ClusterActionBody; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const body = { ...filters, locale: cluster.locale };
  const refresh = () => queryClient.invalidateQueries({ queryKey: insightsKeys.all });
  const create = useMutation({
    mutationFn: () => insightsApi.createArticle(cluster.key, body),
    onSuccess: async (article) => {
      await refresh();
      navigate(kbArticlePath(article.id));
    },
    onError: setError,
  });
  const dismiss = useMutation({
    mutationFn: () => (cluster.dismissed ? insightsApi.restore(cluster.key) : insightsApi.dismiss(cluster.key, body)),
    onSuccess: refresh,
    onError: setError,
  });
  const others = cluster.samples.slice(1);
  return (
    <Paper withBorder radius="sm" p="sm" component="li" aria-label={cluster.representative}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600} lang={cluster.locale}>
              {cluster.representative}
            </Text>
            <Badge variant="light">{t('assistantInsights.unanswered.times', { count: cluster.count })}</Badge>
            <Badge variant="outline" color="gray">
              {cluster.locale}
            </Badge>
            {cluster.dismissed ? (
              <Badge color="gray" variant="light">
                {t('assistantInsights.unanswered.dismissed')}
              </Badge>
            ) : null}
          </Group>
          {others.length ? (
            <List size="sm" c="dimmed" lang={cluster.locale} aria-label={t('assistantInsights.unanswered.samples')}>
              {others.map((s) => (
                <List.Item key={s.id}>{s.text}</List.Item>
              ))}
            </List>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('assistantInsights.unanswered.lastSeen', { when: format.dateTime(cluster.lastSeen) })}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {cluster.article ? (
            <Anchor component={Link} to={kbArticlePath(cluster.article.id)} size="sm">
              {t('assistantInsights.unanswered.openArticle', { title: cluster.article.title })}
            </Anchor>
          ) : canWrite ? (
            <Button size="xs" loading={create.isPending} onClick={() => create.mutate()}>
              {t('assistantInsights.unanswered.createArticle')}
            </Button>
          ) : null}
          {canWrite ? (
            <Button size="xs" variant="subtle" color="gray" loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
              {cluster.dismissed ? t('assistantInsights.unanswered.restore') : t('assistantInsights.unanswered.dismiss')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {error ? (
        <Alert color="red" mt="xs" role="alert">
          {errorText.describe(error)}
        </Alert>
      ) : null}
    </Paper>
  );
}
