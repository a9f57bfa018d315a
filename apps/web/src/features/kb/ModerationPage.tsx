import { Anchor, Badge, Button, Center, Group, Loader, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type KbFeedbackItem, kbApi } from '../../api/kb.api';
import { kbArticlePath } from '../../app/paths';
import { ErrorState } from '../../components/ErrorState';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../i18n/format';
import { AdminPage } from '../admin/ui/AdminPage';
import { kbKeys } from './kbQueries';
import { useKbErrorText } from './useKbErrorText';

type Moderation = KbFeedbackItem['moderation'];

/** Comments readers left with "Was this helpful?": nothing reaches staff reports before approval. */
export function ModerationPage() {
  const { t } = useTranslation();
  const errorText = useKbErrorText();
  const [state, setState] = useState<Moderation>('pending');
  const list = useInfiniteQuery({
    queryKey: kbKeys.feedback(state),
    queryFn: ({ pageParam, signal }) => kbApi.feedback(state, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminPage title={t('kb.moderation.title')} description={t('kb.moderation.description')}>
      <SegmentedControl
        aria-label={t('kb.moderation.show')}
        value={state}
        onChange={(value) => setState(value as Moderation)}
        data={(['pending', 'approved', 'rejected'] as const).map((value) => ({ value, label: t(`kb.moderation.state.${value}`) }))}
        style={{ alignSelf: 'flex-start' }}
      />
      {list.isPending ? (
        <Center py="xl" role="status">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : list.error ? (
        <ErrorState
          title={t('kb.moderation.failed')}
          message={errorText.describe(list.error)}
          onRetry={() => void list.refetch()}
          retryLabel={t('common.tryAgain')}
        />
      ) : items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed">{t(`kb.moderation.empty.${state}`)}</Text>
        </Paper>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('kb.moderation.title')}>
          {items.map((item) => (
            <FeedbackCard key={item.id} item={item} />
          ))}
        </Stack>
      )}
      {list.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('kb.list.loadMore')}
          </Button>
        </Group>
      ) : null}
    </AdminPage>
  );
}

function FeedbackCard({ item }: { item: KbFeedbackItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useKbErrorText();
  const queryClient = useQueryClient();
  const moderate = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => kbApi.moderate(item.id, decision),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['kb', 'feedback'] }),
  });
  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Anchor component={Link} to={kbArticlePath(item.articleId)} fw={600} lang={item.locale ?? undefined}>
              {item.articleTitle}
            </Anchor>
            <Badge color={item.helpful ? 'green' : 'orange'} variant="light" autoContrast>
              {item.helpful ? t('kb.moderation.helpful') : t('kb.moderation.notHelpful')}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed" component="time" dateTime={item.createdAt}>
            {format.dateTime(item.createdAt)}
          </Text>
        </Group>
        {item.comment ? (
          <Text style={{ whiteSpace: 'pre-wrap' }} lang={item.locale ?? undefined}>
            {item.comment}
          </Text>
        ) : null}
        {moderate.error ? <FormAlert>{errorText.describe(moderate.error)}</FormAlert> : null}
        {item.moderation === 'pending' ? (
          <Group gap="xs">
            <Button
              size="xs"
              loading={moderate.isPending && moderate.variables === 'approve'}
              disabled={moderate.isPending}
              onClick={() => moderate.mutate('approve')}
            >
              {t('kb.moderation.approve')}
            </Button>
            <Button
              size="xs"
              variant="default"
              color="red"
              loading={moderate.isPending && moderate.variables === 'reject'}
              disabled={moderate.isPending}
              onClick={() => moderate.mutate('reject')}
            >
              {t('kb.moderation.reject')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
